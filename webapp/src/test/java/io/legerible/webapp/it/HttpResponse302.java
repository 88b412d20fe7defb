package io.legerible.webapp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

/** Assertions on the website's post-redirect-get answers. */
final class HttpResponse302 {

  private HttpResponse302() {}

  static void assertRedirect(HttpResponse<String> response) {
    assertThat(response.statusCode()).as("answer to a form").isEqualTo(302);
  }
}
