package dev.wuffie.spark;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import dev.wuffie.ScoringPolicy;
import dev.wuffie.rank.RankSolver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.storage.StorageLevel;

/**
 * Scores a {@code Dataset<Row>} of endorsement events on Apache Spark under a wuffie-core {@link
 * ScoringPolicy}: the same scores as {@link dev.wuffie.Reputation#compute(dev.wuffie.Ledger,
 * ScoringPolicy)} gives for a ledger of the same events, computed with Spark's joins and
 * aggregations so that the endorsements need not fit one machine.
 *
 * <h2>Input</h2>
 *
 * <p>Endorsements, one row an event, with the columns of {@link dev.wuffie.Endorsement}:
 *
 * <ul>
 *   <li>{@value #ENDORSER}, {@value #TARGET}, {@value #KIND}: strings, required;
 *   <li>{@value #VALUE}: a number, null when the event has none (rated kinds need one); optional;
 *   <li>{@value #TIME}: a timestamp, or a number of milliseconds since 1970; optional when the
 *       policy has no decay and no {@code asOf} (every event is then at 1970);
 *   <li>{@value #TO_CONTRIBUTION}: a boolean, true when the target is a contribution; optional
 *       (false).
 * </ul>
 *
 * <p>Authorship, for endorsements of contributions: {@value #CONTRIBUTION} and {@value #AUTHOR}
 * (strings), and optionally {@value #SHARE} (a positive number; authors of a contribution share its
 * credit in proportion to it, equally without it). The contributors are every endorser, every
 * endorsed contributor and every author.
 *
 * <h2>What counts</h2>
 *
 * <p>Each event is weighed by the core's own code ({@link ScoringPolicy#weigh}, called from a Spark
 * function, which builds the core's {@link dev.wuffie.Endorsement} and so refuses null ids, NaN
 * values and unknown kinds with the core's messages), decayed by the policy's {@link
 * dev.wuffie.Decay} at its age, credited to a contribution's authors by share, dropped when it
 * credits its own endorser, summed per pair and saturated by the policy's {@link
 * dev.wuffie.Saturation}: the rules of {@link ScoringPolicy}, with the weight decay took going back
 * through the teleport vector and distrust applied after convergence.
 *
 * <h2>Iteration</h2>
 *
 * <p>Weighted, personalised power iteration ({@link RankSolver}'s formula) over the graph cut into
 * one block of primitive arrays per partition (below), built and cached once: each iteration is one
 * Spark job with the same plan, in which every partition sums its endorsers' flow per endorsed
 * contributor, the sums are shuffled to the contributors' partitions, and each partition adds the
 * teleport share, returned mass included. The L1 change comes back with the scores ({@code
 * treeAggregate}), and the loop stops when it is below the tolerance or after the iteration cap, as
 * the core's solver does. Each iteration's scores are checkpointed locally, which cuts the lineage;
 * every {@link Builder#checkpointInterval(int)} iterations they are checkpointed reliably instead
 * when the {@code SparkContext} has a checkpoint directory.
 *
 * <pre>{@code
 * SparkReputation reputation =
 *     SparkScorer.builder(policy).tolerance(1e-10).build().score(endorsements, authorship);
 * reputation.scores().write().parquet("scores.parquet"); // id, score, rank
 * }</pre>
 *
 * <h2>Not supported</h2>
 *
 * <p>Refused with a message, never ignored: an {@linkplain ScoringPolicy#influenceCap() influence
 * cap}, a {@linkplain ScoringPolicy#reciprocalWeight() reciprocal weight}, the {@linkplain
 * ScoringPolicy.Teleport#ACTIVITY activity prior}, and custom saturation or decay functions (the
 * policy travels to the executors as JSON). Merged accounts and retractions are the ledger's: give
 * the events as they count. The solver's method is ignored: Spark always runs power iteration,
 * whose fixed point Gauss-Seidel sweeps share.
 *
 * <p>Partitions: {@code P = min(spark.sql.shuffle.partitions, max(default parallelism, events /
 * 1,000,000))}, rounded up: one partition per core until there are more than a million events per
 * partition, and never more than the session's setting. While it scores, the scorer sets {@code
 * spark.sql.shuffle.partitions} to {@code P} and turns the session's adaptive query execution
 * ({@code spark.sql.adaptive.enabled}) off, and then restores both: the scoring runs many small
 * queries whose partitioning it fixes itself.
 *
 * <p>Cost per iteration: {@code m} multiply-adds over the cached blocks and a shuffle of one double
 * (8 bytes, plus a few per partition pair) per distinct (endorser's partition, endorsed
 * contributor) pair, at most {@code min(m, P n)} doubles for {@code m} edges, {@code n}
 * contributors and {@code P} partitions; the blocks take about 12 bytes per edge.
 *
 * <p>A scorer holds only its settings: it is immutable and safe to share between threads. A call
 * changes the two session settings above while it runs, though, so calls on one {@code
 * SparkSession} should not overlap with each other, nor with the session's other queries that
 * depend on those settings.
 */
