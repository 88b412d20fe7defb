package io.legerible.webapp.member;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Form login for members and librarians; browsing is open to everyone, loans and personal pages
 * need a member, the desk a librarian. Rules go by path, whatever the method. CSRF protection stays
 * on for every form; sign-ins are throttled; metrics are for an authorised scraper only.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  /** User name the metrics scraper signs in with (HTTP Basic). */
  static final String METRICS_SCRAPER = "metrics";

  /**
   * Health probes are open (the platform probes them); metrics need the scraper's password, and
   * without a configured password nobody reads them.
   */
  @Bean
  @Order(1)
  SecurityFilterChain actuatorSecurityFilterChain(
      HttpSecurity http,
      PasswordEncoder passwordEncoder,
      @Value("${legerible.metrics.scrape-password:}") String scrapePassword)
      throws Exception {
    InMemoryUserDetailsManager scrapers = new InMemoryUserDetailsManager();
    if (!scrapePassword.isBlank()) {
      scrapers.createUser(
          User.withUsername(METRICS_SCRAPER)
              .password(passwordEncoder.encode(scrapePassword))
              .roles("METRICS_SCRAPER")
              .build());
    }
    DaoAuthenticationProvider provider = new DaoAuthenticationProvider(scrapers);
    provider.setPasswordEncoder(passwordEncoder);
    http.securityMatcher("/actuator/**")
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .requestMatchers("/actuator/prometheus")
                    .hasRole("METRICS_SCRAPER")
                    .anyRequest()
                    .denyAll())
        .authenticationManager(new ProviderManager(provider))
        .httpBasic(Customizer.withDefaults())
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    return http.build();
  }

  @Bean
  SecurityFilterChain securityFilterChain(HttpSecurity http, SignInThrottle throttle)
      throws Exception {
    SignInResultHandler signInResult = new SignInResultHandler(throttle);
    http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/desk", "/desk/**")
                    .hasRole("LIBRARIAN")
                    .requestMatchers("/profile", "/loans", "/loans/**", "/books/*/loan")
                    .authenticated()
                    .anyRequest()
                    .permitAll())
        .addFilterBefore(
            new SignInThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
        .formLogin(
            form ->
                form.loginPage("/login")
                    .successHandler(signInResult)
                    .failureHandler(signInResult)
                    .permitAll())
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/?signedOut"))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(
                        csp ->
                            csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; object-src 'none';"
                                    + " frame-ancestors 'none'; form-action 'self'"))
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                    .permissionsPolicyHeader(
                        permissions ->
                            permissions.policy(
                                "camera=(), microphone=(), geolocation=(), payment=(), usb=()")));
    return http.build();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }
}
