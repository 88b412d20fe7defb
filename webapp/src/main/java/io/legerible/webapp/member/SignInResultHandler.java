package io.legerible.webapp.member;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.DefaultSavedRequest;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * Tells the throttle how each sign-in ended, then redirects within the site by path: back to the
 * page that asked for a sign-in, else home; a wrong user name or password back to the form.
 */
class SignInResultHandler implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

  private final SignInThrottle throttle;
  private final RequestCache requestCache = new HttpSessionRequestCache();

  SignInResultHandler(SignInThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException {
    throttle.succeeded(authentication.getName());
    String target = request.getContextPath() + "/";
    if (requestCache.getRequest(request, response) instanceof DefaultSavedRequest saved
        && "GET".equals(saved.getMethod())) {
      target =
          saved.getRequestURI()
              + (saved.getQueryString() == null ? "" : "?" + saved.getQueryString());
    }
    requestCache.removeRequest(request, response);
    response.sendRedirect(target);
  }

  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
      throws IOException {
    throttle.failed(request.getParameter("username"), request.getRemoteAddr());
    response.sendRedirect(request.getContextPath() + "/login?error");
  }
}
