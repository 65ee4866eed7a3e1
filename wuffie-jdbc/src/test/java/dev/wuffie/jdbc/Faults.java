package dev.wuffie.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** Data sources that fail on purpose, wrapped around a real one. */
final class Faults {
  private Faults() {}

  /**
   * A data source whose statements throw on the {@code n}-th call of {@code executeBatch} (counted
   * over every connection it hands out), as a connection lost in the middle of a write would.
   */
  static DataSource failingOnBatch(DataSource real, int n) {
    AtomicInteger batches = new AtomicInteger();
    return wrap(
        real,
        (statement, method, args) -> {
          if (method.getName().equals("executeBatch") && batches.incrementAndGet() == n) {
            throw new SQLException("connection lost (injected at batch " + n + ")", "08006");
          }
          return invoke(statement, method, args);
        },
        null);
  }

  /**
   * A data source that adds, for every query it runs, the statement's fetch size and whether its
   * connection was in auto-commit mode, to {@code log}.
   */
  static DataSource recordingQueries(DataSource real, java.util.List<String> log) {
    return wrap(
        real,
        (statement, method, args) -> {
          if (method.getName().equals("executeQuery")) {
            Statement s = (Statement) statement;
            log.add(
                "fetchSize="
                    + s.getFetchSize()
                    + " autoCommit="
                    + s.getConnection().getAutoCommit());
          }
          return invoke(statement, method, args);
        },
        null);
  }

  /** A data source whose database says it is {@code product}. */
  static DataSource claiming(DataSource real, String product) {
    return wrap(
        real,
        Faults::invoke,
        (metaData, method, args) ->
            method.getName().equals("getDatabaseProductName")
                ? product
                : invoke(metaData, method, args));
  }

  /** How a wrapper handles a call on the real object it wraps. */
  interface Handler {
    Object handle(Object real, Method method, Object[] args) throws Throwable;
  }

  private static DataSource wrap(DataSource real, Handler statements, Handler metaData) {
    return proxy(
        DataSource.class,
        (p, method, args) -> {
          Object result = invoke(real, method, args);
          return result instanceof Connection c ? connection(c, statements, metaData) : result;
        });
  }

  private static Connection connection(Connection real, Handler statements, Handler metaData) {
    return proxy(
        Connection.class,
        (p, method, args) -> {
          Object result = invoke(real, method, args);
          if (result instanceof PreparedStatement s) {
            return proxy(PreparedStatement.class, (q, m, a) -> statements.handle(s, m, a));
          } else if (result instanceof Statement s) {
            return proxy(Statement.class, (q, m, a) -> statements.handle(s, m, a));
          } else if (result instanceof DatabaseMetaData d && metaData != null) {
            return proxy(DatabaseMetaData.class, (q, m, a) -> metaData.handle(d, m, a));
          }
          return result;
        });
  }

  private static Object invoke(Object real, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(real, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return type.cast(
        Proxy.newProxyInstance(Faults.class.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
