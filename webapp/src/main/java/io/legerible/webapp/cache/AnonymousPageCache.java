package io.legerible.webapp.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A micro-cache of rendered catalogue pages for visitors who are not signed in: such a page is the
 * same for every visitor, so it is rendered once per key and time-to-live and then served as bytes.
 * Browsing (paging, sorting) is cached here; searches are too varied to repeat and rely on the
 * shared data cache instead. A request that carries a session cookie is never served from it, and a
 * page is only kept when it set no cookie, created no session and holds no CSRF token, so nothing
 * personal is ever shared. Browsers and proxies may keep the page for the same short time ({@code
 * Cache-Control: public}).
 */
public class AnonymousPageCache extends OncePerRequestFilter {

  private static final List<String> KEPT_HEADERS =
      List.of(
          "Content-Security-Policy",
          "X-Content-Type-Options",
          "X-Frame-Options",
          "X-XSS-Protection",
          "Referrer-Policy",
          "Permissions-Policy",
          "Content-Language");

  private final List<String> paths;
  private final String sessionCookie;
  private final Duration ttl;
  private final String cacheControl;
  private final Cache<String, Page> pages;

  /** A rendered page and the headers it is served with. */
  private record Page(byte[] body, String contentType, Map<String, String> headers) {}

  public AnonymousPageCache(
      List<String> paths, String sessionCookie, Duration ttl, long maximumPages) {
    this.paths = List.copyOf(paths);
    this.sessionCookie = sessionCookie;
    this.ttl = ttl;
    this.cacheControl = "public, max-age=" + ttl.toSeconds();
    this.pages = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumPages).build();
  }

  /** Forgets every page, e.g. after the catalogue changed. */
  public void clear() {
    pages.invalidateAll();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"GET".equals(request.getMethod())
        || !paths.contains(request.getRequestURI())
        || hasSessionCookie(request)
        || isSearch(request)
        || ttl.isZero();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key =
        request.getRequestURI()
            + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    Page page = pages.getIfPresent(key);
    if (page != null) {
      page.headers().forEach(response::setHeader);
      response.setHeader("Cache-Control", cacheControl);
      response.setContentType(page.contentType());
      response.setContentLength(page.body().length);
      response.getOutputStream().write(page.body());
      return;
    }
    ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, wrapper);
    if (shareable(request, wrapper)) {
      byte[] body = wrapper.getContentAsByteArray();
      pages.put(key, new Page(body, wrapper.getContentType(), keptHeaders(wrapper)));
      wrapper.setHeader("Cache-Control", cacheControl);
    }
    wrapper.copyBodyToResponse();
  }

  private boolean shareable(HttpServletRequest request, ContentCachingResponseWrapper response) {
    return response.getStatus() == 200
        && request.getSession(false) == null
        && !response.containsHeader("Set-Cookie")
        && response.getContentType() != null
        && response.getContentType().startsWith("text/html")
        && !new String(response.getContentAsByteArray(), StandardCharsets.UTF_8)
            .contains("name=\"_csrf\"");
  }

  private static Map<String, String> keptHeaders(HttpServletResponse response) {
    List<Map.Entry<String, String>> kept = new ArrayList<>();
    for (String name : KEPT_HEADERS) {
      String value = response.getHeader(name);
      if (value != null) {
        kept.add(Map.entry(name, value));
      }
    }
    return Map.ofEntries(kept.toArray(Map.Entry[]::new));
  }

  private static boolean isSearch(HttpServletRequest request) {
    String query = request.getParameter("q");
    return query != null && !query.isBlank();
  }

  private boolean hasSessionCookie(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return false;
    }
    for (Cookie cookie : cookies) {
      if (sessionCookie.equals(cookie.getName())) {
        return true;
      }
    }
    return false;
  }
}
