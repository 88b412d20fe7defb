package io.legerible.catalogue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Looks books up in Open Library's Books API ({@code /api/books?bibkeys=ISBN:...&jscmd=data}). Off
 * by default: the website and the feed work from the bundled catalogue without internet access.
 */
public final class OpenLibraryClient implements BookMetadataSource {

  private static final Pattern YEAR = Pattern.compile("\\b(\\d{4})\\b");

  private final HttpClient http;
  private final URI baseUri;
  private final Duration timeout;
  private final JsonMapper json;

  /** A client of the API at {@code baseUri} (e.g. {@code https://openlibrary.org}). */
  public OpenLibraryClient(URI baseUri, Duration timeout, JsonMapper json) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.baseUri = baseUri;
    this.timeout = timeout;
    this.json = json;
  }

  /**
   * The book, or empty when Open Library does not know it. Throws {@link
   * OpenLibraryUnavailableException} when the service cannot be asked (network, HTTP 5xx), so the
   * caller can tell "unknown" from "try later".
   */
  @Override
  public Optional<BookMetadata> find(String isbn13) {
    String key = "ISBN:" + isbn13;
    URI uri = baseUri.resolve("/api/books?format=json&jscmd=data&bibkeys=" + key);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("User-Agent", "Legerible library")
            .GET()
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new OpenLibraryUnavailableException(
          "Open Library did not answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpenLibraryUnavailableException("interrupted while asking Open Library", e);
    }
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw new OpenLibraryUnavailableException(
          "Open Library answered HTTP " + response.statusCode() + " for " + isbn13, null);
    }
    JsonNode book = json.readTree(response.body()).path(key);
    String title = book.path("title").asString("").strip();
    if (book.isMissingNode() || title.isEmpty()) {
      return Optional.empty();
    }
    List<String> authors = new ArrayList<>();
    for (JsonNode author : book.path("authors")) {
      String name = author.path("name").asString("").strip();
      if (!name.isEmpty()) {
        authors.add(name);
      }
    }
    Matcher year = YEAR.matcher(book.path("publish_date").asString(""));
    return Optional.of(
        new BookMetadata(
            isbn13,
            title,
            authors.isEmpty() ? "Unknown" : String.join(", ", authors),
            year.find() ? Integer.valueOf(year.group(1)) : null,
            null));
  }
}
