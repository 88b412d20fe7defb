package io.legerible.webapp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Password guessing is paused per user name and per client address, alike for every name. */
class SignInThrottlingIT extends WebsiteIntegrationTest {

  private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

  @Test
  void anAccountIsPausedAfterFiveWrongPasswordsEvenForTheRightOne() {
    String username = newMember();
    for (int i = 0; i < 5; i++) {
      assertThat(location(visitor().trySignIn(username, "wrong-" + i, newAddress())))
          .isEqualTo("/login?error");
    }
    assertThat(location(visitor().trySignIn(username, DEMO_PASSWORD, newAddress())))
        .isEqualTo("/login?throttled");

    WebSession visitor = visitor();
    visitor.trySignIn(username, DEMO_PASSWORD, newAddress());
    assertThat(visitor.browse("/login?throttled").body())
        .contains("Too many failed sign-ins")
        .contains("wait 15 minutes");
    assertThat(visitor.get("/profile").statusCode()).as("still signed out").isEqualTo(302);
  }

  @Test
  void anAddressTryingManyUserNamesIsPausedWhileOthersSignIn() {
    String address = newAddress();
    for (int i = 0; i < 20; i++) {
      visitor().trySignIn("guess-" + i, "password", address);
    }
    String username = newMember();
    assertThat(location(visitor().trySignIn(username, DEMO_PASSWORD, address)))
        .isEqualTo("/login?throttled");
    assertThat(location(visitor().trySignIn(username, DEMO_PASSWORD, newAddress()))).isEqualTo("/");
  }

  @Test
  void unknownAndExistingUserNamesAreAnsweredAlike() {
    String existing = newMember();
    String unknown = "nobody-" + System.nanoTime() % 100_000;
    for (int i = 0; i < 5; i++) {
      assertThat(location(visitor().trySignIn(existing, "wrong", newAddress())))
          .isEqualTo(location(visitor().trySignIn(unknown, "wrong", newAddress())))
          .isEqualTo("/login?error");
    }
    assertThat(location(visitor().trySignIn(existing, "wrong", newAddress())))
        .isEqualTo(location(visitor().trySignIn(unknown, "wrong", newAddress())))
        .isEqualTo("/login?throttled");
  }

  @Test
  void aSuccessfulSignInForgetsTheAccountsEarlierFailures() {
    String username = newMember();
    for (int i = 0; i < 4; i++) {
      visitor().trySignIn(username, "wrong", newAddress());
    }
    assertThat(location(visitor().trySignIn(username, DEMO_PASSWORD, newAddress()))).isEqualTo("/");
    for (int i = 0; i < 4; i++) {
      visitor().trySignIn(username, "wrong", newAddress());
    }
    assertThat(location(visitor().trySignIn(username, DEMO_PASSWORD, newAddress()))).isEqualTo("/");
  }

  private static String newAddress() {
    int n = NEXT_ADDRESS.getAndIncrement();
    return "198.51." + (100 + n / 250) + "." + (1 + n % 250);
  }

  private static String location(HttpResponse<String> response) {
    assertThat(response.statusCode()).as("answer to the sign-in form").isEqualTo(302);
    return response.headers().firstValue("Location").orElseThrow();
  }
}
