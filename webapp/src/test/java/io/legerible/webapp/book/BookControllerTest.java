package io.legerible.webapp.book;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.legerible.webapp.member.MemberPrincipal;
import io.legerible.webapp.member.SecurityConfiguration;
import io.legerible.webapp.member.SignInThrottle;
import io.legerible.webapp.system.Paged;
import java.util.List;
import java.util.Optional;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(BookController.class)
@Import(SecurityConfiguration.class)
class BookControllerTest {

  private static final Book SCRIPT_BOOK =
      new Book(7, "9780439023481", "<script>alert('x')</script>", "Mallory", 2001, "en", 2);

  @Autowired private MockMvc mvc;

  @MockitoBean private SignInThrottle signInThrottle;

  @MockitoBean private BookRepository books;

  @Test
  void catalogueEscapesTitlesAndOffersNoLoanFormToVisitors() throws Exception {
    given(books.findPage(eq(""), eq(CatalogueSort.TITLE), eq(0), anyInt()))
        .willReturn(
            new Paged<>(
                List.of(
                    new BookSummary(
                        7, "9780439023481", "<script>alert('x')</script>", "Mallory", 2001, "en")),
                0,
                20,
                1));
    mvc.perform(get("/books"))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.containsString("&lt;script&gt;alert(")))
        .andExpect(content().string(Matchers.not(Matchers.containsString("<script>alert"))))
        .andExpect(content().string(Matchers.not(Matchers.containsString("random-loans"))));
  }

  @Test
  void searchTermAndSortArePassedToTheRepositoryAndEchoedEscaped() throws Exception {
    String hostile = "\"><b>x</b>' OR 1=1 --";
    given(books.findPage(eq(hostile), eq(CatalogueSort.NEWEST), eq(1), anyInt()))
        .willReturn(new Paged<>(List.<BookSummary>of(), 1, 20, 0));
    mvc.perform(get("/books").param("q", hostile).param("sort", "newest").param("page", "2"))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.containsString("No book matches your search")))
        .andExpect(content().string(Matchers.not(Matchers.containsString("<b>x</b>"))));
  }

  @Test
  void bookDetailsShowAvailabilityAndTheLoanFormToMembers() throws Exception {
    given(books.findById(7)).willReturn(Optional.of(SCRIPT_BOOK));
    given(books.countOnLoan(7)).willReturn(1);
    mvc.perform(get("/books/7").with(user(new MemberPrincipal(3, "nadia", "hash"))))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.containsString("1 of 2 copies available")))
        .andExpect(content().string(Matchers.containsString("id=\"loan-button\"")))
        .andExpect(content().string(Matchers.containsString("Signed in as nadia")))
        .andExpect(content().string(Matchers.containsString("name=\"_csrf\"")));
  }

  @Test
  void aBookWithEveryCopyOnLoanSaysSoAndOffersNoLoan() throws Exception {
    given(books.findById(7)).willReturn(Optional.of(SCRIPT_BOOK));
    given(books.countOnLoan(7)).willReturn(2);
    mvc.perform(get("/books/7").with(user(new MemberPrincipal(3, "nadia", "hash"))))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.containsString("All copies are on loan")))
        .andExpect(content().string(Matchers.not(Matchers.containsString("loan-button"))));
  }

  @Test
  void anUnreachableDatabaseAnswers503WithAPageThatSaysToTryAgain() throws Exception {
    given(books.findById(8))
        .willThrow(
            new org.springframework.jdbc.CannotGetJdbcConnectionException("connection refused"));
    mvc.perform(get("/books/8").accept(org.springframework.http.MediaType.TEXT_HTML))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().string(Matchers.containsString("cannot reach its database")))
        .andExpect(content().string(Matchers.not(Matchers.containsString("connection refused"))));
  }

  @Test
  void anUnknownBookAnswers404() throws Exception {
    given(books.findById(99)).willReturn(Optional.empty());
    mvc.perform(get("/books/99")).andExpect(status().isNotFound());
  }
}
