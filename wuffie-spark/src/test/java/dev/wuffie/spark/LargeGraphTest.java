package dev.wuffie.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.rank.RankSolver;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * A generated graph of millions of endorsements in local mode: the job completes, converges, and
 * agrees with the core. The size is {@code -Dwuffie.spark.endorsements} (default 1,000,000, among a
 * tenth as many contributors, skewed so that a few receive much).
 */
final class LargeGraphTest {
  private static final long M = Long.getLong("wuffie.spark.endorsements", 1_000_000);
  private static final long N = Math.max(10, M / 10);
  private static final long SPREAD = 1_000_003;
  private static final double TOLERANCE = 1e-6;

  @Test
  void millionsOfEndorsements_localMode_convergesAndAgreesWithCore() {
    SparkSession spark = LocalSpark.session();
    Column id = col("id");
    Column u = pmod(id.multiply(1_000_003L).plus(17), lit(N));
    Column r = pmod(id.multiply(7919L).plus(13), lit(SPREAD)).divide(lit((double) SPREAD));
    Column v = floor(lit((double) N).multiply(r).multiply(r));
    Dataset<Row> endorsements =
        spark
            .range(M)
            .select(
                concat(lit("n"), u.cast(DataTypes.StringType)).as(SparkScorer.ENDORSER),
                concat(lit("n"), v.cast(DataTypes.StringType)).as(SparkScorer.TARGET),
                lit(ScoringPolicy.IDENTITY_KIND).as(SparkScorer.KIND),
                pmod(id, lit(3L)).plus(1).cast(DataTypes.DoubleType).as(SparkScorer.VALUE));
    RankSolver solver = RankSolver.builder().tolerance(TOLERANCE).build();

    long started = System.nanoTime();
    SparkReputation result =
        SparkScorer.builder(ScoringPolicy.identity().toBuilder().solver(solver).build())
            .build()
            .score(endorsements);
    Map<String, double[]> scores = LocalSpark.collect(result.scores());
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf(
        "LargeGraphTest: %,d endorsements, %,d contributors, %d iterations, %,d ms%n",
        M, result.size(), result.iterations(), millis);

    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    for (long i = 0; i < M; i++) {
      long from = Math.floorMod(i * 1_000_003L + 17, N);
      double x = Math.floorMod(i * 7919L + 13, SPREAD) / (double) SPREAD;
      long to = (long) Math.floor(N * x * x);
      int a = builder.addContributor("n" + from);
      int b = builder.addContributor("n" + to);
      builder.add(a, b, Math.floorMod(i, 3L) + 1);
    }
    Reputation core = Reputation.compute(builder.build(), solver, Map.of());

    assertThat(result.converged()).isTrue();
    assertThat(scores).hasSize(core.size());
    double l1 = 0;
    for (String contributor : core.ids()) {
      l1 += Math.abs(scores.get(contributor)[0] - core.score(contributor));
    }
    // Each engine is within d / (1 - d) * tolerance of the fixed point, in L1.
    assertThat(l1).isLessThan(2 * 0.85 / 0.15 * TOLERANCE);
  }
}
