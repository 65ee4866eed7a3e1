package dev.wuffie.spring;

import dev.wuffie.Refresh;
import dev.wuffie.RefreshListener;
import dev.wuffie.jdbc.ScoreSink;
import dev.wuffie.spring.WuffieStatus.Failure;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.Ordered;

/**
 * Writes every published refresh to the score table through a {@link ScoreSink}, and keeps what the
 * writes did for the health indicator and the meters. A failed write is logged and kept, not thrown
 * (so the other listeners still hear of the refresh), and {@link #retry()} writes the latest
 * refresh again.
 *
 * <p>Thread-safe: writes run one at a time, in the order they are asked for.
 */
final class SinkListener implements RefreshListener, Ordered {
  private static final Log LOG = LogFactory.getLog(SinkListener.class);

  private final ScoreSink sink;
  private final DataSource dataSource;
  private final boolean createTable;
  private final Clock clock;

  private Refresh pending; // guarded by this: the refresh whose write failed
  private Instant lastWrite; // guarded by this
  private Failure failure; // guarded by this
  private long upserted; // guarded by this
  private long deleted; // guarded by this

  SinkListener(ScoreSink sink, DataSource dataSource, boolean createTable, Clock clock) {
    this.sink = sink;
    this.dataSource = dataSource;
    this.createTable = createTable;
    this.clock = clock;
  }

  /** Before the first refresh: creates the table if asked, then checks that it can be read. */
  void prepare() {
    String property = "wuffie.sink.table";
    try {
      if (createTable) {
        sink.createTable();
      }
    } catch (SQLException e) {
      throw new WuffieConfigurationException(property, e.getMessage(), e);
    }
    // ScoreSink folds the (plain) name as the database folds unquoted names, so this reads the
    // table it writes.
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeQuery("SELECT * FROM " + sink.table() + " WHERE 1 = 0").close();
    } catch (SQLException e) {
      throw new WuffieConfigurationException(
          property,
          "cannot read table "
              + sink.table()
              + " ("
              + e.getMessage()
              + "); create it (see ScoreSink's javadoc for its columns) or set"
              + " wuffie.sink.create-table=true",
          e);
    }
  }

  @Override
  public void refreshed(Refresh refresh) {
    write(refresh);
  }

  /** Writes the refresh whose write failed last, if any. */
  synchronized void retry() {
    if (pending != null) {
      write(pending);
    }
  }

  /** The rows inserted or updated so far. */
  synchronized long upserted() {
    return upserted;
  }

  /** The rows deleted so far. */
  synchronized long deleted() {
    return deleted;
  }

  synchronized Instant lastWrite() {
    return lastWrite;
  }

  synchronized Failure failure() {
    return failure;
  }

  /** The table written to. */
  String table() {
    return sink.table();
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE; // before the site's listeners, which might throw
  }

  private synchronized void write(Refresh refresh) {
    try {
      ScoreSink.Written written = sink.write(refresh.current(), refresh.tiers());
      upserted += written.upserted();
      deleted += written.deleted();
      lastWrite = clock.instant();
      failure = null;
      pending = null;
    } catch (SQLException | RuntimeException e) {
      failure = Failure.of(clock.instant(), e);
      pending = refresh;
      LOG.warn(
          "writing the scores to " + sink.table() + " failed; the next refresh tick retries", e);
    }
  }
}
