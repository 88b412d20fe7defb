package io.legerible.webapp.member;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the signed-in member's user name (or null) and whether they are a librarian into every
 * page's model for the layout.
 */
@ControllerAdvice
class CurrentMemberAdvice {

  @ModelAttribute("currentUsername")
  String currentUsername(@AuthenticationPrincipal MemberPrincipal member) {
    return member == null ? null : member.getUsername();
  }

  @ModelAttribute("currentIsLibrarian")
  boolean currentIsLibrarian(@AuthenticationPrincipal MemberPrincipal member) {
    return member != null && member.librarian();
  }
}
