package io.legerible.operator.dependent;

import java.security.SecureRandom;
import java.util.Base64;

/** Random passwords for generated credentials Secrets. */
public final class GeneratedPasswords {

  private static final SecureRandom RANDOM = new SecureRandom();

  private GeneratedPasswords() {}

  /** 24 random bytes, URL-safe Base64 without padding (32 characters, safe in URLs and shells). */
  public static String newPassword() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
