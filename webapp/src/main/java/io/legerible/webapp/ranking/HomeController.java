package io.legerible.webapp.ranking;

import java.time.Instant;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: totals, the top-10 most loaned books and the loan trend. */
@Controller
class HomeController {

  private final RankingRepository ranking;
  private final LoanTrendRepository trend;

  HomeController(RankingRepository ranking, LoanTrendRepository trend) {
    this.ranking = ranking;
    this.trend = trend;
  }

  @GetMapping("/")
  String home(Model model) {
    model.addAttribute("totals", ranking.totals());
    model.addAttribute("topTen", ranking.topTen());
    LoanTrend recent = trend.recent();
    model.addAttribute(
        "chart", recent == null ? null : LoanChart.of(recent, Instant.now(), trend.span()));
    model.addAttribute("chartWidth", LoanChart.WIDTH);
    model.addAttribute("chartHeight", LoanChart.HEIGHT);
    return "welcome";
  }
}
