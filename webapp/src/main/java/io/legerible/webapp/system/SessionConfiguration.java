package io.legerible.webapp.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/** Sessions in PostgreSQL, shared by every replica of the website. */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

  /**
   * Writes session attributes with an upsert, so two concurrent requests of one member (say two
   * tabs both creating the CSRF token) never collide on the attribute's primary key.
   */
  @Bean
  PostgreSqlJdbcIndexedSessionRepositoryCustomizer postgresSessionUpserts() {
    return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
  }
}
