package dev.wuffie.spring;

import dev.wuffie.jdbc.BadRows;
import dev.wuffie.jdbc.ScoreSink;
import dev.wuffie.jdbc.SqlEventSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * The {@code wuffie.*} settings of a Spring Boot site: what to score with, where the events come
 * from, where the scores go, and how often. Every field's javadoc is the property's description in
 * the IDE (through {@code META-INF/spring-configuration-metadata.json}); the module README shows
 * them at work.
 *
 * <p>Nothing starts unless {@code wuffie.enabled=true}. Bound once at startup; not thread-safe
 * while binding, read-only afterwards.
 */
@ConfigurationProperties("wuffie")
public class WuffieProperties {
  /**
   * Whether to start wuffie at all: its beans, the polling of the site's tables, the scheduled
   * refreshes. Off unless the site turns it on.
   */
  private boolean enabled = false;

  /**
   * How often to rescore the ledger, besides after each poll that read something new. A refresh
   * that finds nothing new costs next to nothing; it also retries a failed score-table write.
   */
  private Duration refreshEvery = Duration.ofMinutes(1);

  /**
   * Whether refreshes between exact ones are incremental: they update the last compilation with
   * what changed and start from the last scores (few iterations; within {@code wuffie.accuracy} of
   * a fresh computation). Set false to make every refresh exact, publishing what a fresh
   * computation gives, bit for bit, at the cost of a full compile and solve per refresh.
   */
  private boolean warmStart = true;

  /**
   * The accuracy of a refresh between exact ones, an L1 bound on the distance of its scores to the
   * exact ones (the published reputation's {@code errorBound}), in [1e-10, 1): its solve stops once
   * below it. Smaller values cost more iterations per refresh.
   */
  private double accuracy = 1e-6; // LiveReputation.DEFAULT_ACCURACY, as a literal for the metadata

  /**
   * How often a refresh is exact (a full compile and a solve from scratch, publishing what a fresh
   * computation gives, bit for bit) when {@code wuffie.warm-start} is true; the first refresh is.
   */
  private Duration exactEvery = Duration.ofHours(1);

  /**
   * The scopes (tags of contributions, as the contributions query's {@code tags} column gives them)
   * whose reputation each refresh keeps current, for {@link WuffieReputations}: a list of tags, or
   * {@code *} for every tag a contribution carries. Empty (the default): no scopes, and a refresh
   * costs what it did without them. Each refresh that publishes new scores computes the kept scopes
   * in full, exactly; scope scores are not written to the score table.
   */
  private List<String> scopes = new ArrayList<>();

  /** How long to wait at shutdown for a poll or refresh in progress before interrupting it. */
  private Duration shutdownTimeout = Duration.ofSeconds(30);

  /** The scoring policy. */
  private final Policy policy = new Policy();

  /** The privilege tiers assigned at every refresh. */
  private final TierSettings tiers = new TierSettings();

  /** Where the events come from: SQL queries over the site's own tables. */
  private final Source source = new Source();

  /** Where the scores go: a table of the site's. */
  private final Sink sink = new Sink();

  /** The actuator health indicator named {@code wuffie}. */
  private final Health health = new Health();

  /** {@return {@code wuffie.enabled}} */
  public boolean isEnabled() {
    return enabled;
  }

  /** Sets {@code wuffie.enabled}. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** {@return {@code wuffie.refresh-every}} */
  public Duration getRefreshEvery() {
    return refreshEvery;
  }

  /** Sets {@code wuffie.refresh-every}. */
  public void setRefreshEvery(Duration refreshEvery) {
    this.refreshEvery = refreshEvery;
  }

  /** {@return {@code wuffie.warm-start}} */
  public boolean isWarmStart() {
    return warmStart;
  }

  /** Sets {@code wuffie.warm-start}. */
  public void setWarmStart(boolean warmStart) {
    this.warmStart = warmStart;
  }

  /** {@return {@code wuffie.accuracy}} */
  public double getAccuracy() {
    return accuracy;
  }