public final class SparkScorer {
  /** Endorsement column: the endorser's id. */
  public static final String ENDORSER = "endorser";

  /** Endorsement column: the endorsed contributor's or contribution's id. */
  public static final String TARGET = "target";

  /** Endorsement column: the kind. */
  public static final String KIND = "kind";

  /** Endorsement column: the value of a rated kind. */
  public static final String VALUE = "value";

  /** Endorsement column: when the event happened. */
  public static final String TIME = "time";

  /** Endorsement column: whether the target is a contribution. */
  public static final String TO_CONTRIBUTION = "toContribution";

  /** Authorship column: the contribution's id. */
  public static final String CONTRIBUTION = "contribution";

  /** Authorship column: an author's id. */
  public static final String AUTHOR = "author";

  /** Authorship column: the author's share of the credit. */
  public static final String SHARE = "share";

  /** Result column: the contributor's id. */
  public static final String ID = "id";

  /** Result column: the score. */
  public static final String SCORE = "score";

  /** Result column: the rank, 1 for the best (by score, then by id). */
  public static final String RANK = "rank";

  /** Default checkpoint interval: {@value} iterations. */
  public static final int DEFAULT_CHECKPOINT_INTERVAL = 10;

  private final ScoringPolicy policy;
  private final int checkpointInterval;

  private SparkScorer(ScoringPolicy policy, int checkpointInterval) {
    this.policy = policy;
    this.checkpointInterval = checkpointInterval;
  }

  /**
   * A builder that scores under {@code policy}, with its solver's damping, tolerance and iteration
   * cap and its teleport unless the builder overrides them.
   *
   * @throws NullPointerException if {@code policy} is null
   */
  public static Builder builder(ScoringPolicy policy) {
    return new Builder(checkNotNull(policy, "policy is null; use ScoringPolicy.identity()"));
  }

  /** The policy this scorer applies, with the builder's overrides. */
  public ScoringPolicy policy() {
    return policy;
  }

  /** How many iterations pass between reliable checkpoints. */
  public int checkpointInterval() {
    return checkpointInterval;
  }

  /**
   * Scores {@code endorsements}, none of which endorses a contribution.
   *
   * @throws NullPointerException if {@code endorsements} is null
   * @throws IllegalArgumentException as {@link #score(Dataset, Dataset)}
   */
  public SparkReputation score(Dataset<Row> endorsements) {
    return score(endorsements, null);
  }

  /**
   * Scores {@code endorsements}, crediting endorsements of contributions to the authors that {@code
   * authorship} lists (null when there are none).
   *
   * @throws NullPointerException if {@code endorsements} is null
   * @throws IllegalArgumentException if a column is missing or of the wrong type, an event is bad
   *     (a null or empty id or kind, a NaN value, an unknown kind, a value that does not fit its
   *     kind: the core's messages), a contribution is endorsed but has no author, a share is not a
   *     positive number, a seed is not a contributor, or there is no event
   */
  public SparkReputation score(Dataset<Row> endorsements, Dataset<Row> authorship) {
    checkNotNull(endorsements, "endorsements is null");
    SparkSession spark = endorsements.sparkSession();
    String adaptive = spark.conf().get(ADAPTIVE, "true");
    String shuffle = spark.conf().get(SHUFFLE, "200");
    // The scoring runs many small queries on few partitions: adaptive execution would re-plan
    // each one (and may add broadcast jobs).
    spark.conf().set(ADAPTIVE, "false");
    try {
      return Failures.unwrapped(() -> new Call(this, endorsements, authorship).run());
    } finally {
      spark.conf().set(ADAPTIVE, adaptive);
      spark.conf().set(SHUFFLE, shuffle);
    }
  }

