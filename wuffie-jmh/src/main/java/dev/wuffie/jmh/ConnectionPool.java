package dev.wuffie.jmh;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The least of a connection pool, for {@link SiteFigures}: a data source that keeps the connections
 * it opened and hands them out again, as the pool of a site would, so that a poll does not pay for
 * a new database session (a PostgreSQL backend process) each time. A connection handed out is
 * closed by returning it: rolled back and set to auto-commit if it was in a transaction.
 * Thread-safe; no limit, no validation, no timeouts.
 */
final class ConnectionPool implements DataSource {
  private final DataSource target;
  private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();

  ConnectionPool(DataSource target) {
    this.target = target;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection connection = idle.pollFirst();
    if (connection == null || connection.isClosed()) {
      connection = target.getConnection();
    }
    Connection real = connection;
    AtomicBoolean returned = new AtomicBoolean();
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "close" -> {
                  if (!returned.getAndSet(true)) {
                    if (!real.isClosed() && !real.getAutoCommit()) {
                      real.rollback();
                      real.setAutoCommit(true);
                    }
                    idle.addFirst(real);
                  }
                  return null;
                }
                case "isClosed" -> {
                  return returned.get() || real.isClosed();
                }
                default -> {
                  try {
                    return method.invoke(real, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                }
              }
            });
  }

  /** Closes the connections that are not handed out. */
  void closeIdle() throws SQLException {
    for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
      c.close();
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the pool connects as one user");
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
