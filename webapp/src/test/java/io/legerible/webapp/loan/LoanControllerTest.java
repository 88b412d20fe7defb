package io.legerible.webapp.loan;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.legerible.webapp.member.MemberPrincipal;
import io.legerible.webapp.member.SecurityConfiguration;
import io.legerible.webapp.member.SignInThrottle;
import io.legerible.webapp.system.Paged;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(LoanController.class)
@Import(SecurityConfiguration.class)
class LoanControllerTest {

  private static final MemberPrincipal NADIA = new MemberPrincipal(3, "nadia", "hash");

  @Autowired private MockMvc mvc;

  @MockitoBean private SignInThrottle signInThrottle;

  @MockitoBean private LoanService lending;
  @MockitoBean private LoanRepository loans;

  @Test
  void aLoanWithoutCsrfTokenIsRefused() throws Exception {
    mvc.perform(post("/books/5/loan").with(user(NADIA))).andExpect(status().isForbidden());
    verifyNoInteractions(lending);
  }

  @Test
  void aVisitorMustSignInBeforeLoaning() throws Exception {
    mvc.perform(post("/books/5/loan").with(csrf()))
        .andExpect(status().is3xxRedirection())
        .andExpect(redirectedUrl("/login"));
    verifyNoInteractions(lending);
  }

  @Test
  void aMemberLoansABookAndSeesTheOutcome() throws Exception {
    given(lending.loan(3, 5)).willReturn(LoanOutcome.NO_COPY_AVAILABLE);
    mvc.perform(post("/books/5/loan").with(user(NADIA)).with(csrf()))
        .andExpect(redirectedUrl("/books/5"))
        .andExpect(flash().attribute("outcome", LoanOutcome.NO_COPY_AVAILABLE));
  }

  @Test
  void postOnlyActionsAnswerGetWith405() throws Exception {
    mvc.perform(get("/books/5/loan").with(user(NADIA))).andExpect(status().isMethodNotAllowed());
    mvc.perform(get("/loans/5/return").with(user(NADIA))).andExpect(status().isMethodNotAllowed());
  }

  @Test
  void returningGoesBackToWhereTheMemberCameFrom() throws Exception {
    given(lending.giveBack(3, 11)).willReturn(LoanOutcome.RETURNED);
    mvc.perform(post("/loans/11/return").param("from", "loans").with(user(NADIA)).with(csrf()))
        .andExpect(redirectedUrl("/loans"));
    verify(lending).giveBack(3, 11);
  }

  @Test
  void theLoansListShowsTheMembersOwnLoansAndHowManyTheyMayHold() throws Exception {
    var mine =
        new LoanRow(
            1, 3, "nadia", 5, "9780439023481", "Mine", "A", java.time.OffsetDateTime.now(), null);
    given(loans.findPage(3L, "", 0, LoanController.PAGE_SIZE))
        .willReturn(new Paged<>(List.of(mine), 0, LoanController.PAGE_SIZE, 1));
    given(loans.countOpenOfMember(3)).willReturn(1);
    given(lending.maxOpenLoansPerMember()).willReturn(10);
    mvc.perform(get("/loans").with(user(NADIA)))
        .andExpect(status().isOk())
        .andExpect(
            content().string(org.hamcrest.Matchers.containsString("action=\"/loans/1/return\"")))
        .andExpect(
            content()
                .string(org.hamcrest.Matchers.containsString("You have 1 of at most 10 books")));
    verify(loans, never()).findPage(isNull(), anyString(), anyInt(), anyInt());
  }

  @Test
  void visitorsAreSentToSignInWhateverTheMethod() throws Exception {
    for (var request : List.of(get("/loans"), head("/loans"), options("/loans"))) {
      mvc.perform(request)
          .andExpect(status().is3xxRedirection())
          .andExpect(redirectedUrl("/login"));
    }
    verifyNoInteractions(loans);
  }
}