  private static final String ADAPTIVE = "spark.sql.adaptive.enabled";
  private static final String SHUFFLE = "spark.sql.shuffle.partitions";

  /** Events per partition above which the scorer takes more partitions than cores. */
  private static final long EVENTS_PER_PARTITION = 1_000_000;

  /** The work of one call of {@link #score(Dataset, Dataset)}. */
  private static final class Call {
    private final SparkScorer scorer;
    private final ScoringPolicy policy;
    private final PolicyFunctions functions;
    private final SparkSession spark;
    private final Dataset<Row> endorsements;
    private final Dataset<Row> authorship;
    private int partitions;

    Call(SparkScorer scorer, Dataset<Row> endorsements, Dataset<Row> authorship) {
      this.scorer = scorer;
      this.policy = scorer.policy;
      this.functions = PolicyFunctions.of(policy);
      this.spark = endorsements.sparkSession();
      this.endorsements = endorsements;
      this.authorship = authorship;
    }

    SparkReputation run() {
      Dataset<Row> events = events();
      UserDefinedFunction weigh =
          udf(functions.weigh(), DataTypes.DoubleType)
              .asNondeterministic()
              .withName("wuffie_weigh");
      Dataset<Row> weighed =
          events.withColumn(
              "w",
              weigh.apply(
                  col(ENDORSER),
                  col(TARGET),
                  col(TO_CONTRIBUTION),
                  col(KIND),
                  col(VALUE),
                  col("timeMillis")));
      weighed = weighed.persist(StorageLevel.MEMORY_AND_DISK());
      // One pass checks every event (the sum makes Spark weigh each) and finds the latest time.
      Row stats = weighed.agg(count(lit(1)), sum("w"), max("timeMillis")).first();
      checkArgument(stats.getLong(0) > 0, "there are no endorsements; give at least one event");
      // Small inputs get one partition per core (Spark's 200 would make every stage 200 tasks of
      // nothing), large ones a partition per million events, up to the session's setting.
      long wanted =
          Math.max(
              spark.sparkContext().defaultParallelism(),
              (stats.getLong(0) + EVENTS_PER_PARTITION - 1) / EVENTS_PER_PARTITION);
      partitions = (int) Math.min(Integer.parseInt(spark.conf().get(SHUFFLE, "200")), wanted);
      spark.conf().set(SHUFFLE, Integer.toString(partitions));
      long asOf =
          policy.asOf().map(java.time.Instant::toEpochMilli).orElseGet(() -> stats.getLong(2));

      Dataset<Row> shares = shares(weighed);
      Dataset<Row> ids = ids(weighed, shares);
      long n = ids.count();

      // Credits: who gave whom how much, before and after decay; self-credits dropped.
      UserDefinedFunction decay = udf(functions.decay(), DataTypes.DoubleType);
      Column keep = col("w").notEqual(0);
      if (policy.distrustStrength() == 0) {
        keep = col("w").gt(0);
      }
      Dataset<Row> live =
          weighed
              .filter(col("timeMillis").leq(asOf).and(keep))
              .withColumn("f", decay.apply(lit(asOf).minus(col("timeMillis"))));
      Dataset<Row> direct =
          live.filter(col(TO_CONTRIBUTION).equalTo(false))
              .select(col(ENDORSER).as("u"), col(TARGET).as("v"), col("w"), col("f"));
      Dataset<Row> credits = direct;
      if (shares != null) {
        Dataset<Row> viaContribution =
            live.filter(col(TO_CONTRIBUTION))
                .join(shares, col(TARGET).equalTo(col(CONTRIBUTION)))
                .select(
                    col(ENDORSER).as("u"),
                    col(AUTHOR).as("v"),
                    col("w").multiply(col(SHARE)).as("w"),
                    col("f"));
        credits = direct.unionByName(viaContribution);
      }
      credits = credits.filter(col("u").notEqual(col("v")));
      Column positive = col("w").gt(0);
      Dataset<Row> pairs =
          credits
              .groupBy("u", "v")
              .agg(
                  sum(when(positive, col("w")).otherwise(0.0)).as("trust"),
                  sum(when(positive, col("w").multiply(col("f"))).otherwise(0.0)).as("decTrust"),
                  sum(when(positive, 0.0).otherwise(negate(col("w")))).as("distrust"),
                  sum(when(positive, 0.0).otherwise(negate(col("w")).multiply(col("f"))))
                      .as("decDistrust"));

      // Saturation, and the weight decay took (teleport weight), by the core's function.
      UserDefinedFunction saturate = udf(functions.saturate(), DataTypes.DoubleType);
      Dataset<Row> indexed =
          pairs
              .join(ids.select(col(ID).as("u"), col("idx").as("src")), "u")
              .join(ids.select(col(ID).as("v"), col("idx").as("dst")), "v");
      Column hasTrust = col("trust").gt(0);
      Column full = when(hasTrust, saturate.apply(col("trust"))).otherwise(0.0);
      Column hasDistrust = col("distrust").gt(0);
      Column fullDistrust = when(hasDistrust, saturate.apply(col("distrust"))).otherwise(0.0);
      Dataset<Row> weights =
          indexed
              .select(
                  col("src"),
                  col("dst"),
                  full.as("full"),
                  when(hasTrust, least(full, saturate.apply(col("decTrust"))))
                      .otherwise(0.0)
                      .as("wt"),
                  fullDistrust.as("fullD"),
                  when(hasDistrust, least(fullDistrust, saturate.apply(col("decDistrust"))))
                      .otherwise(0.0)
                      .as("wd"))
              .persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> out =
          weights
              .groupBy("src")
              .agg(
                  sum("full").as("W"),
                  sum(col("full").minus(col("wt"))).as("T"),
                  sum("fullD").as("D"));

      Dataset<Row> edges =
          weights
              .filter(col("wt").gt(0))
              .join(out, "src")
              .select(col("src"), col("dst"), col("wt").divide(col("W")).as("p"))
              .persist(StorageLevel.MEMORY_AND_DISK());
      boolean distrustApplies = false;
      Dataset<Row> distrustEdges = null;
      if (policy.distrustStrength() > 0) {
        distrustEdges =
            weights
                .filter(col("wd").gt(0))
                .join(out, "src")
                .select(col("src"), col("dst"), col("wd").divide(col("D").plus(col("W"))).as("q"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        distrustApplies = !distrustEdges.isEmpty();
        if (!distrustApplies) {
          distrustEdges.unpersist();
          distrustEdges = null;
        }
      }

      Dataset<Row> nodes =
          ids.join(out.withColumnRenamed("src", "idx"), new String[] {"idx"}, "left")
              .join(teleport(ids, n), new String[] {"idx"}, "left")
              .select(
                  col("idx"),
                  col(ID),
                  coalesce(col("tele"), lit(0.0)).as("tele"),
                  when(col("W").isNotNull().and(col("W").gt(0)), col("T").divide(col("W")))
                      .otherwise(1.0)
                      .as("leak"))
              .repartition(partitions, col("idx"))
              .persist(StorageLevel.MEMORY_AND_DISK());
      edges.count();
      weighed.unpersist();

      Iteration iteration =
          BlockIteration.run(
              spark,
              nodes.select("idx", "tele", "leak"),
              edges,
              n,
              partitions,
              policy.solver(),
              scorer.checkpointInterval);
      return SparkReputation.of(
          spark, policy, nodes, edges, distrustEdges, iteration, weights, asOf, partitions);
    }

    /** The endorsements in a fixed shape: the columns the functions take, typed. */
    private Dataset<Row> events() {
      StructType schema = endorsements.schema();
      List<String> have = Arrays.asList(schema.fieldNames());
      String expected =
          "expected columns endorser, target, kind (strings) and optionally value (a number),"
              + " time (a timestamp or milliseconds since 1970) and toContribution (a boolean)";
      for (String required : List.of(ENDORSER, TARGET, KIND)) {
        checkArgument(
            have.contains(required),
            "the endorsements have no column '%s'; %s; they have %s",
            required,
            expected,
            have);
      }
      Column value = lit(null).cast(DataTypes.DoubleType);
      if (have.contains(VALUE)) {
        checkArgument(
            type(schema, VALUE) instanceof NumericType,
            "column '%s' is %s, not a number; %s",
            VALUE,
            type(schema, VALUE).simpleString(),
            expected);
        value = col(VALUE).cast(DataTypes.DoubleType);
      }
      Column time;
      if (have.contains(TIME)) {
        DataType type = type(schema, TIME);
        if (type instanceof TimestampType || type instanceof TimestampNTZType) {
          time =
              org.apache.spark.sql.functions.unix_millis(col(TIME).cast(DataTypes.TimestampType));
        } else {
          checkArgument(
              type instanceof NumericType,
              "column '%s' is %s, neither a timestamp nor a number; %s",
              TIME,
              type.simpleString(),
              expected);
          time = col(TIME).cast(DataTypes.LongType);
        }
      } else {
        checkArgument(
            policy.halfLife().isEmpty() && policy.asOf().isEmpty(),
            "the endorsements have no column 'time', but the policy has %s: give each event its"
                + " time",
            policy.halfLife().isPresent() ? "a half-life" : "an asOf time");
        time = lit(0L);
      }
      Column toContribution = lit(false);
      if (have.contains(TO_CONTRIBUTION)) {
        checkArgument(
            type(schema, TO_CONTRIBUTION).equals(DataTypes.BooleanType),
            "column '%s' is %s, not a boolean; %s",
            TO_CONTRIBUTION,
            type(schema, TO_CONTRIBUTION).simpleString(),
            expected);
        toContribution = coalesce(col(TO_CONTRIBUTION), lit(false));
      }
      return endorsements.select(
          col(ENDORSER).cast(DataTypes.StringType).as(ENDORSER),
          col(TARGET).cast(DataTypes.StringType).as(TARGET),
          toContribution.as(TO_CONTRIBUTION),
          col(KIND).cast(DataTypes.StringType).as(KIND),
          value.as(VALUE),
          time.as("timeMillis"));
    }

    /**
     * The authors' normalised shares {@code (contribution, author, share)}, or null without
     * authorship; checks that every endorsed contribution has authors.
     */
    private Dataset<Row> shares(Dataset<Row> weighed) {
      if (authorship == null) {
        long toContributions = weighed.filter(col(TO_CONTRIBUTION)).count();
        checkArgument(
            toContributions == 0,
            "%s endorsements are of contributions, but no authorship was given; pass the"
                + " contributions' authors to score(endorsements, authorship)",
            toContributions);
        return null;
      }
      StructType schema = authorship.schema();
      List<String> have = Arrays.asList(schema.fieldNames());
      for (String required : List.of(CONTRIBUTION, AUTHOR)) {
        checkArgument(
            have.contains(required),
            "the authorship has no column '%s'; expected contribution, author (strings) and"
                + " optionally share (a positive number); it has %s",
            required,
            have);
      }
      Column share = have.contains(SHARE) ? col(SHARE).cast(DataTypes.DoubleType) : lit(1.0);
      Dataset<Row> given =
          authorship.select(
              col(CONTRIBUTION).cast(DataTypes.StringType).as(CONTRIBUTION),
              col(AUTHOR).cast(DataTypes.StringType).as(AUTHOR),
              share.as(SHARE));
      Column bad =
          col(CONTRIBUTION)
              .isNull()
              .or(col(AUTHOR).isNull())
              .or(col(CONTRIBUTION).equalTo(""))
              .or(col(AUTHOR).equalTo(""))
              .or(col(SHARE).isNull())
              .or(col(SHARE).isNaN())
              .or(col(SHARE).leq(0))
              .or(col(SHARE).equalTo(Double.POSITIVE_INFINITY));
      List<Row> bads = given.filter(bad).limit(1).collectAsList();
      if (!bads.isEmpty()) {
        Row row = bads.get(0);
        throw new IllegalArgumentException(
            String.format(
                "bad authorship row (contribution %s, author %s, share %s): ids must be non-empty"
                    + " and shares finite numbers above zero",
                quoted(row.get(0)), quoted(row.get(1)), row.get(2)));
      }
      Dataset<Row> summed = given.groupBy(CONTRIBUTION, AUTHOR).agg(sum(SHARE).as(SHARE));
      Dataset<Row> totals =
          summed.groupBy(CONTRIBUTION).agg(sum(SHARE).as("total"), max(SHARE).as("largest"));
      Dataset<Row> shares =
          summed
              .join(totals, CONTRIBUTION)
              .select(col(CONTRIBUTION), col(AUTHOR), col(SHARE).divide(col("total")).as(SHARE))
              .persist(StorageLevel.MEMORY_AND_DISK());
      List<Row> unknown =
          weighed
              .filter(col(TO_CONTRIBUTION))
              .select(col(TARGET).as(CONTRIBUTION))
              .distinct()
              .join(shares, new String[] {CONTRIBUTION}, "left_anti")
              .limit(11)
              .collectAsList();
      if (!unknown.isEmpty()) {
        TreeSet<String> names = new TreeSet<>();
        for (Row row : unknown) {
          names.add(row.getString(0));
        }
        throw new IllegalArgumentException(
            String.format(
                "endorsed contribution(s) %s have no author in the authorship; add their authors,"
                    + " or drop the endorsements",
                names.size() > 10 ? List.copyOf(names).subList(0, 10) + "..." : names));
      }
      return shares;
    }

    /** Every contributor {@code (id, idx)}: endorsers, endorsed contributors and authors. */
    private Dataset<Row> ids(Dataset<Row> weighed, Dataset<Row> shares) {
      Dataset<Row> all =
          weighed
              .select(col(ENDORSER).as(ID))
              .union(weighed.filter(col(TO_CONTRIBUTION).equalTo(false)).select(col(TARGET)));
      if (shares != null) {
        all = all.union(shares.select(col(AUTHOR)));
      }
      Dataset<Row> distinct = all.distinct();
      // zipWithIndex numbers the contributors densely; the result is checkpointed, so the numbers
      // do not change if a later stage recomputes it.
      StructType schema =
          new StructType(
              new StructField[] {
                DataTypes.createStructField(ID, DataTypes.StringType, false),
                DataTypes.createStructField("idx", DataTypes.LongType, false)
              });
      return spark
          .createDataFrame(
              distinct
                  .javaRDD()
                  .zipWithIndex()
                  .map(pair -> RowFactory.create(pair._1().getString(0), pair._2())),
              schema)
          .localCheckpoint(true);
    }

    /** The teleport weights {@code (idx, tele)}, normalised to sum 1. */
    private Dataset<Row> teleport(Dataset<Row> ids, long n) {
      if (policy.teleport() != ScoringPolicy.Teleport.SEEDS) {
        return ids.select(col("idx"), lit(1.0 / n).as("tele"));
      }
      Map<String, Double> seeds = policy.seeds();
      List<Row> rows = new ArrayList<>();
      for (Map.Entry<String, Double> seed : seeds.entrySet()) {
        rows.add(RowFactory.create(seed.getKey(), seed.getValue()));
      }
      StructType schema =
          new StructType(
              new StructField[] {
                DataTypes.createStructField(ID, DataTypes.StringType, false),
                DataTypes.createStructField("weight", DataTypes.DoubleType, false)
              });
      Dataset<Row> given = spark.createDataFrame(rows, schema);
      List<Row> known = given.join(ids, ID).select(ID, "weight", "idx").collectAsList();
      TreeSet<String> missing = new TreeSet<>(seeds.keySet());
      double total = 0;
      Map<Long, Double> byIndex = new LinkedHashMap<>();
      for (Row row : known) {
        missing.remove(row.getString(0));
        byIndex.merge(row.getLong(2), row.getDouble(1), Double::sum);
        total += row.getDouble(1);
      }
      checkArgument(
          missing.isEmpty(),
          "%s seed(s) are not contributors of the endorsements: %s; remove them from the seeds",
          missing.size(),
          missing.size() > 10 ? List.copyOf(missing).subList(0, 10) + "..." : missing);
      List<Row> tele = new ArrayList<>();
      for (Map.Entry<Long, Double> entry : byIndex.entrySet()) {
        tele.add(RowFactory.create(entry.getKey(), entry.getValue() / total));
      }
      StructType teleSchema =
          new StructType(
              new StructField[] {
                DataTypes.createStructField("idx", DataTypes.LongType, false),
                DataTypes.createStructField("tele", DataTypes.DoubleType, false)
              });
      return spark.createDataFrame(tele, teleSchema);
    }
  }

  /** The trust scores {@code (idx, tele, leak, s)} and how the iteration ended. */
  record Iteration(
      Dataset<Row> state, double returned, boolean converged, int iterations, double residual) {}

  private static DataType type(StructType schema, String field) {
    return schema.apply(field).dataType();
  }

  private static String quoted(Object id) {
    return id == null ? "null" : "'" + id + "'";
  }

  /**
   * Builds a {@link SparkScorer}. Damping, tolerance, iteration cap, stopping rule and teleport
   * default to the policy's; the checkpoint interval to {@value #DEFAULT_CHECKPOINT_INTERVAL}.
   * Every setter checks its argument at once (with {@link RankSolver.Builder}'s and {@link
   * ScoringPolicy.Builder}'s checks). Not thread-safe.
   */
  public static final class Builder {
    private final ScoringPolicy.Builder policy;
    private final RankSolver.Builder solver;
    private int checkpointInterval = DEFAULT_CHECKPOINT_INTERVAL;

    private Builder(ScoringPolicy policy) {
      this.policy = policy.toBuilder();
      this.solver = policy.solver().toBuilder();
    }

    /**
     * Sets the damping factor.
     *
     * @throws IllegalArgumentException unless {@code 0 <= damping < 1}
     */
    public Builder damping(double damping) {
      solver.damping(damping);
      return this;
    }

    /**
     * Sets the L1 tolerance on the change between two iterates.
     *
     * @throws IllegalArgumentException unless positive and finite
     */
    public Builder tolerance(double tolerance) {
      solver.tolerance(tolerance);
      return this;
    }

    /**
     * Sets the cap on iterations.
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxIterations(int maxIterations) {
      solver.maxIterations(maxIterations);
      return this;
    }

    /**
     * Teleports to {@code seeds} in proportion to their weights; each must be a contributor when
     * scoring.
     *
     * @throws IllegalArgumentException as {@link ScoringPolicy.Builder#seeds(Map)}
     */
    public Builder seeds(Map<String, Double> seeds) {
      policy.seeds(seeds);
      return this;
    }

    /**
     * Sets how many iterations pass between reliable checkpoints (when the {@code SparkContext} has
     * a checkpoint directory; the others are local checkpoints).
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder checkpointInterval(int iterations) {
      checkArgument(
          iterations >= 1, "checkpoint interval %s must be at least 1, e.g. 10", iterations);
      this.checkpointInterval = iterations;
      return this;
    }

    /**
     * Builds the scorer.
     *
     * @throws IllegalArgumentException if the policy has a feature the Spark job does not support:
     *     an influence cap, a reciprocal weight, the activity prior, or a custom saturation or
     *     decay
     */
    public SparkScorer build() {
      ScoringPolicy built = policy.solver(solver.build()).build();
      checkArgument(
          built.influenceCap() >= 1,
          "the Spark job does not support the influence cap (%s); score with wuffie-core, or set"
              + " influenceCap(1)",
          built.influenceCap());
      checkArgument(
          built.reciprocalWeight() >= 1,
          "the Spark job does not support reciprocal weights (%s); score with wuffie-core, or set"
              + " reciprocalWeight(1)",
          built.reciprocalWeight());
      checkArgument(
          built.teleport() != ScoringPolicy.Teleport.ACTIVITY,
          "the Spark job does not support the activity prior; use uniform teleport or seeds");
      PolicyFunctions.of(built); // throws for custom saturation or decay
      return new SparkScorer(built, checkpointInterval);
    }
  }
}