  /** Sets {@code wuffie.accuracy}. */
  public void setAccuracy(double accuracy) {
    this.accuracy = accuracy;
  }

  /** {@return {@code wuffie.exact-every}} */
  public Duration getExactEvery() {
    return exactEvery;
  }

  /** Sets {@code wuffie.exact-every}. */
  public void setExactEvery(Duration exactEvery) {
    this.exactEvery = exactEvery;
  }

  /** {@return {@code wuffie.scopes}} */
  public List<String> getScopes() {
    return scopes;
  }

  /** Sets {@code wuffie.scopes}. */
  public void setScopes(List<String> scopes) {
    this.scopes = scopes;
  }

  /** {@return {@code wuffie.shutdown-timeout}} */
  public Duration getShutdownTimeout() {
    return shutdownTimeout;
  }

  /** Sets {@code wuffie.shutdown-timeout}. */
  public void setShutdownTimeout(Duration shutdownTimeout) {
    this.shutdownTimeout = shutdownTimeout;
  }

  /** {@return the {@code wuffie.policy.*} settings} */
  public Policy getPolicy() {
    return policy;
  }

  /** {@return the {@code wuffie.tiers.*} settings} */
  public TierSettings getTiers() {
    return tiers;
  }

  /** {@return the {@code wuffie.source.*} settings} */
  public Source getSource() {
    return source;
  }

  /** {@return the {@code wuffie.sink.*} settings} */
  public Sink getSink() {
    return sink;
  }

  /** {@return the {@code wuffie.health.*} settings} */
  public Health getHealth() {
    return health;
  }

  /** The {@code wuffie.policy.*} settings: at most one of the two. */
  public static class Policy {
    /**
     * A JSON policy file, as the command line's {@code --policy} reads it: a Spring resource
     * location such as {@code classpath:wuffie-policy.json} or {@code file:/etc/site/policy.json}.
     * Without it or {@code json}, the default policy.
     */
    private Resource file;

    /** The JSON policy inline, instead of {@code file}: {@code {"kinds": {"accept": 3}}}. */
    private String json;

    /** {@return {@code wuffie.policy.file}, or null} */
    public Resource getFile() {
      return file;
    }

    /** Sets {@code wuffie.policy.file}. */
    public void setFile(Resource file) {
      this.file = file;
    }

    /** {@return {@code wuffie.policy.json}, or null} */
    public String getJson() {
      return json;
    }

    /** Sets {@code wuffie.policy.json}. */
    public void setJson(String json) {
      this.json = json;
    }
  }

  /** The {@code wuffie.tiers.*} settings. */
  public static class TierSettings {
    /**
     * The tiers, lowest first; a member's tier is the highest it reaches. Each has a name and
     * either a percentile or points.
     */
    private List<Level> levels = new ArrayList<>();

    /**
     * The low-water mark, as a fraction of each threshold: a member keeps a tier until its value
     * falls below the threshold times this, so that members do not flap between tiers.
     */
    private double lowWater = 0.9; // Tiers.DEFAULT_LOW_WATER, as a literal for the metadata

    /** {@return {@code wuffie.tiers.levels}} */
    public List<Level> getLevels() {
      return levels;
    }

    /** Sets {@code wuffie.tiers.levels}. */
    public void setLevels(List<Level> levels) {
      this.levels = levels;
    }

    /** {@return {@code wuffie.tiers.low-water}} */
    public double getLowWater() {
      return lowWater;
    }

    /** Sets {@code wuffie.tiers.low-water}. */
    public void setLowWater(double lowWater) {
      this.lowWater = lowWater;
    }
  }

  /** One tier: {@code wuffie.tiers.levels[i].*}. */
  public static class Level {
    /** The tier's name, such as {@code trusted}. */
    private String name;

    /** The percentile (0 to 100, exclusive of 0) that promotes a member into the tier. */
    private Double percentile;

