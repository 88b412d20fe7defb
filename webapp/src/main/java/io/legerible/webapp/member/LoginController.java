package io.legerible.webapp.member;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security handles the form's POST. */
@Controller
class LoginController {

  private final SignInThrottle throttle;

  LoginController(SignInThrottle throttle) {
    this.throttle = throttle;
  }

  @GetMapping("/login")
  String login(Model model) {
    model.addAttribute("throttleMinutes", Math.max(1, throttle.window().toMinutes()));
    return "login";
  }
}
