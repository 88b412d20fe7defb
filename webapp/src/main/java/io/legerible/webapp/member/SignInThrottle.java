package io.legerible.webapp.member;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Refuses sign-ins for a user name or from a client address after too many failures within a
 * window. Any user name counts, whether a member has it or not, so the answers never tell which
 * user names exist.
 */
@Component
public class SignInThrottle {

  private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

  private final SignInFailureRepository failures;
  private final int maxPerAccount;
  private final int maxPerAddress;
  private final Duration window;

  SignInThrottle(
      SignInFailureRepository failures,
      @Value("${legerible.sign-in.max-failures-per-account:5}") int maxPerAccount,
      @Value("${legerible.sign-in.max-failures-per-address:20}") int maxPerAddress,
      @Value("${legerible.sign-in.window:15m}") Duration window) {
    this.failures = failures;
    this.maxPerAccount = maxPerAccount;
    this.maxPerAddress = maxPerAddress;
    this.window = window;
  }

  /** How long a refused sign-in has to wait at most. */
  public Duration window() {
    return window;
  }

  /** Whether a sign-in with this user name from this address is refused without a check. */
  public boolean refuses(String username, String address) {
    boolean refused =
        failures.failures(account(username), window) >= maxPerAccount
            || failures.failures(address(address), window) >= maxPerAddress;
    if (refused) {
      log.info("Sign-in throttled for a user name from {}", address);
    }
    return refused;
  }

  /** Counts a wrong user name or password against both. */
  public void failed(String username, String address) {
    failures.record(List.of(account(username), address(address)), window);
  }

  /** A successful sign-in clears the account's failures (not the address's). */
  public void succeeded(String username) {
    failures.forget(account(username));
  }

  private static String account(String username) {
    String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    return "account:" + (name.length() > 64 ? name.substring(0, 64) : name);
  }

  private static String address(String address) {
    return "address:" + address;
  }
}