    /**
     * The points (score times the number of members; 1 is the average member) that promote a member
     * into the tier, instead of a percentile.
     */
    private Double points;

    /** {@return the tier's name} */
    public String getName() {
      return name;
    }

    /** Sets the tier's name. */
    public void setName(String name) {
      this.name = name;
    }

    /** {@return the tier's percentile, or null} */
    public Double getPercentile() {
      return percentile;
    }

    /** Sets the tier's percentile. */
    public void setPercentile(Double percentile) {
      this.percentile = percentile;
    }

    /** {@return the tier's points, or null} */
    public Double getPoints() {
      return points;
    }

    /** Sets the tier's points. */
    public void setPoints(Double points) {
      this.points = points;
    }
  }

  /** The {@code wuffie.source.*} settings: a {@link SqlEventSource} on the site's DataSource. */
  public static class Source {
    /**
     * The events query (votes, accepted answers, ...) and its cursor column; setting its SQL turns
     * the source on.
     */
    private final Query events = new Query();

    /** The contributions query (answers, posts and their authors) and its cursor column. */
    private final Query contributions = new Query();

    /** The removals query (deleted or changed votes) and its cursor column. */
    private final Query removals = new Query();

    /** The merges query (accounts that belong to one person) and its cursor column. */
    private final Query merges = new Query();

    /** How often to read the new rows; a poll that read something is followed by a refresh. */
    private Duration pollEvery = Duration.ofSeconds(10);

    /**
     * What to do with a row that cannot be recorded (an unknown kind, a vote on an undeclared
     * answer): fail the poll, or skip the row, count it and log it.
     */
    private BadRows badRows = BadRows.FAIL;

    /** How many rows the driver fetches per round trip. */
    private int fetchSize = 1000; // SqlEventSource.DEFAULT_FETCH_SIZE

    /** How many rows are applied to the ledger at once, each batch whole or not at all. */
    private int batchSize = 10000; // SqlEventSource.DEFAULT_BATCH_SIZE

    /**
     * How many cursor values below its cursor each poll reads again, to catch rows whose
     * transaction committed late; above the number of rows the site inserts while its longest
     * inserting transaction is open.
     */
    private long overlap = 1000; // SqlEventSource.DEFAULT_OVERLAP

    /** Where the source saves what it has read, so that a restart need not read it all again. */
    private final Checkpoint checkpoint = new Checkpoint();

    /** {@return {@code wuffie.source.events.*}} */
    public Query getEvents() {
      return events;
    }

    /** {@return {@code wuffie.source.contributions.*}} */
    public Query getContributions() {
      return contributions;
    }

    /** {@return {@code wuffie.source.removals.*}} */
    public Query getRemovals() {
      return removals;
    }

    /** {@return {@code wuffie.source.merges.*}} */
    public Query getMerges() {
      return merges;
    }

    /** {@return {@code wuffie.source.poll-every}} */
    public Duration getPollEvery() {
      return pollEvery;
    }

    /** Sets {@code wuffie.source.poll-every}. */
    public void setPollEvery(Duration pollEvery) {
      this.pollEvery = pollEvery;
    }

    /** {@return {@code wuffie.source.bad-rows}} */
    public BadRows getBadRows() {
      return badRows;
    }

    /** Sets {@code wuffie.source.bad-rows}. */
    public void setBadRows(BadRows badRows) {
      this.badRows = badRows;
    }

    /** {@return {@code wuffie.source.fetch-size}} */
    public int getFetchSize() {
      return fetchSize;
    }

    /** Sets {@code wuffie.source.fetch-size}. */
    public void setFetchSize(int fetchSize) {
      this.fetchSize = fetchSize;
    }

    /** {@return {@code wuffie.source.batch-size}} */
    public int getBatchSize() {
      return batchSize;
    }

    /** Sets {@code wuffie.source.batch-size}. */
    public void setBatchSize(int batchSize) {
      this.batchSize = batchSize;
    }

    /** {@return {@code wuffie.source.overlap}} */
    public long getOverlap() {
      return overlap;
    }

