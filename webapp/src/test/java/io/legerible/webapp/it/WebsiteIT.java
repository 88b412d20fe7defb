package io.legerible.webapp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.legerible.webapp.book.CatalogueImporter;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class WebsiteIT extends WebsiteIntegrationTest {

  @Autowired CatalogueImporter importer;

  @Test
  void theCatalogueIsImportedOnceWithRepairedIsbnsAndLanguages() {
    long before = jdbc.sql("SELECT count(*) FROM books").query(Long.class).single();
    assertThat(before).isGreaterThan(9_000);
    assertThat(
            jdbc.sql("SELECT title || '|' || language || '|' || copies FROM books WHERE isbn13 = ?")
                .param("9780439023481")
                .query(String.class)
                .single())
        .isEqualTo("The Hunger Games (The Hunger Games, #1)|en|3");

    importer.importGoodbooks();
    importer.importSeedBooks();

    assertThat(jdbc.sql("SELECT count(*) FROM books").query(Long.class).single()).isEqualTo(before);
    assertThat(jdbc.sql("SELECT count(*) FROM members").query(Long.class).single())
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void searchIsCaseInsensitiveOverTitleAuthorAndIsbn() {
    WebSession visitor = visitor();
    for (String query :
        List.of("hUnGeR gAmEs", "suzanne collins", "0439023483", "978-0-439-02348-1", "9780439")) {
      HttpResponse<String> page = visitor.get("/books?q=" + encode(query));
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).as("search %s", query).contains("The Hunger Games");
    }
  }

  @Test
  void aSearchPagePastTheLastMatchStillCountsTheMatches() {
    WebSession visitor = visitor();
    long matches = resultCount(visitor.get("/books?q=hunger+games").body());
    assertThat(matches).isPositive();
    String past = visitor.get("/books?q=hunger+games&sort=newest&page=500").body();
    assertThat(resultCount(past)).isEqualTo(matches);
    assertThat(past).doesNotContain("class=\"book-link\"");
  }

  @Test
  void hostileSearchesFindNothingAndChangeNothing() {
    long books = jdbc.sql("SELECT count(*) FROM books").query(Long.class).single();
    WebSession visitor = visitor();
    for (String query :
        List.of(
            "' OR '1'='1",
            "'; DROP TABLE books; --",
            "%",
            "_",
            "\\",
            "\"><script>alert(1)</script>",
            "x".repeat(5_000))) {
      HttpResponse<String> page = visitor.get("/books?q=" + encode(query));
      assertThat(page.statusCode()).as("search %s", query).isEqualTo(200);
      assertThat(page.body()).doesNotContain("<script>alert(1)");
      assertThat(resultCount(page.body())).as("books matching %s", query).isLessThan(10);
      assertThat(visitor.get("/loans?q=" + encode(query)).statusCode()).isEqualTo(302);
    }
    assertThat(jdbc.sql("SELECT count(*) FROM books").query(Long.class).single()).isEqualTo(books);
  }

  @Test
  void aTitleContainingAScriptIsShownAsText() {
    long id = Books.insert(jdbc, "<script>alert('pwned')</script> Hostile Title", "Mallory", 1);
    WebSession visitor = visitor();
    for (String path : List.of("/books?q=hostile+title", "/books/" + id)) {
      String body = visitor.get(path).body();
      assertThat(body)
          .contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; Hostile Title")
          .doesNotContain("<script>alert(");
    }
  }

  @Test
  void aForgedPostWithoutCsrfTokenIsRefused() {
    long bookId = Books.freeBook(jdbc, 2);
    WebSession nadia = member("nadia");
    HttpResponse<String> response = nadia.postWithoutToken("/books/" + bookId + "/loan", Map.of());
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("This action was refused");
    assertThat(openLoans(bookId)).isZero();
  }

  @Test
  void postOnlyActionsAnswerGetWith405AndErrorsAreFriendlyPages() {
    WebSession nadia = member("nadia");
    HttpResponse<String> get = nadia.get("/books/1/loan");
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.body()).contains("only accepts form submissions");
    HttpResponse<String> missing = visitor().get("/books/987654321");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("There is nothing at this address");
    HttpResponse<String> malformed = visitor().get("/books/not-a-number");
    assertThat(malformed.statusCode()).isEqualTo(400);
    for (HttpResponse<String> page : List.of(get, missing, malformed)) {
      assertThat(page.body()).doesNotContain("Exception").doesNotContain("at io.legerible");
    }
  }

  @Test
  void aMemberLoansTheLastCopyAndReturnsIt() {
    long bookId = Books.freeBook(jdbc, 1);
    String title = Books.title(jdbc, bookId);
    String escapedTitle = org.springframework.web.util.HtmlUtils.htmlEscape(title);
    WebSession nadia = member("nadia");

    HttpResponse<String> loan =
        nadia.submit("/books/" + bookId, "/books/" + bookId + "/loan", Map.of());
    assertThat(loan.statusCode()).isEqualTo(302);
    String afterLoan = nadia.browse("/books/" + bookId).body();
    assertThat(afterLoan).contains("0 of 1 copies available").contains("All copies are on loan");
    assertThat(nadia.get("/profile").body())
        .contains("id=\"current-loans\"")
        .contains(escapedTitle);
    assertThat(nadia.get("/loans?q=nadia").body()).contains(escapedTitle);

    WebSession benni = member("benni");
    HttpResponse<String> refused = benni.postWithoutToken("/books/" + bookId + "/loan", Map.of());
    assertThat(refused.statusCode()).isEqualTo(403);
    benni.submit("/books", "/books/" + bookId + "/loan", Map.of());
    assertThat(benni.browse("/books/" + bookId).body()).contains("All copies are on loan");
    assertThat(openLoans(bookId)).isEqualTo(1);

    long loanId = openLoanId(bookId);
    HttpResponse<String> notTheirs =
        benni.submit("/profile", "/loans/" + loanId + "/return", Map.of());
    assertThat(notTheirs.statusCode()).isEqualTo(302);
    assertThat(benni.browse("/profile").body()).contains("not one of your open loans");
    assertThat(openLoans(bookId)).isEqualTo(1);

    nadia.submit("/profile", "/loans/" + loanId + "/return", Map.of());
    String profile = nadia.browse("/profile").body();
    assertThat(profile).contains("the book has been returned").contains("id=\"past-loans\"");
    assertThat(openLoans(bookId)).isZero();
    assertThat(
            jdbc.sql(
                    "SELECT string_agg(payload, ' ' ORDER BY created_at) FROM loan_event_outbox"
                        + " WHERE book_id = :book")
                .param("book", bookId)
                .query(String.class)
                .single())
        .contains("\"type\":\"LOANED\"")
        .contains("\"type\":\"RETURNED\"")
        .contains("\"memberId\":" + memberId("nadia"));
  }

  @Test
  void twoMembersBrowsingAtOnceNeverSeeEachOthersPages() throws Exception {
    WebSession nadia = member("nadia");
    WebSession benni = member("benni");
    WebSession anonymous = visitor();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> checks = new ArrayList<>();
      for (int i = 0; i < 15; i++) {
        checks.add(pool.submit(() -> assertOwnProfile(nadia, "nadia", "benni")));
        checks.add(pool.submit(() -> assertOwnProfile(benni, "benni", "nadia")));
        checks.add(
            pool.submit(
                () ->
                    assertThat(anonymous.get("/books").body())
                        .contains("id=\"sign-in\"")
                        .doesNotContain("Signed in as")));
        checks.add(
            pool.submit(
                () ->
                    assertThat(nadia.get("/books").body())
                        .contains("Signed in as nadia")
                        .doesNotContain("Signed in as benni")));
      }
      for (Future<?> check : checks) {
        check.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anonymousCataloguePagesAreSharedButAMembersPageNeverIs() {
    HttpResponse<String> first = visitor().get("/books?sort=oldest");
    HttpResponse<String> second = visitor().get("/books?sort=oldest");
    assertThat(second.body()).isEqualTo(first.body()).doesNotContain("_csrf");
    assertThat(second.headers().firstValue("Cache-Control")).hasValue("public, max-age=10");
    assertThat(second.headers().firstValue("Set-Cookie")).isEmpty();

    HttpResponse<String> member = member("nadia").get("/books?sort=oldest");
    assertThat(member.body()).contains("Signed in as nadia").contains("_csrf");
    assertThat(member.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    assertThat(visitor().get("/books?sort=oldest").body()).doesNotContain("nadia");
    assertThat(visitor().get("/books?q=harry").headers().firstValue("Cache-Control").orElse(""))
        .as("searches are not kept as pages")
        .doesNotContain("public");
  }

  @Test
  void sessionsAreKeptInPostgresForEveryReplica() {
    member("susi");
    assertThat(
            jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = 'susi'")
                .query(Long.class)
                .single())
        .isPositive();
  }

  @Test
  void aMembersLoansListShowsTheirOwnLoansOnly() {
    String title = "Privately Loaned " + System.nanoTime();
    long bookId = Books.insert(jdbc, title, "Discreet Author", 1);
    String borrower = newMember();
    WebSession session = visitor();
    session.signIn(borrower, DEMO_PASSWORD);
    session.submit("/books/" + bookId, "/books/" + bookId + "/loan", Map.of());
    assertThat(session.get("/loans").body()).contains(title);

    WebSession benni = member("benni");
    for (String path : List.of("/loans", "/loans?q=" + borrower, "/loans?q=" + encode(title))) {
      String body = benni.get(path).body();
      assertThat(body.substring(body.indexOf("id=\"loan-count\"")))
          .as(path)
          .doesNotContain(borrower)
          .doesNotContain(title);
    }
  }

  @Test
  void aMemberCannotHoldMoreBooksThanTheLimit() {
    String username = newMember();
    long member = memberId(username);
    for (int i = 0; i < MAX_OPEN_LOANS - 1; i++) {
      jdbc.sql(
              "INSERT INTO loans (member_id, book_id, loaned_at)"
                  + " VALUES (:member, :book, now() - interval '1 day')")
          .param("member", member)
          .param("book", Books.freeBook(jdbc, 3))
          .update();
    }
    WebSession session = visitor();
    session.signIn(username, DEMO_PASSWORD);
    long last = Books.freeBook(jdbc, 3);
    session.submit("/books/" + last, "/books/" + last + "/loan", Map.of());
    assertThat(session.browse("/books/" + last).body()).contains("The book is yours");
    assertThat(session.get("/loans").body())
        .contains("You have " + MAX_OPEN_LOANS + " of at most " + MAX_OPEN_LOANS);

    long bookId = Books.freeBook(jdbc, 3);
    session.submit("/books/" + bookId, "/books/" + bookId + "/loan", Map.of());
    assertThat(session.browse("/books/" + bookId).body())
        .contains("as many books on loan as a member may hold");
    assertThat(openLoans(bookId)).isZero();
    assertThat(openLoansOf(memberId(username))).isEqualTo(MAX_OPEN_LOANS);
  }

  @Test
  void aMemberLoaningBookAfterBookWithinAMinuteIsAskedToWait() {
    String username = newMember();
    long member = memberId(username);
    for (int i = 0; i < 20; i++) {
      jdbc.sql(
              "INSERT INTO loans (member_id, book_id, loaned_at, returned_at)"
                  + " VALUES (:member, :book, now() - interval '30 seconds', now())")
          .param("member", member)
          .param("book", Books.freeBook(jdbc, 3))
          .update();
    }
    WebSession session = visitor();
    session.signIn(username, DEMO_PASSWORD);
    long bookId = Books.freeBook(jdbc, 3);
    session.submit("/books/" + bookId, "/books/" + bookId + "/loan", Map.of());
    assertThat(session.browse("/books/" + bookId).body())
        .contains("You have loaned many books within the last minute");
    assertThat(openLoans(bookId)).isZero();

    jdbc.sql("UPDATE loans SET loaned_at = loaned_at - interval '1 minute' WHERE member_id = :m")
        .param("m", member)
        .update();
    session.submit("/books/" + bookId, "/books/" + bookId + "/loan", Map.of());
    assertThat(session.browse("/books/" + bookId).body()).contains("The book is yours");
  }

  @Test
  void theHomePageIsSharedWithVisitorsForOneSecondAndFollowsLoansAndTheRanking() {
    WebSession visitor = visitor();
    HttpResponse<String> shared = visitor.get("/");
    assertThat(shared.headers().firstValue("Cache-Control")).hasValue("public, max-age=1");
    assertThat(shared.headers().firstValue("Set-Cookie")).isEmpty();
    long loansBefore = totalLoans(shared.body());
    WebSession benni = member("benni");
    assertThat(benni.get("/").body()).contains("Signed in as benni");
    assertThat(visitor().get("/").body()).doesNotContain("benni").doesNotContain("_csrf");

    long bookId = Books.freeBook(jdbc, 3);
    benni.submit("/books/" + bookId, "/books/" + bookId + "/loan", Map.of());
    await()
        .atMost(Duration.ofMillis(2_500))
        .untilAsserted(
            () -> assertThat(totalLoans(visitor.get("/").body())).isGreaterThan(loansBefore));

    long first = Books.insert(jdbc, "Most Loaned Of All Time", "Popular Author", 2);
    long second = Books.insert(jdbc, "Runner Up Of All Time", "Popular Author", 2);
    jdbc.sql(
            "INSERT INTO book_ranking (book_id, total_loans) VALUES (:first, 100000),"
                + " (:second, 99999)")
        .param("first", first)
        .param("second", second)
        .update();
    // The top 10 is read fresh, but a visitor's page is cached for 1 s: visible within it and a
    // margin.
    await()
        .atMost(Duration.ofMillis(3_000))
        .untilAsserted(
            () -> {
              String home = visitor.get("/").body();
              assertThat(home).contains("id=\"top-ten\"");
              assertThat(home.indexOf("Most Loaned Of All Time"))
                  .isPositive()
                  .isLessThan(home.indexOf("Runner Up Of All Time"));
              assertThat(home).contains("100000");
            });
  }

  @Test
  void theProfileShowsRecommendationsNeverLoanedByTheMemberWithTheirReason() {
    long nadia = memberId("nadia");
    long loaned = bookIdByIsbn("9780345524591");
    long because = bookIdByIsbn("9780575097568");
    List<Long> fresh =
        List.of(
            Books.insert(jdbc, "Recommended One", "A", 1),
            Books.insert(jdbc, "Recommended Two", "B", 1),
            Books.insert(jdbc, "Recommended Three", "C", 1));
    jdbc.sql("DELETE FROM recommendations WHERE member_id = :member")
        .param("member", nadia)
        .update();
    String insert =
        "INSERT INTO recommendations (member_id, rank, book_id, because_book_id, score)"
            + " VALUES (:member, :rank, :book, :because, 0.5)";
    jdbc.sql(insert)
        .param("member", nadia)
        .param("rank", 1)
        .param("book", loaned)
        .param("because", because)
        .update();
    for (int i = 0; i < fresh.size(); i++) {
      jdbc.sql(insert)
          .param("member", nadia)
          .param("rank", i + 2)
          .param("book", fresh.get(i))
          .param("because", because)
          .update();
    }
    String profile = member("nadia").get("/profile").body();
    assertThat(profile)
        .contains("Recommended One", "Recommended Two", "Recommended Three")
        .contains("because you read Rivers of London");
    String recommendations = profile.substring(profile.indexOf("id=\"recommendations\""));
    assertThat(recommendations).doesNotContain("Moon Over Soho");
    jdbc.sql("DELETE FROM recommendations WHERE member_id = :member")
        .param("member", nadia)
        .update();
  }

  @Test
  void theStatusPageReportsEveryBackingService() {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String status = visitor().get("/status").body();
              for (String service : List.of("PostgreSQL", "memcached", "Kafka", "Cassandra")) {
                assertThat(status).contains("id=\"service-" + service + "\" class=\"up\"");
              }
            });
  }

  private static void assertOwnProfile(WebSession session, String own, String other) {
    String body = session.get("/profile").body();
    assertThat(body)
        .contains("id=\"profile-username\">" + own + "<")
        .doesNotContain("id=\"profile-username\">" + other + "<")
        .contains("Signed in as " + own);
  }

  private static long resultCount(String catalogue) {
    Matcher matcher = Pattern.compile("id=\"result-count\">(\\d+) books").matcher(catalogue);
    assertThat(matcher.find()).isTrue();
    return Long.parseLong(matcher.group(1));
  }

  private static long totalLoans(String home) {
    Matcher matcher = Pattern.compile("id=\"total-loans\">(\\d+)<").matcher(home);
    assertThat(matcher.find()).isTrue();
    return Long.parseLong(matcher.group(1));
  }

  private long openLoans(long bookId) {
    return jdbc.sql("SELECT count(*) FROM loans WHERE book_id = :book AND returned_at IS NULL")
        .param("book", bookId)
        .query(Long.class)
        .single();
  }

  private long openLoansOf(long memberId) {
    return jdbc.sql("SELECT count(*) FROM loans WHERE member_id = :member AND returned_at IS NULL")
        .param("member", memberId)
        .query(Long.class)
        .single();
  }

  private long openLoanId(long bookId) {
    return jdbc.sql("SELECT id FROM loans WHERE book_id = :book AND returned_at IS NULL")
        .param("book", bookId)
        .query(Long.class)
        .single();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
