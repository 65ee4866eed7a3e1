package dev.wuffie.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.wuffie.Refresh;
import dev.wuffie.RefreshListener;
import dev.wuffie.Reputation;
import dev.wuffie.Standing;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Writes every member's standing to a table of the site's, one row per member, in one transaction
 * per write: the site's pages then read scores, ranks and tiers with plain SQL.
 *
 * <p><b>The table</b> has the columns {@code id} (the member's id, the primary key), {@code score},
 * {@code rank}, {@code percentile}, {@code points} (see {@link Standing}), {@code tier} (null for a
 * member without one) and {@code refreshed_at} (the time of the write that last changed the row,
 * from the builder's {@linkplain Builder#clock clock}, to the millisecond). {@link #createTable()}
 * makes it when asked, with {@code CREATE TABLE IF NOT EXISTS}; a site that makes its own may add
 * columns with defaults, and may choose other types as long as they hold the values. Table and
 * column names are quoted, each part folded the way the database folds an unquoted name: the table
 * named {@code member_scores} is the one that {@code SELECT * FROM member_scores} reads.
 *
 * <p><b>Each write</b> runs in one transaction: the rows of members whose standing or tier changed
 * since the last write are inserted or updated with the database's upsert (PostgreSQL {@code INSERT
 * ... ON CONFLICT (id) DO UPDATE}, H2 {@code MERGE INTO ... KEY (id)}, MySQL and MariaDB {@code
 * INSERT ... ON DUPLICATE KEY UPDATE}), in JDBC batches; the rows of members that have no standing
 * any more (an account merged into another) are deleted; then the transaction commits. Readers on
 * other connections see the table as it was before the write or as it is after it, never half of
 * it. If anything fails the transaction is rolled back, the table stays as the last successful
 * write left it, and the exception says why.
 *
 * <p><b>Only what changed.</b> The sink remembers what it last wrote. Its first write, and the
 * first after a failed one, reads the table and compares with that; every other write compares with
 * its memory, without reading. A row is written when any of its values differ in any bit. (Scores
 * move a little at nearly every refresh for everyone connected to a change, so most rows of an
 * active community change; members whose standing did not move cost nothing.)
 *
 * <pre>{@code
 * ScoreSink sink = ScoreSink.builder(dataSource, "member_scores").build();
 * sink.createTable();
 * LiveReputation live = LiveReputation.builder(ledger, policy)
 *     .tiers(tiers)
 *     .listener(sink) // writes after every refresh
 *     .build();
 * }</pre>
 *
 * <p><b>Cost.</b> A write is {@code O(n)} to compare plus one batched statement per changed row, in
 * round trips of {@link Builder#batchSize} rows; reading the table on the first write is one query.
 * The memory of the last write holds about 100 bytes per member besides its id.
 *
 * <p><b>Thread safety.</b> Safe to use from many threads: writes run one at a time, each on a
 * connection of its own from the data source.
 */
public final class ScoreSink implements RefreshListener {
  /** The default of {@link Builder#batchSize(int)}: {@value} rows per round trip. */
  public static final int DEFAULT_BATCH_SIZE = 1_000;

  /** The length of the {@code id} column that {@link #createTable()} makes: {@value}. */
  public static final int ID_LENGTH = 512;

  /** The length of the {@code tier} column that {@link #createTable()} makes: {@value}. */
  public static final int TIER_LENGTH = 255;

  private static final List<String> COLUMNS =
      List.of("id", "score", "rank", "percentile", "points", "tier", "refreshed_at");

  private final DataSource dataSource;
  private final String table;
  private final int batchSize;
  private final Clock clock;
  private final Dialect forcedDialect; // null: by the database's product name

  private final Object lock = new Object();
  private Sql sql; // guarded by lock; null until the first connection
  private Map<String, Row> written; // guarded by lock; null when unknown: read the table

  /** What a member's row holds, besides its id and time. */
  private record Row(double score, int rank, double percentile, double points, String tier) {}

  /** The statements of this sink for one database. */
  private record Sql(Dialect dialect, String table, List<String> columns) {
    String column(int i) {
      return columns.get(i);
    }
  }

  /**
   * What one write did.
   *
   * @param upserted the rows inserted or updated: members that are new, or whose standing or tier
   *     changed
   * @param deleted the rows deleted: members without a standing any more
   * @param unchanged the members whose row was already up to date
   */
  public record Written(int upserted, int deleted, int unchanged) {}

  private ScoreSink(Builder builder) {
    this.dataSource = builder.dataSource;
    this.table = builder.table;
    this.batchSize = builder.batchSize;
    this.clock = builder.clock;
    this.forcedDialect = builder.dialect;
  }

  /**
   * A builder of a sink that writes to {@code table} of the database behind {@code dataSource}.
   *
   * @param table a plain SQL name (letters, digits and underscores, not starting with a digit),
   *     optionally with its schema: {@code schema.table}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code table} is not a plain SQL name
   */
  public static Builder builder(DataSource dataSource, String table) {
    return new Builder(dataSource, table);
  }

  /** The table's name, as given to the builder. */
  public String table() {
    return table;
  }

  /**
   * Creates the table if it does not exist, with the columns the class javadoc lists: {@code id} a
   * {@code VARCHAR(}{@value #ID_LENGTH}{@code )} primary key, the scores as double precision,
   * {@code rank} an integer, {@code tier} a nullable {@code VARCHAR(}{@value #TIER_LENGTH}{@code
   * )}, {@code refreshed_at} a timestamp with time zone (MySQL: {@code DATETIME(3)}, in UTC).
   *
   * @throws SQLException if the database refuses (for example, the user may not create tables)
   */
  public void createTable() throws SQLException {
    synchronized (lock) {
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement()) {
        Sql s = sql(connection);
        Dialect d = s.dialect();
        String ddl =
            String.format(
                "CREATE TABLE IF NOT EXISTS %s (%s VARCHAR(%d) NOT NULL PRIMARY KEY, %s %s NOT NULL,"
                    + " %s INTEGER NOT NULL, %s %s NOT NULL, %s %s NOT NULL, %s VARCHAR(%d), %s %s"
                    + " NOT NULL)",
                s.table(),
                s.column(0),
                ID_LENGTH,
                s.column(1),
                d.doubleType,
                s.column(2),
                s.column(3),
                d.doubleType,
                s.column(4),
                d.doubleType,
                s.column(5),
                TIER_LENGTH,
                s.column(6),
                d.timestampType);
        statement.execute(ddl);
        if (!connection.getAutoCommit()) {
          connection.commit();
        }
      } catch (SQLException e) {
        throw new SQLException(
            "could not create table " + table + ": " + e.getMessage(), e.getSQLState(), e);
      }
    }
  }

  /**
   * Writes the standing of every member of {@code reputation}, without tiers; see {@link
   * #write(Reputation, Map)}.
   *
   * @throws NullPointerException if {@code reputation} is null
   * @throws SQLException as {@link #write(Reputation, Map)}
   */
  public Written write(Reputation reputation) throws SQLException {
    return write(reputation, Map.of());
  }

  /**
   * Writes the standing of every member of {@code reputation}, with its tier from {@code tiers} (by
   * member id; a member that is not a key has no tier), and deletes the rows of members that have
   * none, in one transaction (see the class javadoc).
   *
   * @return how many rows were written, deleted and left alone
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code tiers} names an id that has no standing in {@code
   *     reputation}; nothing is written then
   * @throws SQLException if the database fails or refuses a row (a missing table, an id longer than
   *     the column, a constraint of the site's): the write is rolled back and the table holds what
   *     the last successful write left
   */
  public Written write(Reputation reputation, Map<String, String> tiers) throws SQLException {
    checkNotNull(reputation, "reputation is null");
    checkNotNull(tiers, "tiers is null; pass Map.of() for none");
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String id : reputation.ids()) {
      Standing s = reputation.standing(id);
      rows.put(id, new Row(s.score(), s.rank(), s.percentile(), s.points(), tiers.get(id)));
    }
    for (String id : tiers.keySet()) {
      checkArgument(
          rows.containsKey(id),
          "tier '%s' is given for '%s', which has no standing in the reputation; give the tiers"
              + " assigned with this reputation (Refresh.tiers())",
          tiers.get(id),
          id);
    }
    OffsetDateTime at = OffsetDateTime.ofInstant(now(), ZoneOffset.UTC);
    synchronized (lock) {
      try (Connection connection = dataSource.getConnection()) {
        Sql s = sql(connection);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
          Map<String, Row> before = written != null ? written : read(connection, s);
          written = null; // unknown until the commit succeeds
          Written result = write(connection, s, before, rows, at);
          connection.commit();
          written = rows;
          return result;
        } catch (SQLException | RuntimeException e) {
          rollback(connection, e);
          if (e instanceof SQLException sqlException) {
            throw new SQLException(
                "writing the scores to table "
                    + table
                    + " failed and was rolled back, so the table holds the last successful write: "
                    + e.getMessage(),
                sqlException.getSQLState(),
                sqlException.getErrorCode(),
                e);
          }
          throw e;
        } finally {
          restoreAutoCommit(connection, autoCommit);
        }
      }
    }
  }

  /**
   * Writes the reputation and tiers that {@code refresh} published: a {@link
   * dev.wuffie.LiveReputation} calls this after each refresh when the sink is one of its
   * {@linkplain dev.wuffie.LiveReputation.Builder#listener listeners}.
   *
   * @throws IllegalStateException if the write fails, with the {@link SQLException} as its cause;
   *     the table holds the last successful write, and the next refresh writes everything that
   *     changed since then
   */
  @Override
  public void refreshed(Refresh refresh) {
    try {
      write(refresh.current(), refresh.tiers());
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "ScoreSink{table=" + table + "}";
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private Written write(
      Connection connection,
      Sql s,
      Map<String, Row> before,
      Map<String, Row> rows,
      OffsetDateTime at)
      throws SQLException {
    int upserted = 0;
    int deleted = 0;
    try (PreparedStatement upsert =
        connection.prepareStatement(s.dialect().upsert(s.table(), s.columns(), s.column(0)))) {
      for (Map.Entry<String, Row> entry : rows.entrySet()) {
        Row row = entry.getValue();
        if (row.equals(before.get(entry.getKey()))) {
          continue;
        }
        upsert.setString(1, entry.getKey());
        upsert.setDouble(2, row.score());
        upsert.setInt(3, row.rank());
        upsert.setDouble(4, row.percentile());
        upsert.setDouble(5, row.points());
        if (row.tier() == null) {
          upsert.setNull(6, Types.VARCHAR);
        } else {
          upsert.setString(6, row.tier());
        }
        upsert.setObject(7, at);
        upsert.addBatch();
        if (++upserted % batchSize == 0) {
          upsert.executeBatch();
        }
      }
      if (upserted % batchSize != 0) {
        upsert.executeBatch();
      }
    }
    String deleteSql = "DELETE FROM " + s.table() + " WHERE " + s.column(0) + " = ?";
    try (PreparedStatement delete = connection.prepareStatement(deleteSql)) {
      for (String id : before.keySet()) {
        if (!rows.containsKey(id)) {
          delete.setString(1, id);
          delete.addBatch();
          if (++deleted % batchSize == 0) {
            delete.executeBatch();
          }
        }
      }
      if (deleted % batchSize != 0) {
        delete.executeBatch();
      }
    }
    return new Written(upserted, deleted, rows.size() - upserted);
  }

  /** What the table holds now, by id. */
  private Map<String, Row> read(Connection connection, Sql s) throws SQLException {
    String query = "SELECT " + String.join(", ", s.columns().subList(0, 6)) + " FROM " + s.table();
    Map<String, Row> rows = new HashMap<>();
    try (Statement statement = connection.createStatement()) {
      statement.setFetchSize(batchSize);
      try (ResultSet r = statement.executeQuery(query)) {
        while (r.next()) {
          rows.put(
              r.getString(1),
              new Row(r.getDouble(2), r.getInt(3), r.getDouble(4), r.getDouble(5), r.getString(6)));
        }
      }
    }
    return rows;
  }

  private Sql sql(Connection connection) throws SQLException {
    if (sql == null) {
      Dialect dialect = forcedDialect != null ? forcedDialect : Dialect.of(connection);
      DatabaseMetaData metaData = connection.getMetaData();
      List<String> columns = new ArrayList<>();
      for (String column : COLUMNS) {
        columns.add(dialect.name(column, metaData));
      }
      sql = new Sql(dialect, dialect.name(table, metaData), List.copyOf(columns));
    }
    return sql;
  }

  private static void rollback(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private static void restoreAutoCommit(Connection connection, boolean autoCommit) {
    try {
      connection.setAutoCommit(autoCommit);
    } catch (SQLException e) {
      // the connection is broken; closing it is all that is left to do
    }
  }

  /**
   * Sets up a {@link ScoreSink}. Defaults: {@link #DEFAULT_BATCH_SIZE} rows per round trip, the
   * clock {@link Clock#systemUTC()}. Not thread-safe.
   */
  public static final class Builder {
    private final DataSource dataSource;
    private final String table;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private Clock clock = Clock.systemUTC();
    private Dialect dialect;

    private Builder(DataSource dataSource, String table) {
      this.dataSource = checkNotNull(dataSource, "dataSource is null");
      this.table = Dialect.checkName(table, "table name");
    }

    /**
     * How many rows go to the database in one round trip (default {@value #DEFAULT_BATCH_SIZE}).
     *
     * @throws IllegalArgumentException if {@code rows < 1}
     */
    public Builder batchSize(int rows) {
      checkArgument(rows >= 1, "batch size %s: give at least 1 row", rows);
      this.batchSize = rows;
      return this;
    }

    /**
     * The clock that stamps {@code refreshed_at} (default {@link Clock#systemUTC()}).
     *
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = checkNotNull(clock, "clock is null; pass Clock.systemUTC() for the default");
      return this;
    }

    /** Uses {@code dialect} whatever the database says it is (for tests). */
    Builder dialect(Dialect dialect) {
      this.dialect = checkNotNull(dialect, "dialect is null");
      return this;
    }

    /** The sink; it connects to the database only when it first writes or creates the table. */
    public ScoreSink build() {
      return new ScoreSink(this);
    }
  }
}
