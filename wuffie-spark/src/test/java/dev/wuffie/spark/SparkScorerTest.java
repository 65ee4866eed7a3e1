package dev.wuffie.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.Decay;
import dev.wuffie.Endorsement;
import dev.wuffie.Explanation;
import dev.wuffie.KindWeight;
import dev.wuffie.Ledger;
import dev.wuffie.Reputation;
import dev.wuffie.Saturation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.Standing;
import dev.wuffie.rank.RankSolver;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class SparkScorerTest {
  /**
   * Both engines stop once their L1 error is guaranteed below 5e-10, so that every score agrees
   * within 1e-9.
   */
  private static final RankSolver TIGHT =
      RankSolver.builder().tolerance(5e-10).stop(RankSolver.Stop.ERROR_BOUND).build();

  private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");

  private static final StructType EVENTS =
      new StructType(
          new StructField[] {
            DataTypes.createStructField(SparkScorer.ENDORSER, DataTypes.StringType, true),
            DataTypes.createStructField(SparkScorer.TARGET, DataTypes.StringType, true),
            DataTypes.createStructField(SparkScorer.TO_CONTRIBUTION, DataTypes.BooleanType, true),
            DataTypes.createStructField(SparkScorer.KIND, DataTypes.StringType, true),
            DataTypes.createStructField(SparkScorer.VALUE, DataTypes.DoubleType, true),
            DataTypes.createStructField(SparkScorer.TIME, DataTypes.TimestampType, true)
          });

  private static final StructType AUTHORSHIP =
      new StructType(
          new StructField[] {
            DataTypes.createStructField(SparkScorer.CONTRIBUTION, DataTypes.StringType, false),
            DataTypes.createStructField(SparkScorer.AUTHOR, DataTypes.StringType, false),
            DataTypes.createStructField(SparkScorer.SHARE, DataTypes.DoubleType, false)
          });

  private final SparkSession spark = LocalSpark.session();

  @Test
  void identityPolicy_bitcoinOtc_equalsCore() {
    ScoringPolicy policy = ScoringPolicy.identity().toBuilder().solver(TIGHT).build();
    List<Endorsement> events = new ArrayList<>();
    for (LocalSpark.Rating r : LocalSpark.bitcoinOtc()) {
      events.add(
          Endorsement.rating(
              r.rater(), r.rated(), ScoringPolicy.IDENTITY_KIND, r.value(), r.time()));
    }

    assertEqualScores(events, Map.of(), policy);
  }

  @Test
  void kindsDecaySaturationDistrust_bitcoinOtc_equalsCore() {
    ScoringPolicy policy =
        ScoringPolicy.builder()
            .clearKinds()
            .kind(KindWeight.rated("trust", 0, 1))
            .saturation(Saturation.log())
            .decay(Decay.halfLife(Duration.ofDays(365)))
            .distrustStrength(0.7)
            .solver(TIGHT)
            .build();
    List<Endorsement> events = new ArrayList<>();
    for (LocalSpark.Rating r : LocalSpark.bitcoinOtc()) {
      events.add(Endorsement.rating(r.rater(), r.rated(), "trust", r.value(), r.time()));
    }

    assertEqualScores(events, Map.of(), policy);
  }

  @Test
  void generatedGraph_identityWithDanglingDuplicatesAndSeeds_equalsCore() {
    Random random = new Random(11);
    List<Endorsement> events = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      String u = "u" + random.nextInt(300); // u300..u399 endorse nobody: dangling
      String v = random.nextInt(30) == 0 ? u : "u" + random.nextInt(400);
      double weight = 1 + random.nextInt(5) * 0.25;
      Endorsement e =
          Endorsement.rating(u, v, ScoringPolicy.IDENTITY_KIND, weight, T0.minusSeconds(i));
      events.add(e);
      if (random.nextInt(5) == 0) {
        events.add(e); // a duplicate, summed
      }
    }
    ScoringPolicy policy =
        ScoringPolicy.identity().toBuilder()
            .seeds(Map.of("u1", 2.0, "u2", 1.0, "u350", 0.5))
            .solver(TIGHT)
            .build();

    assertEqualScores(events, Map.of(), policy);
  }

  @Test
  void generatedLedger_kindsContributionsDecayAsOfSeedsDistrust_equalsCoreAndExplains() {
    Random random = new Random(7);
    Map<String, Map<String, Double>> contributions = new LinkedHashMap<>();
    for (int c = 0; c < 120; c++) {
      Map<String, Double> shares = new LinkedHashMap<>();
      for (int a = 0, authors = 1 + random.nextInt(3); a < authors; a++) {
        shares.merge("m" + random.nextInt(500), 1.0 + random.nextInt(3), Double::sum);
      }
      contributions.put("post-" + c, shares);
    }
    String[] kinds = {"upvote", "upvote", "upvote", "accepted", "thanks", "downvote", "flag"};
    List<Endorsement> events = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      String u = "m" + random.nextInt(420); // m420..m499 endorse nobody
      Instant time = T0.minus(Duration.ofMinutes(random.nextInt(2 * 365 * 24 * 60)));
      Endorsement e;
      if (random.nextInt(10) < 3) {
        e = Endorsement.ofContribution(u, "post-" + random.nextInt(120), "upvote", time);
      } else if (random.nextInt(8) == 0) {
        e =
            Endorsement.rating(
                u, "m" + random.nextInt(500), "trust", random.nextInt(21) - 10, time);
      } else {
        String v = random.nextInt(40) == 0 ? u : "m" + random.nextInt(500);
        e = Endorsement.of(u, v, kinds[random.nextInt(kinds.length)], time);
      }
      events.add(e);
      if (random.nextInt(6) == 0) {
        events.add(e); // serial voting: saturated
      }
    }
    ScoringPolicy policy =
        ScoringPolicy.builder()
            .decay(Decay.halfLife(Duration.ofDays(180)))
            .asOf(T0.minus(Duration.ofDays(60))) // later events are ignored
            .seeds(Map.of("m1", 1.0, "m2", 1.0, "m3", 3.0))
            .distrustStrength(0.8)
            .solver(TIGHT)
            .build();

    Scored scored = assertEqualScores(events, contributions, policy);

    List<String> ids = new ArrayList<>();
    for (Standing s : scored.core().top(3)) {
      ids.add(s.id());
    }
    ids.add("m450"); // endorses nobody
    for (Endorsement e : events) {
      if (policy.weigh(e) < 0 && !e.toContribution()) {
        ids.add(e.target()); // someone distrusted
        break;
      }
    }
    Map<String, Map<String, Double>> terms = new HashMap<>();
    for (Row row : scored.spark().explain(ids).collectAsList()) {
      String key = row.<String>getAs(SparkReputation.TERM) + ":" + row.getAs(SparkReputation.FROM);
      terms
          .computeIfAbsent(row.getAs(SparkReputation.TERM_ID), id -> new HashMap<>())
          .merge(key, row.<Double>getAs(SparkReputation.AMOUNT), Double::sum);
    }
    for (String id : ids) {
      Explanation why = scored.core().explain(id);
      Map<String, Double> expected = new HashMap<>();
      expected.put("teleport:null", why.teleport());
      expected.put("returned:null", why.returned());
      expected.put("floor:null", why.floor());
      for (Explanation.Term t : why.endorsers()) {
        expected.put("endorser:" + t.endorser(), t.amount());
      }
      for (Explanation.Term t : why.distrusters()) {
        expected.put("distrust:" + t.endorser(), -t.amount());
      }
      Map<String, Double> actual = terms.get(id);
      actual.putIfAbsent("floor:null", 0.0);
      assertThat(actual.keySet()).as(id).isEqualTo(expected.keySet());
      double sum = 0;
      for (Map.Entry<String, Double> term : expected.entrySet()) {
        assertThat(actual.get(term.getKey()))
            .as(id + " " + term.getKey())
            .isCloseTo(term.getValue(), within(1e-9));
        sum += actual.get(term.getKey());
      }
      assertThat(sum).as(id).isCloseTo(why.score(), within(1e-9));
    }
  }

  @Test
  void score_reportsConvergenceAndScoresSumToOne() {
    List<Endorsement> events =
        List.of(
            Endorsement.of("a", "b", "upvote", T0),
            Endorsement.of("b", "c", "upvote", T0),
            Endorsement.of("c", "a", "accepted", T0),
            Endorsement.of("d", "a", "upvote", T0));
    SparkReputation result =
        SparkScorer.builder(ScoringPolicy.builder().build())
            .maxIterations(3)
            .checkpointInterval(2)
            .build()
            .score(events(events));

    assertThat(result.converged()).isFalse();
    assertThat(result.iterations()).isEqualTo(3);
    assertThat(result.size()).isEqualTo(4);
    assertThat(result.asOf()).isEqualTo(T0);
    double sum = 0;
    for (double[] scoreAndRank : LocalSpark.collect(result.scores()).values()) {
      sum += scoreAndRank[0];
    }
    assertThat(sum).isCloseTo(1, within(1e-12));
  }

  static Stream<Arguments> badEvents() {
    return Stream.of(
        Arguments.of(RowFactory.create(null, "b", false, "upvote", null, ts(T0))),
        Arguments.of(RowFactory.create("a", null, false, "upvote", null, ts(T0))),
        Arguments.of(RowFactory.create("a", "", false, "upvote", null, ts(T0))),
        Arguments.of(RowFactory.create("a", "b", false, null, null, ts(T0))),
        Arguments.of(RowFactory.create("a", "b", false, "trust", Double.NaN, ts(T0))),
        Arguments.of(RowFactory.create("a", "b", false, "wink", null, ts(T0))),
        Arguments.of(RowFactory.create("a", "b", false, "trust", null, ts(T0))),
        Arguments.of(RowFactory.create("a", "b", false, "upvote", 2.0, ts(T0))),
        Arguments.of(RowFactory.create("a", "b", false, "upvote", null, null)));
  }

  @ParameterizedTest
  @MethodSource("badEvents")
  void badEvent_failsWithTheCoresMessage(Row bad) {
    ScoringPolicy policy = ScoringPolicy.builder().build();
    RuntimeException core = coreFailure(policy, bad);
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create("x", "y", false, "upvote", null, ts(T0)));
    rows.add(bad);
    rows.add(RowFactory.create("y", "x", false, "upvote", null, ts(T0)));
    Dataset<Row> events = spark.createDataFrame(rows, EVENTS);

    assertThatThrownBy(() -> SparkScorer.builder(policy).build().score(events))
        .isInstanceOf(core.getClass())
        .hasMessage(core.getMessage());
  }

  @Test
  void endorsedContributionWithoutAuthors_fails() {
    Dataset<Row> events = events(List.of(Endorsement.ofContribution("a", "post-9", "upvote", T0)));
    Dataset<Row> authorship =
        spark.createDataFrame(List.of(RowFactory.create("post-1", "b", 1.0)), AUTHORSHIP);

    assertThatThrownBy(
            () ->
                SparkScorer.builder(ScoringPolicy.builder().build())
                    .build()
                    .score(events, authorship))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("endorsed contribution(s) [post-9] have no author");
  }

  @Test
  void missingColumnAndUnknownSeed_fail() {
    Dataset<Row> events = events(List.of(Endorsement.of("a", "b", "upvote", T0)));
    SparkScorer scorer = SparkScorer.builder(ScoringPolicy.builder().build()).build();

    assertThatThrownBy(() -> scorer.score(events.drop(SparkScorer.KIND)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the endorsements have no column 'kind'");
    assertThatThrownBy(
            () ->
                SparkScorer.builder(ScoringPolicy.builder().build())
                    .seeds(Map.of("zed", 1.0))
                    .build()
                    .score(events))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("1 seed(s) are not contributors of the endorsements: [zed]");
  }

  static Stream<Arguments> unsupportedPolicies() {
    return Stream.of(
        Arguments.of(
            ScoringPolicy.builder().influenceCap(0.2).build(),
            "the Spark job does not support the influence cap"),
        Arguments.of(
            ScoringPolicy.builder().reciprocalWeight(0.5).build(),
            "the Spark job does not support reciprocal weights"),
        Arguments.of(
            ScoringPolicy.builder().activityPrior().build(),
            "the Spark job does not support the activity prior"),
        Arguments.of(
            ScoringPolicy.builder().saturation(x -> Math.min(x, 3)).build(),
            "the Spark job ships the policy to its executors as JSON"));
  }

  @ParameterizedTest
  @MethodSource("unsupportedPolicies")
  void unsupportedPolicy_isRefused(ScoringPolicy policy, String message) {
    assertThatThrownBy(() -> SparkScorer.builder(policy).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void builder_badSettings_fail() {
    SparkScorer.Builder builder = SparkScorer.builder(ScoringPolicy.identity());

    assertThatThrownBy(() -> builder.damping(1.5))
        .hasMessage("damping 1.5 is outside [0, 1); 0.85 is the usual choice");
    assertThatThrownBy(() -> builder.checkpointInterval(0))
        .hasMessage("checkpoint interval 0 must be at least 1, e.g. 10");
  }

  /** The two engines' results on the same events. */
  record Scored(Reputation core, SparkReputation spark) {}

  private Scored assertEqualScores(
      List<Endorsement> events,
      Map<String, Map<String, Double>> contributions,
      ScoringPolicy policy) {
    Ledger ledger = Ledger.create();
    for (Map.Entry<String, Map<String, Double>> c : contributions.entrySet()) {
      ledger.addContribution(c.getKey(), T0.minus(Duration.ofDays(3000)), c.getValue());
    }
    ledger.recordAll(events);
    long started = System.nanoTime();
    Reputation core = Reputation.compute(ledger, policy);
    long coreMillis = (System.nanoTime() - started) / 1_000_000;

    Dataset<Row> input = events(events);
    started = System.nanoTime();
    SparkReputation result =
        SparkScorer.builder(policy)
            .build()
            .score(input, contributions.isEmpty() ? null : authorship(contributions));
    System.out.printf(
        "SparkScorerTest: %,d events, %,d contributors: Spark %d iterations in %,d ms;"
            + " core %d iterations in %,d ms%n",
        events.size(),
        result.size(),
        result.iterations(),
        (System.nanoTime() - started) / 1_000_000,
        core.iterations(),
        coreMillis);

    assertThat(result.converged()).isTrue();
    Map<String, double[]> scores = LocalSpark.collect(result.scores());
    assertThat(scores).hasSize(core.size());
    assertThat(result.size()).isEqualTo(core.size());
    for (String id : core.ids()) {
      assertThat(scores.get(id)[0]).as(id).isCloseTo(core.score(id), within(1e-9));
    }
    // Ranks agree wherever the scores are not within the tolerance of a neighbour's.
    List<Standing> byRank = core.top(core.size());
    for (int r = 0; r < byRank.size(); r++) {
      double score = byRank.get(r).score();
      boolean clear =
          (r == 0 || byRank.get(r - 1).score() - score > 2e-9)
              && (r == byRank.size() - 1 || score - byRank.get(r + 1).score() > 2e-9);
      if (clear) {
        String id = byRank.get(r).id();
        assertThat((long) scores.get(id)[1]).as(id).isEqualTo(core.rank(id));
      }
    }
    return new Scored(core, result);
  }

  private Dataset<Row> events(List<Endorsement> events) {
    List<Row> rows = new ArrayList<>(events.size());
    for (Endorsement e : events) {
      OptionalDouble value = e.value();
      rows.add(
          RowFactory.create(
              e.endorser(),
              e.target(),
              e.toContribution(),
              e.kind(),
              value.isPresent() ? value.getAsDouble() : null,
              ts(e.time())));
    }
    return spark.createDataFrame(rows, EVENTS);
  }

  private Dataset<Row> authorship(Map<String, Map<String, Double>> contributions) {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, Map<String, Double>> c : contributions.entrySet()) {
      for (Map.Entry<String, Double> author : c.getValue().entrySet()) {
        rows.add(RowFactory.create(c.getKey(), author.getKey(), author.getValue()));
      }
    }
    return spark.createDataFrame(rows, AUTHORSHIP);
  }

  private static Timestamp ts(Instant time) {
    return Timestamp.from(time);
  }

  /** What the core says about the bad event: its constructor's or the policy's exception. */
  private static RuntimeException coreFailure(ScoringPolicy policy, Row row) {
    try {
      Timestamp time = (Timestamp) row.get(5);
      Endorsement e =
          new Endorsement(
              row.getString(0),
              row.getString(1),
              row.getBoolean(2),
              row.getString(3),
              row.isNullAt(4) ? OptionalDouble.empty() : OptionalDouble.of(row.getDouble(4)),
              time == null ? null : time.toInstant());
      policy.weigh(e);
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("the core accepts " + row);
  }
}
