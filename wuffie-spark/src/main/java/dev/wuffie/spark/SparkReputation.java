package dev.wuffie.spark;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.sum;

import dev.wuffie.ScoringPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The result of {@link SparkScorer#score}: every contributor's score and rank as a {@code
 * Dataset<Row>}, how the iteration ended, and explanations computed on the cluster.
 *
 * <p>{@link #scores()} has the columns {@value SparkScorer#ID} (string), {@value SparkScorer#SCORE}
 * (double; the scores sum to 1) and {@value SparkScorer#RANK} (long; 1 for the best, ties broken by
 * id). Scores are those of {@link dev.wuffie.Reputation#score(String)} for the same events and
 * policy, to within the solver's tolerance: trust scores by the weighted, personalised power
 * iteration, then discounted by distrust, floored at 0 and normalised.
 *
 * <p>The datasets are materialised (checkpointed) when the result is made: reading them again does
 * not rerun the iteration. Instances hold Spark datasets and are meant for the driver thread that
 * scored them.
 */
public final class SparkReputation {
  /** Explanation column: the contributor explained. */
  public static final String TERM_ID = "id";

  /**
   * Explanation column: the kind of term, {@code teleport}, {@code returned}, {@code endorser},
   * {@code distrust} or {@code floor}.
   */
  public static final String TERM = "term";

  /** Explanation column: the endorser or distruster of the term; null for the others. */
  public static final String FROM = "from";

  /**
   * Explanation column: the term's amount, negative for distrust; a contributor's sum to its score.
   */
  public static final String AMOUNT = "amount";

  private final SparkSession spark;
  private final ScoringPolicy policy;
  private final Dataset<Row> nodes; // idx, id, tele, leak, s (trust), score
  private final Dataset<Row> edges; // src, dst, p = w_uv / W_u
  private final Dataset<Row> distrustEdges; // src, dst, q = δ_uv / (W_u + Δ_u); null if none
  private final Dataset<Row> scores;
  private final boolean converged;
  private final int iterations;
  private final double residual;
  private final double returned;
  private final double normaliser;
  private final long size;
  private final long asOfMillis;

  private SparkReputation(
      SparkSession spark,
      ScoringPolicy policy,
      Dataset<Row> nodes,
      Dataset<Row> edges,
      Dataset<Row> distrustEdges,
      Dataset<Row> scores,
      SparkScorer.Iteration iteration,
      double normaliser,
      long size,
      long asOfMillis) {
    this.spark = spark;
    this.policy = policy;
    this.nodes = nodes;
    this.edges = edges;
    this.distrustEdges = distrustEdges;
    this.scores = scores;
    this.converged = iteration.converged();
    this.iterations = iteration.iterations();
    this.residual = iteration.residual();
    this.returned = iteration.returned();
    this.normaliser = normaliser;
    this.size = size;
    this.asOfMillis = asOfMillis;
  }

  /** Applies distrust to the trust scores, ranks the contributors and materialises the result. */
  static SparkReputation of(
      SparkSession spark,
      ScoringPolicy policy,
      Dataset<Row> nodes,
      Dataset<Row> edges,
      Dataset<Row> distrustEdges,
      SparkScorer.Iteration iteration,
      Dataset<Row> weights,
      long asOfMillis,
      int partitions) {
    Dataset<Row> trust =
        nodes
            .select("idx", SparkScorer.ID)
            .join(iteration.state(), "idx")
            .select(col("idx"), col(SparkScorer.ID), col("tele"), col("leak"), col("s"));
    double normaliser = 1;
    Column score = col("s");
    if (distrustEdges != null) {
      double strength = policy.distrustStrength();
      Dataset<Row> discount =
          distrustEdges
              .join(iteration.state().select(col("idx").as("src"), col("s")), "src")
              .groupBy(col("dst").as("idx"))
              .agg(sum(col("q").multiply(col("s"))).as("discount"));
      trust =
          trust
              .join(discount, new String[] {"idx"}, "left")
              .withColumn(
                  "t",
                  greatest(
                      lit(0.0),
                      col("s").minus(lit(strength).multiply(coalesce(col("discount"), lit(0.0))))))
              .drop("discount")
              .localCheckpoint(true);
      double sum = trust.agg(sum("t")).first().getDouble(0);
      if (sum > 0) {
        normaliser = sum;
        score = col("t").divide(lit(sum));
      } else {
        distrustEdges = null; // distrust would leave no score: the trust scores are kept
      }
    }
    Dataset<Row> scored = trust.withColumn(SparkScorer.SCORE, score).drop("t");
    scored = scored.repartition(partitions, col("idx")).localCheckpoint(true);
    long size = scored.count();

    // Ranks: a global sort by score, then id, numbered in order.
    Dataset<Row> sorted =
        scored
            .select(col(SparkScorer.ID), col(SparkScorer.SCORE))
            .orderBy(col(SparkScorer.SCORE).desc(), col(SparkScorer.ID).asc());
    StructType schema =
        new StructType(
            new StructField[] {
              DataTypes.createStructField(SparkScorer.ID, DataTypes.StringType, false),
              DataTypes.createStructField(SparkScorer.SCORE, DataTypes.DoubleType, false),
              DataTypes.createStructField(SparkScorer.RANK, DataTypes.LongType, false)
            });
    Dataset<Row> ranked =
        spark
            .createDataFrame(
                sorted
                    .javaRDD()
                    .zipWithIndex()
                    .map(
                        pair ->
                            RowFactory.create(
                                pair._1().getString(0), pair._1().getDouble(1), pair._2() + 1)),
                schema)
            .localCheckpoint(true);
    weights.unpersist();
    return new SparkReputation(
        spark,
        policy,
        scored,
        edges,
        distrustEdges,
        ranked,
        iteration,
        normaliser,
        size,
        asOfMillis);
  }

  /** Every contributor's {@code (id, score, rank)}, in rank order. */
  public Dataset<Row> scores() {
    return scores;
  }

  /** The number of contributors. */
  public long size() {
    return size;
  }

  /** Whether the iteration met the tolerance within the iteration cap. */
  public boolean converged() {
    return converged;
  }

  /** The number of iterations run. */
  public int iterations() {
    return iterations;
  }

  /** The L1 change of the last iteration. */
  public double residual() {
    return residual;
  }

  /** The scoring time: the policy's, or the latest event's. */
  public Instant asOf() {
    return Instant.ofEpochMilli(asOfMillis);
  }

  /** The policy scored under, with the scorer's overrides. */
  public ScoringPolicy policy() {
    return policy;
  }

  /**
   * Where the scores of {@code ids} come from, term by term, computed on the cluster: {@code (id,
   * term, from, amount)} rows, as {@link dev.wuffie.Reputation#explain(String)} splits a score: the
   * teleport term {@code (1 - d) p_v}, the {@code returned} share of the mass sent back through the
   * teleport vector, one {@code endorser} term {@code d s_u w_uv / W_u} per endorser, one {@code
   * distrust} term (negative) per distruster and the {@code floor} (what flooring at zero gave
   * back), each divided by the distrust normaliser; a contributor's amounts sum to its score within
   * the tolerance. Terms are not split further into kinds and contributions.
   *
   * @throws NullPointerException if {@code ids} or an id is null
   * @throws IllegalArgumentException if {@code ids} is empty or an id is not a contributor
   */
  public Dataset<Row> explain(Collection<String> ids) {
    checkNotNull(ids, "ids is null");
    checkArgument(!ids.isEmpty(), "ids is empty; name the contributors to explain");
    List<String> wanted = new ArrayList<>();
    for (String id : ids) {
      wanted.add(checkNotNull(id, "an id to explain is null"));
    }
    Dataset<Row> asked = spark.createDataset(wanted, Encoders.STRING()).toDF(SparkScorer.ID);
    Dataset<Row> targets =
        nodes
            .join(asked.distinct(), SparkScorer.ID)
            .select("idx", SparkScorer.ID, "tele", "s", SparkScorer.SCORE)
            .persist(StorageLevel.MEMORY_AND_DISK());
    List<Row> found = targets.select(SparkScorer.ID).collectAsList();
    TreeSet<String> missing = new TreeSet<>(wanted);
    for (Row row : found) {
      missing.remove(row.getString(0));
    }
    checkArgument(
        missing.isEmpty(),
        "unknown contributor(s) %s: not among the %s scored",
        missing.size() > 10 ? List.copyOf(missing).subList(0, 10) + "..." : missing,
        size);

    double d = policy.solver().damping();
    double scale = 1 / normaliser;
    Dataset<Row> who = nodes.select(col("idx").as("src"), col(SparkScorer.ID).as(FROM), col("s"));
    Dataset<Row> teleport =
        targets.select(
            col(SparkScorer.ID),
            lit("teleport").as(TERM),
            lit(null).cast(DataTypes.StringType).as(FROM),
            col("tele").multiply((1 - d) * scale).as(AMOUNT));
    Dataset<Row> returnedTerm =
        targets.select(
            col(SparkScorer.ID),
            lit("returned").as(TERM),
            lit(null).cast(DataTypes.StringType).as(FROM),
            col("tele").multiply(d * returned * scale).as(AMOUNT));
    Dataset<Row> endorsers =
        edges
            .join(targets.select(col("idx").as("dst"), col(SparkScorer.ID)), "dst")
            .join(who, "src")
            .select(
                col(SparkScorer.ID),
                lit("endorser").as(TERM),
                col(FROM),
                col("p").multiply(col("s")).multiply(d * scale).as(AMOUNT));
    Dataset<Row> terms = teleport.unionByName(returnedTerm).unionByName(endorsers);
    if (distrustEdges != null) {
      double strength = policy.distrustStrength();
      Dataset<Row> distrusters =
          distrustEdges
              .join(targets.select(col("idx").as("dst"), col(SparkScorer.ID)), "dst")
              .join(who, "src")
              .select(
                  col(SparkScorer.ID),
                  lit("distrust").as(TERM),
                  col(FROM),
                  col("q").multiply(col("s")).multiply(-strength * scale).as(AMOUNT))
              .persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> floor =
          targets
              .join(
                  distrusters
                      .groupBy(SparkScorer.ID)
                      .agg(negate(sum(AMOUNT)).divide(scale).as("discount")),
                  new String[] {SparkScorer.ID},
                  "left")
              .select(
                  col(SparkScorer.ID),
                  lit("floor").as(TERM),
                  lit(null).cast(DataTypes.StringType).as(FROM),
                  greatest(lit(0.0), coalesce(col("discount"), lit(0.0)).minus(col("s")))
                      .multiply(scale)
                      .as(AMOUNT));
      terms = terms.unionByName(distrusters).unionByName(floor);
    }
    return terms.orderBy(col(SparkScorer.ID), col(TERM), col(AMOUNT).desc(), col(FROM));
  }

  @Override
  public String toString() {
    return "SparkReputation{contributors="
        + size
        + ", converged="
        + converged
        + ", iterations="
        + iterations
        + ", residual="
        + residual
        + "}";
  }
}
