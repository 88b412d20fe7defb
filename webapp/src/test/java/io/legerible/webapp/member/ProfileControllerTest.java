package io.legerible.webapp.member;

import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.legerible.webapp.loan.LoanRepository;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(ProfileController.class)
@Import(SecurityConfiguration.class)
class ProfileControllerTest {

  private static final MemberPrincipal NADIA = new MemberPrincipal(3, "nadia", "hash");

  @Autowired private MockMvc mvc;

  @MockitoBean private SignInThrottle signInThrottle;

  @MockitoBean private MemberRepository members;
  @MockitoBean private LoanRepository loans;
  @MockitoBean private RecommendationRepository recommendations;

  @Test
  void visitorsAreSentToSignInWhateverTheMethod() throws Exception {
    for (var request : List.of(get("/profile"), head("/profile"), options("/profile"))) {
      mvc.perform(request)
          .andExpect(status().is3xxRedirection())
          .andExpect(redirectedUrl("/login"));
    }
  }

  @Test
  void theProfileSaysClearlyWhenThereAreNoRecommendationsYet() throws Exception {
    given(members.findById(3))
        .willReturn(Optional.of(new Member(3, "nadia", "Nadia", "Tall", OffsetDateTime.now())));
    given(recommendations.findForMember(3)).willReturn(List.of());
    mvc.perform(get("/profile").with(user(NADIA)))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.containsString("Welcome back, Nadia!")))
        .andExpect(content().string(Matchers.containsString("No recommendations at the moment")))
        .andExpect(content().string(Matchers.containsString("You have no book on loan")));
  }

  @Test
  void recommendationsNameTheBookThatLedToThem() throws Exception {
    given(members.findById(3))
        .willReturn(Optional.of(new Member(3, "nadia", "Nadia", "Tall", OffsetDateTime.now())));
    given(recommendations.findForMember(3))
        .willReturn(
            List.of(
                new Recommendation(1, 10, "Moon Over Soho", "Ben Aaronovitch", 9L, "Rivers"),
                new Recommendation(2, 11, "Foxglove Summer", "Ben Aaronovitch", null, null)));
    mvc.perform(get("/profile").with(user(NADIA)))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.containsString("Moon Over Soho")))
        .andExpect(content().string(Matchers.containsString("because you read Rivers")))
        .andExpect(content().string(Matchers.containsString("Foxglove Summer")));
  }
}
