package io.legerible.webapp.loan;

import io.legerible.webapp.member.MemberPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The member's own loans, loan and return. */
@Controller
class LoanController {

  static final int PAGE_SIZE = 20;

  private final LoanService lending;
  private final LoanRepository loans;

  LoanController(LoanService lending, LoanRepository loans) {
    this.lending = lending;
    this.loans = loans;
  }

  @GetMapping("/loans")
  String list(
      @RequestParam(name = "q", defaultValue = "") String query,
      @RequestParam(name = "page", defaultValue = "1") int page,
      @AuthenticationPrincipal MemberPrincipal member,
      Model model) {
    int pageIndex = Math.max(0, page - 1);
    model.addAttribute("q", query);
    model.addAttribute("loans", loans.findPage(member.id(), query, pageIndex, PAGE_SIZE));
    model.addAttribute("memberId", member.id());
    model.addAttribute("openLoans", loans.countOpenOfMember(member.id()));
    model.addAttribute("maxOpenLoans", lending.maxOpenLoansPerMember());
    return "loans/loanList";
  }

  @PostMapping("/books/{bookId}/loan")
  String loan(
      @PathVariable long bookId,
      @AuthenticationPrincipal MemberPrincipal member,
      RedirectAttributes redirect) {
    LoanOutcome outcome = lending.loan(member.id(), bookId);
    redirect.addFlashAttribute("outcome", outcome);
    return outcome == LoanOutcome.NO_SUCH_BOOK ? "redirect:/books" : "redirect:/books/" + bookId;
  }

  @PostMapping("/loans/{loanId}/return")
  String giveBack(
      @PathVariable long loanId,
      @AuthenticationPrincipal MemberPrincipal member,
      @RequestParam(name = "from", defaultValue = "profile") String from,
      RedirectAttributes redirect) {
    redirect.addFlashAttribute("outcome", lending.giveBack(member.id(), loanId));
    return "loans".equals(from) ? "redirect:/loans" : "redirect:/profile";
  }
}
