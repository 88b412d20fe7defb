package io.legerible.webapp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;

/** The librarian's desk, and that only librarians reach it. */
class DeskIT extends WebsiteIntegrationTest {

  private static final Pattern FIRST_PASSWORD = Pattern.compile("First password: (\\S+) - ");

  @Test
  void aLibrarianIssuesALibraryCardAndTheNewMemberSignsInWithIt() {
    WebSession librarian = librarian();
    String username = "card-" + System.nanoTime() % 1_000_000;
    librarian.submit(
        "/desk",
        "/desk/members",
        Map.of("username", username, "firstName", "Karla", "lastName", "Kartenreich"));
    String desk = librarian.browse("/desk").body();
    Matcher password = FIRST_PASSWORD.matcher(desk);
    assertThat(password.find()).as("the desk shows the first password once").isTrue();
    assertThat(librarian.get("/desk").body()).doesNotContain(password.group(1));

    WebSession member = visitor();
    member.signIn(username, HtmlUtils.htmlUnescape(password.group(1)));
    assertThat(member.get("/profile").body()).contains("Welcome back, Karla!");

    librarian.submit(
        "/desk",
        "/desk/members",
        Map.of("username", username, "firstName", "Other", "lastName", "Person"));
    assertThat(librarian.browse("/desk").body())
        .contains("The user name " + username + " is taken");
  }

  @Test
  void aLibrarianAddsABookByIsbnWithTheCataloguesDescription() {
    var book =
        jdbc.sql(
                "SELECT isbn13, title FROM books b WHERE isbn13 LIKE '9780%'"
                    + " AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.book_id = b.id)"
                    + " AND NOT EXISTS (SELECT 1 FROM book_ranking r WHERE r.book_id = b.id)"
                    + " AND NOT EXISTS (SELECT 1 FROM recommendations r"
                    + "   WHERE r.book_id = b.id OR r.because_book_id = b.id)"
                    + " AND isbn13 NOT IN ('9780575097568', '9780345524591', '9780525516019')"
                    + " ORDER BY id DESC LIMIT 1")
            .query((rs, row) -> List.of(rs.getString(1), rs.getString(2)))
            .single();
    jdbc.sql("DELETE FROM books WHERE isbn13 = :isbn").param("isbn", book.get(0)).update();
    char check = book.get(0).charAt(12);
    String wrongCheckDigit = book.get(0).substring(0, 12) + (char) ('0' + (check - '0' + 1) % 10);
    WebSession librarian = librarian();

    HttpResponse<String> added =
        librarian.submit("/desk", "/desk/books", Map.of("isbn", book.get(0), "copies", "3"));
    String page = librarian.browse(added.headers().firstValue("Location").orElseThrow()).body();
    assertThat(page)
        .contains(HtmlUtils.htmlEscape(book.get(1)))
        .contains("was added with 3 copies")
        .contains("3 of 3 copies available");
    assertThat(visitor().get("/books?q=" + book.get(0)).body())
        .contains(HtmlUtils.htmlEscape(book.get(1)));

    HttpResponse<String> again =
        librarian.submit("/desk", "/desk/books", Map.of("isbn", book.get(0), "copies", "1"));
    assertThat(librarian.browse(again.headers().firstValue("Location").orElseThrow()).body())
        .contains("already in the catalogue")
        .contains("3 of 3 copies available");
    librarian.submit("/desk", "/desk/books", Map.of("isbn", wrongCheckDigit, "copies", "1"));
    assertThat(librarian.browse("/desk").body()).contains("not a valid ISBN");
    librarian.submit("/desk", "/desk/books", Map.of("isbn", "979-10-90636-07-1", "copies", "1"));
    assertThat(librarian.browse("/desk").body()).contains("No catalogue knows the ISBN");
  }

  @Test
  void aLibrarianChangesCopiesButNeverBelowThoseOnLoan() {
    long bookId = Books.insert(jdbc, "Copies Under Review", "Desk Author", 2);
    WebSession nadia = member("nadia");
    nadia.submit("/books/" + bookId, "/books/" + bookId + "/loan", Map.of());
    WebSession librarian = librarian();

    librarian.submit(
        "/books/" + bookId, "/desk/books/" + bookId + "/copies", Map.of("copies", "0"));
    assertThat(librarian.browse("/books/" + bookId).body())
        .contains("More copies than that are on loan")
        .contains("1 of 2 copies available");

    librarian.submit(
        "/books/" + bookId, "/desk/books/" + bookId + "/copies", Map.of("copies", "5"));
    assertThat(librarian.browse("/books/" + bookId).body())
        .contains("The library now owns 5 copies")
        .contains("4 of 5 copies available");
    assertThat(visitor().get("/books/" + bookId).body()).contains("4 of 5 copies available");
  }

