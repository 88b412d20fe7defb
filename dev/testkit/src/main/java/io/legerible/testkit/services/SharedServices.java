package io.legerible.testkit.services;

import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension ({@code @ExtendWith(SharedServices.class)}) that injects the JVM's shared
 * servers into test constructors and methods: {@link PostgresServer}, {@link MemcachedServer},
 * {@link KafkaServer}, {@link CassandraServer}, and a fresh {@link PostgresDatabase} per parameter.
 */
public final class SharedServices implements ParameterResolver {

  private static final Map<Class<?>, Supplier<Object>> RESOLVERS =
      Map.of(
          PostgresServer.class, PostgresServer::shared,
          PostgresDatabase.class, () -> PostgresServer.shared().newDatabase(),
          MemcachedServer.class, MemcachedServer::shared,
          KafkaServer.class, KafkaServer::shared,
          CassandraServer.class, CassandraServer::shared);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return RESOLVERS.containsKey(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return RESOLVERS.get(parameter.getParameter().getType()).get();
  }
}
