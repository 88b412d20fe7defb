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
 * The original project's three demo members. Their password comes from configuration; without one,
 * a random password is generated when the members are created and logged that one time.
 */
@Component
public class DemoMembers {

  /** User name, first name and last name of each demo member, as in the original. */
  public static final List<List<String>> MEMBERS =
      List.of(
          List.of("benni", "Ben", "Hell"),
          List.of("nadia", "Nadia", "Tall"),
          List.of("susi", "Susanne", "Nieble"));

  private static final Logger log = LoggerFactory.getLogger(DemoMembers.class);

  private final MemberRepository members;
  private final PasswordEncoder passwordEncoder;
  private final String configuredPassword;

  DemoMembers(
      MemberRepository members,
      PasswordEncoder passwordEncoder,
      @Value("${legerible.demo.member-password:}") String configuredPassword) {
    this.members = members;
    this.passwordEncoder = passwordEncoder;
    this.configuredPassword = configuredPassword;
  }

  /** Creates the demo members that are missing; returns user name → id of those just created. */
  public Map<String, Long> ensure() {
    boolean generated = configuredPassword.isBlank();
    String password = generated ? generatePassword() : configuredPassword;
    String hash = passwordEncoder.encode(password);
    Map<String, Long> created = new LinkedHashMap<>();
    for (List<String> member : MEMBERS) {
      String username = member.get(0);
      members
          .insertIfAbsent(username, hash, member.get(1), member.get(2))
          .ifPresentOrElse(
              id -> created.put(username, id),
              () -> {
                if (!generated) {
                  refreshPassword(username);
                }
              });
    }
    if (generated && !created.isEmpty()) {
      log.warn(
          "Demo members {} were created with the generated password '{}'. Set"
              + " LEGERIBLE_DEMO_MEMBER_PASSWORD to choose it; it is not shown again.",
          created.keySet(),
          password);
    }
    return created;
  }

  private void refreshPassword(String username) {
    members
        .findPrincipal(username)
        .filter(principal -> !passwordEncoder.matches(configuredPassword, principal.getPassword()))
        .ifPresent(
            principal ->
                members.updatePasswordHash(username, passwordEncoder.encode(configuredPassword)));
  }

  private static String generatePassword() {
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
