package io.legerible.webapp.member;

import io.legerible.webapp.loan.LoanRepository;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The signed-in member's profile: personal data, loans and recommendations. */
@Controller
class ProfileController {

  static final int PAST_LOANS_SHOWN = 20;

  private final MemberRepository members;
  private final LoanRepository loans;
  private final RecommendationRepository recommendations;

  ProfileController(
      MemberRepository members, LoanRepository loans, RecommendationRepository recommendations) {
    this.members = members;
    this.loans = loans;
    this.recommendations = recommendations;
  }

  @GetMapping("/profile")
  String show(@AuthenticationPrincipal MemberPrincipal principal, Model model) {
    Member member =
        members
            .findById(principal.id())
            .orElseThrow(() -> new IllegalStateException("Signed-in member no longer exists"));
    model.addAttribute("member", member);
    model.addAttribute("currentLoans", loans.findOpenByMember(member.id()));
    model.addAttribute("pastLoans", loans.findReturnedByMember(member.id(), PAST_LOANS_SHOWN));
    model.addAttribute("recommendations", recommendations.findForMember(member.id()));
    return "members/profile";
  }
}
