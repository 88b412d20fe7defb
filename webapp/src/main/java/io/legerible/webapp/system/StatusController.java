package io.legerible.webapp.system;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The platform status page: which backing services answer right now. */
@Controller
class StatusController {

  private final PlatformProbes probes;

  StatusController(PlatformProbes probes) {
    this.probes = probes;
  }

  @GetMapping("/status")
  String status(Model model) {
    model.addAttribute("services", probes.probeAll());
    model.addAttribute("pendingLoanEvents", probes.pendingLoanEvents());
    return "system/status";
  }
}