  @Test
  void aLibrarianSeesEveryMembersLoansAndChecksOneIn() {
    String title = "Checked In At The Desk " + System.nanoTime();
    long bookId = Books.insert(jdbc, title, "Desk Author", 1);
    WebSession susi = member("susi");
    susi.submit("/books/" + bookId, "/books/" + bookId + "/loan", Map.of());
    long loanId =
        jdbc.sql("SELECT id FROM loans WHERE book_id = :book AND returned_at IS NULL")
            .param("book", bookId)
            .query(Long.class)
            .single();
    WebSession librarian = librarian();
    String loans = librarian.get("/desk/loans?q=" + title.replace(' ', '+')).body();
    assertThat(loans)
        .contains(title)
        .contains(">susi<")
        .contains("/desk/loans/" + loanId + "/check-in");

    librarian.submit(
        "/desk/loans?q=" + title.replace(' ', '+'),
        "/desk/loans/" + loanId + "/check-in",
        Map.of("q", title));
    assertThat(librarian.browse("/desk/loans?q=" + title.replace(' ', '+')).body())
        .contains("checked in at the desk");
    assertThat(susi.get("/books/" + bookId).body()).contains("1 of 1 copies available");
    assertThat(
            jdbc.sql("SELECT string_agg(payload, ' ') FROM loan_event_outbox WHERE book_id = :book")
                .param("book", bookId)
                .query(String.class)
                .single())
        .contains("\"type\":\"RETURNED\"")
        .contains("\"memberId\":" + memberId("susi"));
  }

  @Test
  void theSimulationLoansToMembersOnlyAndNeverPastTheLimit() {
    jdbc.sql("SELECT setval('books_id_seq', (SELECT max(id) FROM books) + 1000)")
        .query(Long.class)
        .single();
    Books.insert(jdbc, "After a gap", "Nobody", 1);
    long before = jdbc.sql("SELECT coalesce(max(id), 0) FROM loans").query(Long.class).single();
    WebSession librarian = librarian();

    HttpResponse<String> json =
        librarian.submitForJson("/desk", "/desk/simulation", Map.of("count", "8"));
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.body()).isEqualTo("{\"loaned\":8}");
    HttpResponse<String> form = librarian.submit("/desk", "/desk/simulation", Map.of("count", "3"));
    assertThat(form.headers().firstValue("Location").orElseThrow()).endsWith("/desk?loaned=3");
    assertThat(librarian.browse("/desk?loaned=3").body()).contains("3 random books were loaned");

    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM loans l JOIN members m ON m.id = l.member_id"
                        + " WHERE l.id > :before AND m.role = 'MEMBER'")
                .param("before", before)
                .query(Long.class)
                .single())
        .isEqualTo(11);
    assertThat(
            jdbc.sql(
                    "SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM loans"
                        + " WHERE returned_at IS NULL GROUP BY member_id) c")
                .query(Long.class)
                .single())
        .isLessThanOrEqualTo(MAX_OPEN_LOANS);
  }

  @Test
  void membersAndVisitorsCannotUseTheDesk() {
    long before = jdbc.sql("SELECT count(*) FROM loans").query(Long.class).single();
    WebSession nadia = member("nadia");
    assertThat(nadia.get("/desk").statusCode()).isEqualTo(403);
    assertThat(nadia.get("/desk/loans").statusCode()).isEqualTo(403);
    assertThat(nadia.submit("/profile", "/desk/simulation", Map.of("count", "50")).statusCode())
        .isEqualTo(403);
    assertThat(
            nadia
                .submit(
                    "/profile",
                    "/desk/members",
                    Map.of("username", "sneaky", "firstName", "S", "lastName", "N"))
                .statusCode())
        .isEqualTo(403);
    assertThat(nadia.get("/books").body()).doesNotContain("id=\"menu-desk\"");
    assertThat(jdbc.sql("SELECT count(*) FROM loans").query(Long.class).single()).isEqualTo(before);
    assertThat(
            jdbc.sql("SELECT count(*) FROM members WHERE username = 'sneaky'")
                .query(Long.class)
                .single())
        .isZero();

    HttpResponse<String> visitor = visitor().get("/desk");
    assertThat(visitor.statusCode()).isEqualTo(302);
    assertThat(visitor.headers().firstValue("Location")).hasValue("/login");
  }

  @Test
  void librariansSeeTheServicesVersionsOnTheStatusPage() {
    WebSession librarian = librarian();
    assertThat(librarian.get("/books").body()).contains("id=\"menu-desk\"");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(librarian.get("/status").body())
                    .contains("broker(s)")
                    .contains("version ")
                    .doesNotContain("Librarians who are signed in also see"));
  }
}