    /** Sets {@code wuffie.source.overlap}. */
    public void setOverlap(long overlap) {
      this.overlap = overlap;
    }

    /** {@return {@code wuffie.source.checkpoint.*}} */
    public Checkpoint getCheckpoint() {
      return checkpoint;
    }
  }

  /** One query of the source: its SQL and its cursor column. */
  public static class Query {
    /**
     * A plain SELECT (no parameters, no trailing semicolon) returning the columns the wuffie-jdbc
     * README lists for this query; rename columns with AS.
     */
    private String sql;

    /**
     * The query's cursor column: an integer column of its result that only grows as rows are added
     * (an identity, a sequence).
     */
    private String cursor;

    /** {@return the query's SQL, or null} */
    public String getSql() {
      return sql;
    }

    /** Sets the query's SQL. */
    public void setSql(String sql) {
      this.sql = sql;
    }

    /** {@return the query's cursor column, or null} */
    public String getCursor() {
      return cursor;
    }

    /** Sets the query's cursor column. */
    public void setCursor(String cursor) {
      this.cursor = cursor;
    }
  }

  /** The {@code wuffie.source.checkpoint.*} settings. */
  public static class Checkpoint {
    /**
     * A file for the source's checkpoint (the ledger and the cursors, one zip file replaced
     * atomically): restored at startup when it exists, written at shutdown, and every {@code
     * every}. Without it, each start reads the site's tables from the beginning.
     */
    private Path path;

    /** How often to write the checkpoint besides at shutdown; unset: only at shutdown. */
    private Duration every;

    /** {@return {@code wuffie.source.checkpoint.path}, or null} */
    public Path getPath() {
      return path;
    }

    /** Sets {@code wuffie.source.checkpoint.path}. */
    public void setPath(Path path) {
      this.path = path;
    }

    /** {@return {@code wuffie.source.checkpoint.every}, or null} */
    public Duration getEvery() {
      return every;
    }

    /** Sets {@code wuffie.source.checkpoint.every}. */
    public void setEvery(Duration every) {
      this.every = every;
    }
  }

  /** The {@code wuffie.sink.*} settings: a {@link ScoreSink} on the site's DataSource. */
  public static class Sink {
    /**
     * The table to write every member's score, rank, percentile, points and tier to after each
     * refresh ({@code schema.table} allowed); setting it turns the sink on.
     */
    private String table;

    /** Whether to create the table at startup if it does not exist. */
    private boolean createTable = false;

    /** How many rows go to the database in one round trip. */
    private int batchSize = 1000; // ScoreSink.DEFAULT_BATCH_SIZE

    /** {@return {@code wuffie.sink.table}, or null} */
    public String getTable() {
      return table;
    }

    /** Sets {@code wuffie.sink.table}. */
    public void setTable(String table) {
      this.table = table;
    }

    /** {@return {@code wuffie.sink.create-table}} */
    public boolean isCreateTable() {
      return createTable;
    }

    /** Sets {@code wuffie.sink.create-table}. */
    public void setCreateTable(boolean createTable) {
      this.createTable = createTable;
    }

    /** {@return {@code wuffie.sink.batch-size}} */
    public int getBatchSize() {
      return batchSize;
    }

    /** Sets {@code wuffie.sink.batch-size}. */
    public void setBatchSize(int batchSize) {
      this.batchSize = batchSize;
    }
  }

  /** The {@code wuffie.health.*} settings. */
  public static class Health {
    /**
     * The health indicator is DOWN when no refresh has completed for this long (a refresh that
     * found nothing new counts); keep it above {@code wuffie.refresh-every}.
     */
    private Duration maxAge = Duration.ofMinutes(10);

    /** {@return {@code wuffie.health.max-age}} */
    public Duration getMaxAge() {
      return maxAge;
    }

    /** Sets {@code wuffie.health.max-age}. */
    public void setMaxAge(Duration maxAge) {
      this.maxAge = maxAge;
    }
  }
}
