package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.rank.RankSolver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Incremental refreshes against fresh exact computations, on random ledgers that grow in batches
 * with retractions, merges, contributions with several authors, decay, distrust and every teleport
 * model: the kept compilation equals a full compile up to rounding, the published scores are within
 * the error bound they state, and an exact refresh equals a fresh computation bit for bit (with the
 * events the policy cannot weigh left out, as a live reputation leaves them out).
 */
final class IncrementalRefreshTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  /** An exact reference: a solve to an error bound far below any published one. */
  private static final RankSolver EXACT =
      RankSolver.builder().tolerance(1e-14).stop(RankSolver.Stop.ERROR_BOUND).build();

  /** The policies, each with the seed of its random site. */
  static List<Arguments> sites() {
    List<ScoringPolicy> policies = policies();
    List<Arguments> sites = new ArrayList<>();
    for (int i = 0; i < policies.size(); i++) {
      sites.add(Arguments.of(policies.get(i), 17 + i));
    }
    return sites;
  }

  static List<ScoringPolicy> policies() {
    ScoringPolicy.Builder decayed =
        ScoringPolicy.builder().kind("accepted", 4).decay(Decay.halfLife(Duration.ofDays(30)));
    return List.of(
        ScoringPolicy.builder().build(),
        decayed.build(),
        decayed.activityPrior().build(),
        ScoringPolicy.builder()
            .decay(Decay.halfLife(Duration.ofDays(10)))
            .saturation(Saturation.sqrt())
            .seeds(Map.of("m0", 1.0, "m1", 2.0))
            .reciprocalWeight(0.5)
            .build(),
        ScoringPolicy.builder()
            .saturation(Saturation.linear())
            .distrustStrength(0.5)
            .influenceCap(0.5)
            .asOf(T0.plus(Duration.ofDays(200)))
            .build());
  }

  @ParameterizedTest
  @MethodSource("sites")
  void refreshes_stayWithinTheirBound_andMatchAFullCompile(ScoringPolicy policy, int seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Ledger ledger = Ledger.create();
    Site site = new Site(ledger, random);
    site.grow(600);
    LiveReputation live =
        LiveReputation.builder(ledger, policy)
            .accuracy(1e-8)
            .exactEvery(Duration.ofDays(1))
            .build();
    live.refresh();
    LiveCompiler compiler = new LiveCompiler(policy);
    compiler.compile(ledger.snapshot());
    int incremental = 0;
    for (int batch = 0; batch < 12; batch++) {
      site.grow(1 + random.nextInt(25));
      site.retract(random.nextInt(4));
      if (batch == 7) {
        site.merge();
      }
      LedgerSnapshot snapshot = ledger.snapshot();
      assertCompiledAlike(
          compiler.compile(snapshot), CompiledLedger.compile(snapshot, policy, true));
      incremental += compiler.lastWasIncremental() ? 1 : 0;

      Reputation published = live.refresh().current();
      Reputation exact = exact(ledger, policy);
      assertThat(published.errorBound()).isLessThanOrEqualTo(1e-8);
      assertThat(l1(published, exact))
          .as("batch %s", batch)
          .isLessThanOrEqualTo(published.errorBound() + exact.errorBound());
      assertThat(published.refusedEvents()).isEqualTo(exact.refusedEvents());
      assertThat(published.asOf()).isEqualTo(exact.asOf());
    }
    assertThat(incremental).as("incremental compiles").isGreaterThanOrEqualTo(10);

    Reputation exact = live.refreshExact().current();
    Reputation compute = new Scorer(policy, true).score(ledger.snapshot(), null);
    assertThat(exact.ids()).isEqualTo(compute.ids());
    for (String id : compute.ids()) {
      assertThat(exact.score(id)).as(id).isEqualTo(compute.score(id));
    }
    assertThat(exact.errorBound()).isEqualTo(compute.errorBound());
  }

  /**
   * A site of 3,000 members who vote within communities, without decay, refreshed after each of a
   * few single votes: the change is small against the accuracy, so the solve pushes it locally (or
   * falls back), and what it publishes is within its bound of a fresh exact compute.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(doubles = {1e-4, 1e-7})
  void singleVotes_onALargeCommunity_stayWithinTheirBound(double accuracy) {
    SplittableRandom random = new SplittableRandom(5);
    Ledger ledger = Ledger.create();
    ScoringPolicy policy = ScoringPolicy.builder().build();
    int members = 3000;
    List<Endorsement> votes = new ArrayList<>();
    for (int i = 0; i < 5 * members; i++) {
      int u = random.nextInt(members);
      votes.add(
          Endorsement.of(
              "m" + u, "m" + (u + 1 + random.nextInt(30)) % members, "upvote", T0.plusSeconds(i)));
    }
    ledger.recordAll(votes);
    LiveReputation live = LiveReputation.builder(ledger, policy).accuracy(accuracy).build();
    live.refresh();
    for (int k = 0; k < 6; k++) {
      int u = random.nextInt(members);
      ledger.record(
          Endorsement.of(
              "m" + u,
              "m" + (u + 1 + random.nextInt(30)) % members,
              "upvote",
              T0.plusSeconds(votes.size() + k)));

      Reputation published = live.refresh().current();
      Reputation exact = exact(ledger, policy);
      assertThat(published.errorBound()).isLessThanOrEqualTo(accuracy);
      assertThat(l1(published, exact))
          .as("vote %s", k)
          .isLessThanOrEqualTo(published.errorBound() + exact.errorBound());
    }
  }

  @ParameterizedTest
  @MethodSource("policies")
  void errorBound_ofCompute_holdsAgainstATighterSolve(ScoringPolicy policy) {
    Ledger ledger = Ledger.create();
    new Site(ledger, new SplittableRandom(3)).grow(600);
    Reputation loose =
        new Scorer(
                policy.toBuilder().solver(RankSolver.builder().tolerance(1e-4).build()).build(),
                true)
            .score(ledger.snapshot(), null);
    Reputation exact = exact(ledger, policy);

    assertThat(loose.errorBound()).isGreaterThan(1e-6);
    assertThat(l1(loose, exact)).isLessThanOrEqualTo(loose.errorBound() + exact.errorBound());
  }

  /**
   * {@code policy}'s scores of the ledger, solved far tighter, the events it cannot weigh left out.
   */
  private static Reputation exact(Ledger ledger, ScoringPolicy policy) {
    return new Scorer(policy.toBuilder().solver(EXACT).build(), true)
        .score(ledger.snapshot(), null);
  }

  /** The same persons with the same pair weights, teleport and distrust, up to rounding. */
  private static void assertCompiledAlike(CompiledLedger kept, CompiledLedger fresh) {
    assertThat(kept.asOfMillis).isEqualTo(fresh.asOfMillis);
    assertThat(kept.refused).isEqualTo(fresh.refused);
    assertThat(kept.refusedExamples).isEqualTo(fresh.refusedExamples);
    assertGraphsAlike(kept.graph, fresh.graph);
    assertThat(kept.distrust == null).isEqualTo(fresh.distrust == null);
    if (fresh.distrust != null) {
      assertGraphsAlike(kept.distrust, fresh.distrust);
    }
    double[] keptTeleport = normalised(kept.teleport);
    double[] freshTeleport = normalised(fresh.teleport);
    for (int v = 0; v < fresh.graph.size(); v++) {
      int k = kept.graph.indexOf(fresh.graph.id(v)).orElseThrow();
      assertThat(keptTeleport[k]).isCloseTo(freshTeleport[v], within(1e-14));
    }
  }

  private static void assertGraphsAlike(EndorsementGraph kept, EndorsementGraph fresh) {
    assertThat(kept.size()).isEqualTo(fresh.size());
    assertThat(kept.edgeCount()).isEqualTo(fresh.edgeCount());
    for (int v = 0; v < fresh.size(); v++) {
      int kv = kept.indexOf(fresh.id(v)).orElseThrow();
      assertThat(kept.outWeight(kv))
          .isCloseTo(fresh.outWeight(v), within(1e-12 * fresh.outWeight(v)));
      assertThat(kept.teleportWeight(kv))
          .isCloseTo(fresh.teleportWeight(v), within(1e-12 * (1 + fresh.outWeight(v))));
      for (int e = fresh.inStart(v); e < fresh.inEnd(v); e++) {
        int ku = kept.indexOf(fresh.id(fresh.source(e))).orElseThrow();
        assertThat(kept.weight(ku, kv)).isCloseTo(fresh.weight(e), within(1e-12 * fresh.weight(e)));
      }
    }
  }

  private static double l1(Reputation a, Reputation b) {
    assertThat(a.size()).isEqualTo(b.size());
    double sum = 0;
    for (String id : b.ids()) {
      sum += Math.abs(a.score(id) - b.score(id));
    }
    return sum;
  }

  private static double[] normalised(double[] weights) {
    double sum = java.util.Arrays.stream(weights).sum();
    return java.util.Arrays.stream(weights).map(w -> w / sum).toArray();
  }

  /**
   * A random Q&A site: 60 members who write answers (some with two authors) and vote on them and on
   * each other, with upvotes, accepted answers, downvotes, ratings and a kind no policy knows, over
   * about a year from {@link #T0}, in roughly increasing time.
   */
  private static final class Site {
    private static final String[] KINDS = {"upvote", "upvote", "accepted", "downvote", "thanks"};

    private final Ledger ledger;
    private final SplittableRandom random;
    private final List<Long> events = new ArrayList<>();
    private final List<String> answers = new ArrayList<>();
    private long clock;
    private int merges;

    Site(Ledger ledger, SplittableRandom random) {
      this.ledger = ledger;
      this.random = random;
      ledger.addContributor("m0");
      ledger.addContributor("m1");
    }

    void grow(int count) {
      for (int i = 0; i < count; i++) {
        clock += random.nextLong(Duration.ofHours(20).toMillis());
        Instant time = T0.plusMillis(clock);
        String member = member();
        int draw = random.nextInt(10);
        if (draw == 0 || answers.isEmpty()) {
          String answer = "a" + answers.size();
          String other = member();
          if (random.nextInt(4) == 0 && !other.equals(member)) {
            ledger.addContribution(answer, time, member, other);
          } else {
            ledger.addContribution(answer, time, member);
          }
          answers.add(answer);
        } else if (draw < 7) {
          String answer = answers.get(random.nextInt(answers.size()));
          String kind = KINDS[random.nextInt(KINDS.length - 1)];
          events.add(ledger.record(Endorsement.ofContribution(member, answer, kind, time)));
        } else if (draw < 9) {
          events.add(ledger.record(Endorsement.of(member, member(), "thanks", time)));
        } else if (random.nextInt(3) == 0) {
          events.add(ledger.record(Endorsement.of(member, member(), "poke", time)));
        } else {
          events.add(
              ledger.record(
                  Endorsement.rating(member, member(), "trust", random.nextInt(-3, 8), time)));
        }
      }
    }

    void retract(int count) {
      for (int i = 0; i < count && !events.isEmpty(); i++) {
        ledger.retract(events.remove(random.nextInt(events.size())));
      }
    }

    void merge() {
      ledger.merge("m" + (50 + merges), "m" + (2 + merges));
      merges++;
    }

    private String member() {
      return "m" + random.nextInt(60);
    }
  }
}
