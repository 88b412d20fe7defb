package io.legerible.webapp.cache;

import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The in-memory caches of rendered pages for visitors without a session. */
@Configuration(proxyBeanMethods = false)
class PageCacheConfiguration {

  /**
   * Ahead of sessions and security, right after the metrics filter, so a cached anonymous catalogue
   * page costs neither a session lookup nor rendering, yet is still measured.
   */
  @Bean
  FilterRegistrationBean<AnonymousPageCache> anonymousPageCache(
      @Value("${legerible.page-cache.ttl:10s}") Duration ttl,
      @Value("${legerible.page-cache.maximum-pages:1000}") long maximumPages,
      @Value("${server.servlet.session.cookie.name:SESSION}") String sessionCookie) {
    var registration =
        new FilterRegistrationBean<>(
            new AnonymousPageCache(List.of("/books"), sessionCookie, ttl, maximumPages));
    registration.setName("anonymousCataloguePageCache");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    return registration;
  }

  /**
   * The home page for visitors without a session, kept for one second: at most one rendering per
   * second instead of one per request, and its top 10 is at most that much older than the ranking.
   */
  @Bean
  FilterRegistrationBean<AnonymousPageCache> anonymousHomePageCache(
      @Value("${legerible.page-cache.home-ttl:1s}") Duration ttl,
      @Value("${legerible.page-cache.maximum-pages:1000}") long maximumPages,
      @Value("${server.servlet.session.cookie.name:SESSION}") String sessionCookie) {
    var registration =
        new FilterRegistrationBean<>(
            new AnonymousPageCache(List.of("/"), sessionCookie, ttl, maximumPages));
    registration.setName("anonymousHomePageCache");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    return registration;
  }
}
