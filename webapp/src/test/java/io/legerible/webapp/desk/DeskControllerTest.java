package io.legerible.webapp.desk;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.legerible.webapp.book.BookRepository;
import io.legerible.webapp.book.CatalogueLookup;
import io.legerible.webapp.loan.LoanRepository;
import io.legerible.webapp.loan.LoanService;
import io.legerible.webapp.member.LibraryCards;
import io.legerible.webapp.member.MemberPrincipal;
import io.legerible.webapp.member.SecurityConfiguration;
import io.legerible.webapp.member.SignInThrottle;
import java.util.Optional;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(DeskController.class)
@Import(SecurityConfiguration.class)
class DeskControllerTest {

  private static final MemberPrincipal NADIA = new MemberPrincipal(3, "nadia", "hash");
  private static final MemberPrincipal LENA = new MemberPrincipal(9, "librarian", "hash", true);

  @Autowired private MockMvc mvc;

  @MockitoBean private SignInThrottle signInThrottle;
  @MockitoBean private LibraryCards cards;
  @MockitoBean private CatalogueLookup catalogue;
  @MockitoBean private BookRepository books;
  @MockitoBean private LoanService lending;
  @MockitoBean private LoanRepository loans;

  @Test
  void membersAreRefusedTheDesk() throws Exception {
    mvc.perform(get("/desk").with(user(NADIA))).andExpect(status().isForbidden());
    mvc.perform(post("/desk/simulation").param("count", "5").with(user(NADIA)).with(csrf()))
        .andExpect(status().isForbidden());
    verifyNoInteractions(lending);
  }

  @Test
  void theDeskOffersRegistrationBooksAndTheSimulationWithLabelledFields() throws Exception {
    mvc.perform(get("/desk").with(user(LENA)))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.containsString("for=\"register-username\"")))
        .andExpect(content().string(Matchers.containsString("for=\"add-book-isbn\"")))
        .andExpect(content().string(Matchers.containsString("action=\"/desk/simulation\"")));
  }

  @Test
  void anInvalidUserNameIsRefusedWithoutRegistering() throws Exception {
    mvc.perform(
            post("/desk/members")
                .param("username", "Robert'); DROP TABLE members;--")
                .param("firstName", "Bobby")
                .param("lastName", "Tables")
                .with(user(LENA))
                .with(csrf()))
        .andExpect(redirectedUrl("/desk"))
        .andExpect(
            flash().attribute("notice", DeskNotice.refused("desk.register.invalidUsername")));
    verifyNoInteractions(cards);
  }

  @Test
  void anIsbnNoCatalogueKnowsIsReported() throws Exception {
    given(books.findIdByIsbn13("9791090636071")).willReturn(Optional.empty());
    given(catalogue.find("9791090636071")).willReturn(Optional.empty());
    mvc.perform(
            post("/desk/books").param("isbn", "979-10-90636-07-1").with(user(LENA)).with(csrf()))
        .andExpect(redirectedUrl("/desk"))
        .andExpect(
            flash().attribute("notice", DeskNotice.refused("desk.book.unknown", "9791090636071")));
  }

  @Test
  void theSimulationAnswersTheProgressScriptWithJson() throws Exception {
    given(lending.simulateLoans(5)).willReturn(4);
    mvc.perform(
            post("/desk/simulation")
                .param("count", "5")
                .accept(MediaType.APPLICATION_JSON)
                .with(user(LENA))
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.loaned").value(4));
  }
}
