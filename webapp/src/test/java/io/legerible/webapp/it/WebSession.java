package io.legerible.webapp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One visitor of the website over real HTTP: its own cookies, CSRF tokens read from pages. */
final class WebSession {

  /** What a browser asks for, so errors come back as pages as they would for a person. */
  private static final String ACCEPT_HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8";

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final String base;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http;

  WebSession(String base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  HttpResponse<String> get(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path)).header("Accept", ACCEPT_HTML).GET());
  }

  /** GET with extra request headers, e.g. what a proxy in front of the website adds. */
  HttpResponse<String> get(String path, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).header("Accept", ACCEPT_HTML).GET();
    headers.forEach(request::header);
    return send(request);
  }

  HttpResponse<String> head(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Accept", ACCEPT_HTML)
            .method("HEAD", HttpRequest.BodyPublishers.noBody()));
  }

  /** GET, following redirects within the site. */
  HttpResponse<String> browse(String path) {
    HttpResponse<String> response = get(path);
    for (int i = 0; i < 5 && response.statusCode() / 100 == 3; i++) {
      String location = response.headers().firstValue("Location").orElseThrow();
      response = get(URI.create(base).resolve(location).getRawPath() + query(location));
    }
    return response;
  }

  /** POSTs a form without any CSRF token, as a forged cross-site request would. */
  HttpResponse<String> postWithoutToken(String path, Map<String, String> form) {
    return post(path, form);
  }

  /** POSTs a form the way the page at {@code pagePath} would: with that page's CSRF token. */
  HttpResponse<String> submit(String pagePath, String action, Map<String, String> form) {
    HttpResponse<String> page = get(pagePath);
    assertThat(page.statusCode()).as("GET %s", pagePath).isEqualTo(200);
    Map<String, String> withToken = new LinkedHashMap<>(form);
    withToken.put("_csrf", csrfToken(page.body()));
    return post(action, withToken);
  }

  /** Like {@link #submit} but asking for JSON, as the progress script does. */
  HttpResponse<String> submitForJson(String pagePath, String action, Map<String, String> form) {
    HttpResponse<String> page = get(pagePath);
    Map<String, String> withToken = new LinkedHashMap<>(form);
    withToken.put("_csrf", csrfToken(page.body()));
    return send(
        HttpRequest.newBuilder(URI.create(base + action))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(encode(withToken))));
  }

  /**
   * Submits the sign-in form as a visitor at {@code clientAddress} would reach it through a proxy
   * ({@code X-Forwarded-For}); returns the answer without following it.
   */
  HttpResponse<String> trySignIn(String username, String password, String clientAddress) {
    HttpResponse<String> page = get("/login", Map.of("X-Forwarded-For", clientAddress));
    assertThat(page.statusCode()).as("GET /login").isEqualTo(200);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", username);
    form.put("password", password);
    form.put("_csrf", csrfToken(page.body()));
    return send(
        HttpRequest.newBuilder(URI.create(base + "/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", ACCEPT_HTML)
            .header("X-Forwarded-For", clientAddress)
            .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
  }

  void signIn(String username, String password) {
    HttpResponse<String> response =
        submit("/login", "/login", Map.of("username", username, "password", password));
    assertThat(response.statusCode()).as("sign-in of %s", username).isEqualTo(302);
    assertThat(response.headers().firstValue("Location").orElse(""))
        .as("sign-in of %s", username)
        .doesNotContain("error");
  }

  /** The {@code Cookie} header this visitor sends to {@code uri}. */
  String cookieHeader(URI uri) {
    return cookies.getCookieStore().get(uri).stream()
        .map(cookie -> cookie.getName() + "=" + cookie.getValue())
        .collect(Collectors.joining("; "));
  }

  static String csrfToken(String html) {
    Matcher matcher = CSRF.matcher(html);
    assertThat(matcher.find()).as("page has a CSRF token").isTrue();
    return matcher.group(1);
  }

  private HttpResponse<String> post(String path, Map<String, String> form) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", ACCEPT_HTML)
            .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            entry ->
                URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static String query(String location) {
    String rawQuery = URI.create(location).getRawQuery();
    return rawQuery == null ? "" : "?" + rawQuery;
  }
}
