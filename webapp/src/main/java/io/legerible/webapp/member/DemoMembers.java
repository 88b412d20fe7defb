package io.legerible.webapp.member;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The original project's three demo members and a demo librarian. Each group's password comes from
 * configuration; without one, a random password is generated when the accounts are created and
 * logged that one time.
 */
@Component
public class DemoMembers {

  /** User name, first name and last name of each demo member, as in the original. */
  public static final List<List<String>> MEMBERS =
      List.of(
          List.of("benni", "Ben", "Hell"),
          List.of("nadia", "Nadia", "Tall"),
          List.of("susi", "Susanne", "Nieble"));

  /** User name, first name and last name of the demo librarian. */
  public static final List<String> LIBRARIAN = List.of("librarian", "Lena", "Lindqvist");

  private static final Logger log = LoggerFactory.getLogger(DemoMembers.class);

  private final MemberRepository members;
  private final PasswordEncoder passwordEncoder;
  private final String memberPassword;
  private final String librarianPassword;

  DemoMembers(
      MemberRepository members,
      PasswordEncoder passwordEncoder,
      @Value("${legerible.demo.member-password:}") String memberPassword,
      @Value("${legerible.demo.librarian-password:}") String librarianPassword) {
    this.members = members;
    this.passwordEncoder = passwordEncoder;
    this.memberPassword = memberPassword;
    this.librarianPassword = librarianPassword;
  }

  /**
   * Creates the demo members and the demo librarian that are missing; returns user name → id of the
   * members just created.
   */
  public Map<String, Long> ensure() {
    Map<String, Long> created =
        ensure(MEMBERS, Role.MEMBER, memberPassword, "LEGERIBLE_DEMO_MEMBER_PASSWORD");
    ensure(
        List.of(LIBRARIAN), Role.LIBRARIAN, librarianPassword, "LEGERIBLE_DEMO_LIBRARIAN_PASSWORD");
    return created;
  }

  private Map<String, Long> ensure(
      List<List<String>> accounts, Role role, String configuredPassword, String variable) {
    boolean generated = configuredPassword.isBlank();
    String password = generated ? generatePassword() : configuredPassword;
    String hash = passwordEncoder.encode(password);
    Map<String, Long> created = new LinkedHashMap<>();
    for (List<String> account : accounts) {
      String username = account.get(0);
      members
          .insertIfAbsent(username, hash, account.get(1), account.get(2), role)
          .ifPresentOrElse(
              id -> created.put(username, id),
              () -> {
                if (!generated) {
                  refreshPassword(username, configuredPassword);
                }
              });
    }
    if (generated && !created.isEmpty()) {
      log.warn(
          "Demo {}s {} were created with the generated password '{}'. Set {} to choose it; it is"
              + " not shown again.",
          role.name().toLowerCase(java.util.Locale.ROOT),
          created.keySet(),
          password,
          variable);
    }
    return created;
  }

  private void refreshPassword(String username, String configuredPassword) {
    members
        .findPrincipal(username)
        .filter(principal -> !passwordEncoder.matches(configuredPassword, principal.getPassword()))
        .ifPresent(
            principal ->
                members.updatePasswordHash(username, passwordEncoder.encode(configuredPassword)));
  }

  /** A random password of 16 URL-safe characters. */
  static String generatePassword() {
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
