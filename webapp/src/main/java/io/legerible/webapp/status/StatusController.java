package io.legerible.webapp.status;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The platform status page: which backing services answer right now. Versions, timings and error
 * messages are for librarians only.
 */
@Controller
class StatusController {

  private final PlatformProbes probes;

  StatusController(PlatformProbes probes) {
    this.probes = probes;
  }

  @GetMapping("/status")
  String status(Authentication authentication, Model model) {
    model.addAttribute("services", probes.probeAll());
    model.addAttribute(
        "showDetails",
        authentication != null
            && authentication.getAuthorities().stream()
                .anyMatch(authority -> "ROLE_LIBRARIAN".equals(authority.getAuthority())));
    model.addAttribute("pendingLoanEvents", probes.pendingLoanEvents());
    return "status/status";
  }
}
