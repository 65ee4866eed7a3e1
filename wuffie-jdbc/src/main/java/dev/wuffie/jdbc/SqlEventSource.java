package dev.wuffie.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.wuffie.Ledger;
import dev.wuffie.LiveReputation;
import dev.wuffie.ScoringPolicy;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Reads what happens on a site from the site's own tables into a {@link LiveReputation}: one SQL
 * query per kind of row, read in full by the first {@link #poll()} and then only past each query's
 * cursor.
 *
 * <p><b>The queries.</b> The site gives each query as a plain {@code SELECT} (no parameters, no
 * trailing semicolon) whose result columns have the names below (rename with {@code AS}; names are
 * matched without regard to case), and names its <em>cursor column</em>: an integer column of the
 * result that only grows as rows are added, such as an identity column or a sequence. The source
 * runs {@code SELECT * FROM (query) wuffie_rows WHERE cursor > ? ORDER BY cursor}. Ids are read as
 * text (an integer id {@code 42} is the contributor {@code "42"}); times are timestamps (read as
 * UTC when they have no time zone) or integer milliseconds since 1970.
 *
 * <ul>
 *   <li><b>events</b> (required): {@code id} (the site's id of the event: an integer, or text),
 *       {@code endorser}, {@code target_member} or {@code target_contribution} (exactly one of them
 *       set on each row; a query may return only one of the two columns), {@code kind}, {@code
 *       rating} (optional column; null for an unrated kind) and {@code made_at}.
 *   <li><b>contributions</b> (optional): one row per author: {@code contribution} (its id), {@code
 *       author}, {@code share} (optional column; null is 1, and shares are relative), {@code tags}
 *       (optional column: the scopes of {@link dev.wuffie.ScopedReputation}, words separated by
 *       {@code |} as in an edge list; null for none; a contribution has the tags of all its rows)
 *       and {@code made_at}. The rows of one contribution must share their cursor value (the
 *       contribution's own sequence number, say): a contribution's authors are those of the rows
 *       read when its id is first seen, and later rows for it are ignored.
 *   <li><b>removals</b> (optional): {@code event_id}, the id of an event that was deleted or
 *       changed (a changed vote is a removal and a new event). The event is retracted. For restarts
 *       to give the same scores, the events query must keep returning removed events (soft
 *       deletion, or a log of votes).
 *   <li><b>merges</b> (optional): {@code alias}, {@code person}: the account {@code alias} belongs
 *       to {@code person}. A person the ledger has not seen yet is registered as a member: the row
 *       is the site's explicit word that the person exists (a {@link Ledger} refuses a merge into
 *       an unknown person otherwise).
 * </ul>
 *
 * <p><b>Each poll</b> reads the four queries in that order (contributions first, so that the events
 * that endorse them find them) in one transaction at {@code REPEATABLE READ} where the database
 * offers it, so that all four see the same state. Result sets are read with {@link
 * Builder#fetchSize a fetch size} with auto-commit off, so that the driver streams them (the
 * PostgreSQL driver then reads through a cursor; MySQL's needs {@code useCursorFetch=true} in the
 * URL) and the first load is never held whole in memory. Rows are applied to the ledger in batches
 * of up to {@link Builder#batchSize} entries, each whole or not at all ({@link Ledger#apply}); a
 * query's cursor moves past a batch once it is applied.
 *
 * <p><b>Exactly once.</b> The source remembers the ledger event of every site event id it recorded,
 * so a row read twice, or two rows with the same id, change the ledger once: reading at least once
 * becomes recording exactly once. Contributions are remembered by id, merges by alias.
 *
 * <p><b>Late commits.</b> A row that gets its cursor value (an identity, a sequence) in a
 * transaction that commits after rows with higher values were read would be behind the cursor when
 * it becomes visible. So each poll reads again the rows up to {@link Builder#overlap} cursor values
 * below the cursor ({@value #DEFAULT_OVERLAP} by default), and the id check above makes that
 * harmless. Choose an overlap above the number of rows the site adds while its longest inserting
 * transaction is open; a cursor that the site assigns in commit order may use 0.
 *
 * <p><b>Bad rows</b> (a null id, a kind the policy does not know, a rating that does not fit its
 * kind, a vote on an undeclared contribution, a merge cycle, a time the ledger refuses) follow
 * {@link Builder#badRows}: {@link BadRows#FAIL} (the default) fails the poll with a {@link
 * BadRowException} naming the query, the row's id and the column, and leaves the batch unapplied;
 * {@link BadRows#SKIP} skips the row, counts it, and logs the first few of each poll. A removal of
 * an event the source never recorded is ignored.
 *
 * <p><b>Restarts.</b> A source that starts again either reads the site's tables from the start into
 * an empty ledger (its first poll), or {@linkplain #restore restores} a {@linkplain #checkpoint
 * checkpoint} and reads on from the checkpoint's cursors. Either way its ledger holds the same
 * endorsements, contributions, retractions and merges as the ledger of a source that never stopped,
 * and {@link dev.wuffie.Reputation#compute(Ledger, ScoringPolicy)} scores the two bit for bit the
 * same (the core scores in an order fixed by the ledger's content, not by the order the rows
 * arrived in). A live reputation that has refreshed before starts each refresh from its last
 * scores, and those agree with a fresh computation within the solver's tolerance, not to the bit.
 *
 * <pre>{@code
 * LiveReputation live = LiveReputation.builder(Ledger.create(), policy).build();
 * SqlEventSource source = SqlEventSource.builder(dataSource, live)
 *     .events("SELECT v.id, v.voter_id AS endorser, v.post_id AS target_contribution,"
 *         + " v.type AS kind, v.created_at AS made_at FROM votes v", "id")
 *     .contributions("SELECT p.id AS contribution, p.author_id AS author,"
 *         + " p.created_at AS made_at, p.id AS seq FROM posts p", "seq")
 *     .removals("SELECT vote_id AS event_id, seq FROM removed_votes", "seq")
 *     .build();
 * source.pollEvery(Duration.ofSeconds(10), scheduler); // polls, then refreshes the scores
 * }</pre>
 *
 * <p><b>Cost.</b> A poll is one query per kind, reading the new rows plus the overlap. Memory: the
 * ledger's own, plus about 16 to 32 bytes per event with an integer id (an open-addressing hash map
 * of primitives), or about 100 bytes plus the id's text per event with a text id; about 80 bytes
 * plus the id per contribution, merge and skipped row.
 *
 * <p><b>Thread safety.</b> Safe to use from many threads: polls run one at a time. The source
 * records into its live reputation's ledger with {@link Ledger#apply} (checking each event against
 * the policy first), so the events it records do not count towards {@link
 * LiveReputation.Builder#refreshAfter}; refresh on a schedule, after each poll, or through {@link
 * #pollEvery}.
 */
public final class SqlEventSource {
  /** The default of {@link Builder#fetchSize(int)}: {@value} rows per round trip. */
  public static final int DEFAULT_FETCH_SIZE = 1_000;

  /** The default of {@link Builder#batchSize(int)}: {@value} rows per ledger batch. */
  public static final int DEFAULT_BATCH_SIZE = 10_000;

  /** The default of {@link Builder#overlap(long)}: {@value} cursor values read again. */
  public static final long DEFAULT_OVERLAP = 1_000;

  /** How many skipped rows each poll logs. */
  private static final int LOGGED_PER_POLL = 5;

  private static final System.Logger LOG = System.getLogger(SqlEventSource.class.getName());

  private final DataSource dataSource;
  private final LiveReputation live;
  private final Ledger ledger;
  private final ScoringPolicy policy;
  private final String[] sql = new String[Query.values().length]; // null: no such query
  private final String[] cursorColumns = new String[Query.values().length];
  private final int fetchSize;
  private final int batchSize;
  private final long overlap;
  private final BadRows badRows;

  private final Object lock = new Object();
  private SourceState state = new SourceState(); // guarded by lock
  private boolean polled; // guarded by lock

  /**
   * What one poll did.
   *
   * @param recorded the events recorded
   * @param removed the events retracted
   * @param contributions the contributions registered
   * @param merges the merges applied
   * @param skipped the bad rows skipped (always 0 under {@link BadRows#FAIL})
   * @param ignored the rows that changed nothing: read before (the overlap), a second row with an
   *     id already recorded, a removal of an event never recorded
   */
  public record Poll(
      int recorded, int removed, int contributions, int merges, int skipped, int ignored) {

    /** Whether the poll changed the ledger. */
    public boolean changed() {
      return recorded + removed + contributions + merges > 0;
    }
  }

  private SqlEventSource(Builder builder) {
    this.dataSource = builder.dataSource;
    this.live = builder.live;
    this.ledger = builder.live.ledger();
    this.policy = builder.live.policy();
    System.arraycopy(builder.sql, 0, sql, 0, sql.length);
    System.arraycopy(builder.cursorColumns, 0, cursorColumns, 0, sql.length);
    this.fetchSize = builder.fetchSize;
    this.batchSize = builder.batchSize;
    this.overlap = builder.overlap;
    this.badRows = builder.badRows;
  }

  /**
   * A builder of a source that reads from {@code dataSource} into {@code live}'s ledger, checking
   * events against {@code live}'s policy.
   *
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(DataSource dataSource, LiveReputation live) {
    return new Builder(dataSource, live);
  }

  /**
   * Reads every row past each query's cursor (less the overlap) and records it; the first poll
   * reads everything. See the class javadoc for the order, the transaction and bad rows.
   *
   * @return what the poll did
   * @throws BadRowException under {@link BadRows#FAIL}, for the first bad row; the batches applied
   *     before it stay applied and the cursors stand after them
   * @throws IllegalStateException if a query lacks a column it must return, or {@code made_at} is
   *     of a type that holds no time, or the ledger is full
   * @throws SQLException if the database fails; the batches applied before stay applied
   */
  public Poll poll() throws SQLException {
    synchronized (lock) {
      polled = true;
      Counts counts = new Counts();
      try (Connection connection = dataSource.getConnection()) {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false); // for a cursor-based fetch, and one snapshot
        if (connection
            .getMetaData()
            .supportsTransactionIsolationLevel(Connection.TRANSACTION_REPEATABLE_READ)) {
          connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }
        try {
          for (Query query : Query.values()) {
            if (sql[query.ordinal()] != null) {
              read(connection, query, counts);
            }
          }
          connection.commit();
        } catch (SQLException | RuntimeException e) {
          try {
            connection.rollback();
          } catch (SQLException rollback) {
            e.addSuppressed(rollback);
          }
          throw e;
        } finally {
          restore(connection, autoCommit, isolation);
        }
      } finally {
        counts.log();
      }
      return counts.poll();
    }
  }

  /**
   * Polls every {@code period} (between the end of one poll and the start of the next) on {@code
   * scheduler}, which the site owns and shuts down, and refreshes the live reputation after each
   * poll that changed the ledger. A failed poll or refresh is logged as a warning, and the next one
   * tries again. Cancel the returned future to stop.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code period} is not positive
   */
  public ScheduledFuture<?> pollEvery(Duration period, ScheduledExecutorService scheduler) {
    checkNotNull(period, "period is null");
    checkArgument(
        !period.isNegative() && !period.isZero(), "poll period %s must be positive", period);
    checkNotNull(scheduler, "scheduler is null");
    return scheduler.scheduleWithFixedDelay(
        this::pollAndRefresh, 0, period.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Writes a checkpoint to {@code path}: the ledger (as {@link dev.wuffie.json.LedgerJson} lines)
   * and what the source remembers (its cursors, the ledger event of each site event id, the
   * contributions, merges and skipped rows), in one zip file that replaces {@code path} atomically:
   * through a temporary file in the same directory, forced to the device, then moved. A source
   * {@linkplain #restore restored} from it and polling from there builds the same ledger as a
   * source that never stopped, and so the same scores, bit for bit.
   *
   * <p>Polls wait while the checkpoint is written. The source must be the only writer of its
   * ledger: the checkpoint maps site ids to ledger event ids.
   *
   * @throws NullPointerException if {@code path} is null
   * @throws IOException if writing fails; {@code path} is then as it was
   */
  public void checkpoint(Path path) throws IOException {
    checkNotNull(path, "path is null");
    synchronized (lock) {
      Checkpoint.write(path, ledger, state);
    }
  }

  /**
   * Reads the checkpoint at {@code path} (see {@link #checkpoint}) into this source, whose ledger
   * must be empty and which must not have polled yet; the next poll reads the rows past the
   * checkpoint's cursors. A query that the checkpoint has no cursor for is read from the start.
   *
   * @throws NullPointerException if {@code path} is null
   * @throws IllegalStateException if the source has polled, or its ledger is not empty
   * @throws java.nio.file.NoSuchFileException if there is no such file
   * @throws IOException if the file cannot be read or is no checkpoint; the source and its ledger
   *     are then as they were (except for a damaged file whose ledger part reads well, which the
   *     message says)
   */
  public void restore(Path path) throws IOException {
    checkNotNull(path, "path is null");
    synchronized (lock) {
      checkState(!polled, "the source has polled already; restore a checkpoint into a new source");
      checkState(
          ledger.eventCount() == 0 && ledger.contributorCount() == 0,
          "the ledger is not empty (%s); restore a checkpoint into a new, empty ledger",
          ledger);
      if (!Files.exists(path)) {
        throw new NoSuchFileException(path.toString(), null, "no checkpoint file");
      }
      state = Checkpoint.read(path, ledger);
    }
  }

  /**
   * Each query's cursor: the highest cursor value it has read and applied, by query name ({@code
   * events}, {@code contributions}, {@code removals}, {@code merges}), for the queries the source
   * has; {@code Long.MIN_VALUE} before the first poll.
   */
  public Map<String, Long> cursors() {
    synchronized (lock) {
      Map<String, Long> cursors = new LinkedHashMap<>();
      for (Query query : Query.values()) {
        if (sql[query.ordinal()] != null) {
          cursors.put(query.label, state.cursors[query.ordinal()]);
        }
      }
      return Collections.unmodifiableMap(cursors);
    }
  }

  @Override
  public String toString() {
    return "SqlEventSource{cursors=" + cursors() + "}";
  }

  private void pollAndRefresh() {
    try {
      if (poll().changed()) {
        live.refresh();
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "polling the site's tables failed; the next poll tries again", e);
    }
  }

  private void read(Connection connection, Query query, Counts counts) throws SQLException {
    int q = query.ordinal();
    long cursor = state.cursors[q];
    long from = cursor == Long.MIN_VALUE ? cursor : saturatedMinus(cursor, overlap);
    try (PreparedStatement statement =
        connection.prepareStatement(
            Query.paged(sql[q], cursorColumns[q]),
            ResultSet.TYPE_FORWARD_ONLY,
            ResultSet.CONCUR_READ_ONLY)) {
      statement.setFetchSize(fetchSize);
      statement.setLong(1, from);
      try (ResultSet rows = statement.executeQuery()) {
        RowReader reader = RowReader.of(query, rows, cursorColumns[q], state, policy);
        Batch batch = new Batch(query);
        while (rows.next()) {
          long at = reader.cursor();
          if (batch.size() >= batchSize && at != batch.maxCursor) {
            apply(batch, counts);
            batch = new Batch(query);
          }
          batch.maxCursor = at;
          BadRow bad = reader.read(at, batch);
          if (bad != null) {
            if (badRows == BadRows.FAIL) {
              throw bad.exception();
            }
            batch.skipped.add(bad);
          }
        }
        apply(batch, counts);
      }
    }
  }

  private void apply(Batch batch, Counts counts) {
    long first = batch.apply(ledger, badRows);
    batch.commit(state, first);
    counts.add(batch);
  }

  private static long saturatedMinus(long a, long b) {
    long d = a - b;
    return ((a ^ b) & (a ^ d)) < 0 ? Long.MIN_VALUE : d;
  }

  private static void restore(Connection connection, boolean autoCommit, int isolation) {
    try {
      connection.setTransactionIsolation(isolation);
      connection.setAutoCommit(autoCommit);
    } catch (SQLException e) {
      // the connection is broken; closing it is all that is left to do
    }
  }

  /** What a poll did so far, and the first skipped rows to log. */
  private static final class Counts {
    final int[] applied = new int[Query.values().length];
    int skipped;
    int ignored;
    final List<BadRow> logged = new ArrayList<>();

    void add(Batch batch) {
      applied[batch.query.ordinal()] += batch.size();
      skipped += batch.skipped.size();
      ignored += batch.ignored;
      for (BadRow bad : batch.skipped) {
        if (logged.size() < LOGGED_PER_POLL) {
          logged.add(bad);
        }
      }
    }

    Poll poll() {
      return new Poll(
          applied[Query.EVENTS.ordinal()],
          applied[Query.REMOVALS.ordinal()],
          applied[Query.CONTRIBUTIONS.ordinal()],
          applied[Query.MERGES.ordinal()],
          skipped,
          ignored);
    }

    void log() {
      if (skipped > 0) {
        StringBuilder message =
            new StringBuilder(String.format("skipped %d bad rows; the first:", skipped));
        for (BadRow bad : logged) {
          message.append(System.lineSeparator()).append("  ").append(bad.query().label);
          message.append(" row ").append(bad);
        }
        LOG.log(Level.WARNING, message.toString());
      }
    }
  }

  /**
   * Sets up a {@link SqlEventSource}. The events query is required; the others are optional.
   * Defaults: {@link #DEFAULT_FETCH_SIZE}, {@link #DEFAULT_BATCH_SIZE}, {@link #DEFAULT_OVERLAP},
   * {@link BadRows#FAIL}. Not thread-safe.
   */
  public static final class Builder {
    private final DataSource dataSource;
    private final LiveReputation live;
    private final String[] sql = new String[Query.values().length];
    private final String[] cursorColumns = new String[Query.values().length];
    private int fetchSize = DEFAULT_FETCH_SIZE;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private long overlap = DEFAULT_OVERLAP;
    private BadRows badRows = BadRows.FAIL;

    private Builder(DataSource dataSource, LiveReputation live) {
      this.dataSource = checkNotNull(dataSource, "dataSource is null");
      this.live = checkNotNull(live, "live reputation is null");
    }

    /**
     * The events query and its cursor column (see the class javadoc for its columns).
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the query is blank, ends with a semicolon or has a
     *     parameter, or the cursor column is not a plain SQL name
     */
    public Builder events(String sql, String cursorColumn) {
      return query(Query.EVENTS, sql, cursorColumn);
    }

    /**
     * The contributions query and its cursor column, as {@link #events}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as {@link #events}
     */
    public Builder contributions(String sql, String cursorColumn) {
      return query(Query.CONTRIBUTIONS, sql, cursorColumn);
    }

    /**
     * The removals query and its cursor column, as {@link #events}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as {@link #events}
     */
    public Builder removals(String sql, String cursorColumn) {
      return query(Query.REMOVALS, sql, cursorColumn);
    }

    /**
     * The merges query and its cursor column, as {@link #events}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as {@link #events}
     */
    public Builder merges(String sql, String cursorColumn) {
      return query(Query.MERGES, sql, cursorColumn);
    }

    /**
     * How many rows the driver fetches per round trip (default {@value #DEFAULT_FETCH_SIZE}).
     *
     * @throws IllegalArgumentException if {@code rows < 1}
     */
    public Builder fetchSize(int rows) {
      checkArgument(rows >= 1, "fetch size %s: give at least 1 row", rows);
      this.fetchSize = rows;
      return this;
    }

    /**
     * How many entries the source applies to the ledger at once (default {@value
     * #DEFAULT_BATCH_SIZE}); rows that share a cursor value stay in one batch.
     *
     * @throws IllegalArgumentException if {@code entries < 1}
     */
    public Builder batchSize(int entries) {
      checkArgument(entries >= 1, "batch size %s: give at least 1 entry", entries);
      this.batchSize = entries;
      return this;
    }

    /**
     * How many cursor values below its cursor each poll reads again (default {@value
     * #DEFAULT_OVERLAP}), to catch rows committed late; see the class javadoc.
     *
     * @throws IllegalArgumentException if {@code values < 0}
     */
    public Builder overlap(long values) {
      checkArgument(values >= 0, "overlap %s: give 0 or more cursor values", values);
      this.overlap = values;
      return this;
    }

    /**
     * What to do with a row that cannot be recorded (default {@link BadRows#FAIL}).
     *
     * @throws NullPointerException if {@code badRows} is null
     */
    public Builder badRows(BadRows badRows) {
      this.badRows = checkNotNull(badRows, "badRows is null");
      return this;
    }

    /**
     * The source. It connects to the database only when it polls.
     *
     * @throws IllegalStateException if no events query was given
     */
    public SqlEventSource build() {
      checkState(
          sql[Query.EVENTS.ordinal()] != null,
          "no events query: give one with events(sql, cursorColumn)");
      return new SqlEventSource(this);
    }

    private Builder query(Query query, String sql, String cursorColumn) {
      this.sql[query.ordinal()] = Query.checkSql(sql, query.label);
      this.cursorColumns[query.ordinal()] =
          Dialect.checkName(cursorColumn, query.label + " cursor column");
      checkArgument(
          !cursorColumn.contains("."),
          "%s cursor column '%s' has a dot: name the column of the query's result",
          query.label,
          cursorColumn);
      return this;
    }
  }
}
