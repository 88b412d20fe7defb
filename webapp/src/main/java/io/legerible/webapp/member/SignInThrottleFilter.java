package io.legerible.webapp.member;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a throttled sign-in before its password is checked, with the same answer whether the user
 * name exists or not.
 */
class SignInThrottleFilter extends OncePerRequestFilter {

  private final SignInThrottle throttle;

  SignInThrottleFilter(SignInThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (throttle.refuses(request.getParameter("username"), request.getRemoteAddr())) {
      response.sendRedirect(request.getContextPath() + "/login?throttled");
      return;
    }
    chain.doFilter(request, response);
  }
}
