package io.legerible.webapp.member;

import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Registers members at the desk: each gets a library card with a generated first password. */
@Component
public class LibraryCards {

  /** User names the library accepts (the database enforces the same). */
  public static final Pattern USERNAME = Pattern.compile("[a-z0-9_.-]{3,32}");

  private final MemberRepository members;
  private final PasswordEncoder passwordEncoder;

  LibraryCards(MemberRepository members, PasswordEncoder passwordEncoder) {
    this.members = members;
    this.passwordEncoder = passwordEncoder;
  }

  /** A new member's user name and the password to hand over with the card. */
  public record LibraryCard(String username, String password) {}

  /** Registers the member; empty when the user name is taken. */
  public Optional<LibraryCard> issue(String username, String firstName, String lastName) {
    if (!USERNAME.matcher(username).matches()) {
      throw new IllegalArgumentException("invalid user name");
    }
    String password = DemoMembers.generatePassword();
    return members
        .insertIfAbsent(
            username,
            passwordEncoder.encode(password),
            firstName.strip(),
            lastName.strip(),
            Role.MEMBER)
        .map(id -> new LibraryCard(username, password));
  }
}
