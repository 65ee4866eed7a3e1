package dev.wuffie.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A new, empty database for one test: its JDBC URL and user (no password), and how to drop it.
 * {@link #h2} makes an in-memory H2 database; {@link #postgresql} a schema of its own on {@link
 * TestPostgres}'s server (a schema rather than a database: CREATE DATABASE takes a checkpoint).
 * Thread-safe.
 *
 * @param url the JDBC URL
 * @param user the user
 * @param drop drops the database; run it at the end of the test
 */
public record FreshDatabase(String url, String user, Runnable drop) {
  private static final AtomicInteger NEXT = new AtomicInteger();

  /** A new in-memory H2 database, named {@code prefix} and a number. */
  public static FreshDatabase h2(String prefix) {
    String url = "jdbc:h2:mem:" + prefix + NEXT.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    return new FreshDatabase(url, "sa", () -> execute(url, "sa", "SHUTDOWN"));
  }

  /** A new schema on the test PostgreSQL server, named {@code prefix} and a number. */
  public static FreshDatabase postgresql(String prefix) {
    String name = prefix + NEXT.incrementAndGet();
    String admin = TestPostgres.url("postgres");
    execute(admin, "postgres", "CREATE SCHEMA " + name);
    return new FreshDatabase(
        admin + "?currentSchema=" + name,
        "postgres",
        () -> execute(admin, "postgres", "DROP SCHEMA " + name + " CASCADE"));
  }

  private static void execute(String url, String user, String sql) {
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed on " + url, e);
    }
  }
}
