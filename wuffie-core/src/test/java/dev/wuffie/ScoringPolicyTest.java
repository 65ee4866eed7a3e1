package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.rank.RankSolver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class ScoringPolicyTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final RankSolver TIGHT = RankSolver.builder().tolerance(1e-13).build();

  @Test
  void identityPolicy_bitcoinOtcPositiveRatings_matchesNetworkx() throws IOException {
    Ledger ledger = Ledger.create();
    for (BitcoinOtc.Rating r : BitcoinOtc.ratings()) {
      if (r.value() > 0) {
        ledger.record(
            Endorsement.rating(
                r.rater(), r.rated(), ScoringPolicy.IDENTITY_KIND, r.value(), r.time()));
      } else {
        ledger.addContributor(r.rater());
        ledger.addContributor(r.rated());
      }
    }
    ScoringPolicy policy = ScoringPolicy.identity().toBuilder().solver(TIGHT).build();

    Reputation reputation = Reputation.compute(ledger, policy);
    Map<String, Double> networkx = reference("bitcoinotc.networkx.tsv.gz");

    assertThat(reputation.size()).isEqualTo(networkx.size());
    double maxDiff = 0;
    for (Map.Entry<String, Double> expected : networkx.entrySet()) {
      maxDiff =
          Math.max(maxDiff, Math.abs(reputation.score(expected.getKey()) - expected.getValue()));
    }
    assertThat(maxDiff).isLessThanOrEqualTo(1e-9);
  }

  @Test
  void defaultPolicy_bitcoinOtcSliceWithDecayAndDistrust_matchesReference() {
    // The first 5,000 ratings (1,120 traders, 80 negative), 90-day half-life: every feature but
    // the influence cap and reciprocal damping at once, against tools/reference_policy.py.
    PolicyReference reference = PolicyReference.load("bitcoinotc-slice");

    Reputation reputation = reference.compute();

    assertThat(reputation.size()).isEqualTo(1_120);
    reference.assertScores(reputation, PolicyReference.TOLERANCE);
    for (String id : reference.explained()) {
      reference.assertExplanation(reputation, id, PolicyReference.TOLERANCE);
    }
    assertThat(reference.explanation("472").get("floor").asDouble()).isPositive();
  }

  @Test
  void weigh_fixedAndRatedKinds_giveTheUndecayedSignedWeight() {
    ScoringPolicy policy =
        ScoringPolicy.builder()
            .kind(KindWeight.rated("stars", 3, 0.5))
            .decay(Decay.halfLife(Duration.ofDays(1)))
            .build();
    Instant old = T0.minus(Duration.ofDays(400));

    assertThat(policy.weigh(Endorsement.of("a", "b", "accepted", old))).isEqualTo(3.0);
    assertThat(policy.weigh(Endorsement.of("a", "b", "downvote", T0))).isEqualTo(-1.0);
    assertThat(policy.weigh(Endorsement.rating("a", "b", "stars", 5, T0))).isEqualTo(1.0);
    assertThat(policy.weigh(Endorsement.rating("a", "b", "stars", 1, T0))).isEqualTo(-1.0);
  }

  @Test
  void weigh_unknownKind_throwsTheMessageOfCheck() {
    ScoringPolicy policy = ScoringPolicy.builder().build();
    Endorsement odd = Endorsement.of("a", "b", "wink", T0);

    assertThatThrownBy(() -> policy.weigh(odd))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown kind 'wink' of endorsement a -> b; the policy knows");
    assertThatThrownBy(() -> policy.weigh(Endorsement.of("a", "b", "trust", T0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("of rated kind 'trust' has no value");
  }

  @Test
  void identityPolicy_scoresLikeTheGraphOfSummedWeights() {
    Ledger ledger = Ledger.create();
    EndorsementGraph.Builder graph = EndorsementGraph.builder();
    java.util.Random random = new java.util.Random(3);
    for (int k = 0; k < 2_000; k++) {
      String u = "c" + random.nextInt(200);
      String v = "c" + random.nextInt(200);
      int w = 1 + random.nextInt(4);
      ledger.record(Endorsement.rating(u, v, ScoringPolicy.IDENTITY_KIND, w, T0));
      graph.add(u, v, w);
    }
    Reputation fromLedger = Reputation.compute(ledger, ScoringPolicy.identity());
    Reputation fromGraph = Reputation.compute(graph.build());

    for (String id : fromGraph.ids()) {
      assertThat(fromLedger.score(id)).as(id).isCloseTo(fromGraph.score(id), within(1e-15));
    }
  }

  @Test
  void logSaturation_hundredUpvotesFromOneAccount_countLessThanFiveFromFiveAccounts() {
    // Every voter also upvotes five bystanders once; "serial" upvotes "target" 100 times, and
    // five honest voters upvote "rival" once each.
    Ledger ledger = Ledger.create();
    upvoteBystanders(ledger, "serial");
    for (int k = 0; k < 100; k++) {
      ledger.record(Endorsement.of("serial", "target", "upvote", T0));
    }
    for (int i = 0; i < 5; i++) {
      upvoteBystanders(ledger, "voter" + i);
      ledger.record(Endorsement.of("voter" + i, "rival", "upvote", T0));
    }

    Reputation saturated = Reputation.compute(ledger, ScoringPolicy.builder().build());
    Reputation linear =
        Reputation.compute(ledger, ScoringPolicy.builder().saturation(Saturation.linear()).build());

    assertThat(saturated.score("target")).isLessThan(saturated.score("rival"));
    assertThat(linear.score("target")).isGreaterThan(linear.score("rival")); // what log prevents
  }

  @Test
  void selfEndorsements_ownContributionDropped_coAuthorKeepsShare() {
    Ledger ledger = Ledger.create();
    ledger.addContribution("answer", T0, "alice", "bob");
    ledger.record(Endorsement.ofContribution("alice", "answer", "upvote", T0));
    ledger.record(Endorsement.of("alice", "alice", "thanks", T0));
    ledger.addContributor("carol");

    Reputation reputation = Reputation.compute(ledger, ScoringPolicy.builder().build());

    EndorsementGraph graph = reputation.graph();
    int alice = graph.indexOf("alice").getAsInt();
    int bob = graph.indexOf("bob").getAsInt();
    assertThat(graph.edgeCount()).isEqualTo(1);
    assertThat(graph.weight(alice, bob)).isEqualTo(Saturation.log().saturate(0.5));
    assertThat(reputation.score("bob")).isGreaterThan(reputation.score("carol"));
  }

  @Test
  void contribution_creditFlowsToAuthorsByShare() {
    Ledger ledger = Ledger.create();
    ledger.addContribution("pr", T0, Map.of("alice", 3.0, "bob", 1.0));
    ledger.record(Endorsement.ofContribution("carol", "pr", "approve", T0));

    Reputation reputation =
        Reputation.compute(ledger, ScoringPolicy.builder().saturation(Saturation.linear()).build());

    EndorsementGraph graph = reputation.graph();
    int carol = graph.indexOf("carol").getAsInt();
    assertThat(graph.weight(carol, graph.indexOf("alice").getAsInt())).isEqualTo(1.5);
    assertThat(graph.weight(carol, graph.indexOf("bob").getAsInt())).isEqualTo(0.5);
  }

  @Test
  void decay_inactiveContributorFallsOverTimeAgainstActiveOne() {
    // Month by month for a year, "active" and "inactive" each get one upvote from a fresh
    // endorser (who also upvotes a bystander): the same history. Then only "active" goes on.
    Ledger ledger = Ledger.create();
    for (int month = 0; month < 24; month++) {
      Instant time = T0.plus(Duration.ofDays(30L * month));
      ledger.record(Endorsement.of("a" + month, "active", "upvote", time));
      ledger.record(Endorsement.of("a" + month, "bystander", "upvote", time));
      ledger.addContributor("i" + month);
      if (month < 12) {
        ledger.record(Endorsement.of("i" + month, "inactive", "upvote", time));
        ledger.record(Endorsement.of("i" + month, "bystander", "upvote", time));
      }
    }
    ScoringPolicy.Builder policy =
        ScoringPolicy.builder().decay(Decay.halfLife(Duration.ofDays(90)));
    double[] inactive = new double[3];
    double[] ratio = new double[3];
    int[] months = {11, 17, 23};
    for (int k = 0; k < 3; k++) {
      Instant asOf = T0.plus(Duration.ofDays(30L * months[k]));
      Reputation reputation = Reputation.compute(ledger, policy.asOf(asOf).build());
      inactive[k] = reputation.score("inactive");
      ratio[k] = inactive[k] / reputation.score("active");
    }

    assertThat(ratio[0]).isCloseTo(1.0, within(1e-12)); // the same history so far
    assertThat(inactive[1]).isLessThan(inactive[0]);
    assertThat(inactive[2]).isLessThan(inactive[1]);
    assertThat(ratio[1]).isLessThan(ratio[0]);
    assertThat(ratio[2]).isLessThan(ratio[1]);
  }

  @Test
  void decay_withoutTeleportLeak_wouldCancel_soOldEndorsementsPassOnLess() {
    // The same shape shifted in time: five endorsers of "old" endorsed it two years before five
    // endorsers of "new" endorsed it. Per-endorser normalisation alone would score them equal.
    Ledger ledger = Ledger.create();
    Instant then = T0.minus(Duration.ofDays(730));
    for (int i = 0; i < 5; i++) {
      ledger.record(Endorsement.of("o" + i, "old", "upvote", then));
      ledger.record(Endorsement.of("o" + i, "ob" + i, "upvote", then));
      ledger.record(Endorsement.of("n" + i, "new", "upvote", T0));
      ledger.record(Endorsement.of("n" + i, "nb" + i, "upvote", T0));
    }

    Reputation noDecay = Reputation.compute(ledger, ScoringPolicy.builder().build());
    Reputation decayed =
        Reputation.compute(
            ledger, ScoringPolicy.builder().decay(Decay.halfLife(Duration.ofDays(180))).build());

    assertThat(noDecay.score("old")).isCloseTo(noDecay.score("new"), within(1e-15));
    assertThat(decayed.score("old")).isLessThan(decayed.score("new"));
    int o0 = decayed.graph().indexOf("o0").getAsInt();
    assertThat(decayed.graph().teleportWeight(o0) / decayed.graph().outWeight(o0))
        .isGreaterThan(0.9);
  }

  @Test
  void asOf_eventsAfterItAreIgnored() {
    Ledger ledger = Ledger.create();
    ledger.record(Endorsement.of("a", "b", "upvote", T0));
    ledger.record(Endorsement.of("a", "c", "upvote", T0.plusSeconds(60)));

    Reputation before = Reputation.compute(ledger, ScoringPolicy.builder().asOf(T0).build());

    assertThat(before.graph().edgeCount()).isEqualTo(1);
    assertThat(before.asOf()).contains(T0);
    assertThat(Reputation.compute(ledger, ScoringPolicy.builder().build()).asOf())
        .contains(T0.plusSeconds(60));
  }

  @Test
  void seeds_areTheTeleportVector_andUnknownSeedIsAnError() {
    Ledger ledger = Ledger.create();
    ledger.record(Endorsement.of("mod", "a", "upvote", T0));
    ledger.addContributor("loner");

    Reputation reputation =
        Reputation.compute(ledger, ScoringPolicy.builder().seeds(Map.of("mod", 1.0)).build());

    assertThat(reputation.score("loner")).isZero();
    // s_mod = 0.15 + 0.85 s_a (a is dangling, its mass returns to the seed), s_a = 0.85 s_mod
    assertThat(reputation.score("mod")).isCloseTo(0.15 / (1 - 0.85 * 0.85), within(1e-10));
    assertThat(reputation.score("mod") + reputation.score("a")).isCloseTo(1.0, within(1e-12));
    assertThatThrownBy(
            () ->
                Reputation.compute(
                    ledger, ScoringPolicy.builder().seeds(Map.of("nobody", 1.0)).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 seed(s) are not contributors of the ledger: [nobody]");
  }

  @Test
  void activityPrior_teleportsToAuthorsByContributions() {
    Ledger ledger = Ledger.create();
    ledger.addContribution("p1", T0, "alice");
    ledger.addContribution("p2", T0, "alice");
    ledger.addContribution("p3", T0, "bob");
    ledger.addContributor("lurker");

    Reputation reputation =
        Reputation.compute(ledger, ScoringPolicy.builder().activityPrior().asOf(T0).build());

    assertThat(reputation.score("alice")).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(reputation.score("bob")).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(reputation.score("lurker")).isZero();
  }

  @Test
  void distrust_fromAContributorWithZeroScore_hurtsNobody() {
    Ledger ledger = Ledger.create();
    ledger.record(Endorsement.of("mod", "alice", "upvote", T0));
    ledger.record(Endorsement.of("troll", "alice", "flag", T0));
    ScoringPolicy seeded = ScoringPolicy.builder().seeds(Map.of("mod", 1.0)).build();

    Reputation reputation = Reputation.compute(ledger, seeded);

    assertThat(reputation.score("troll")).isZero();
    assertThat(reputation.score("alice"))
        .isEqualTo(reputation.result().score(reputation.graph().indexOf("alice").getAsInt()));
  }

  @Test
  void influenceCap_noEndorserSuppliesMoreThanTheCap() {
    Ledger ledger = BitcoinOtc.ledger("trust");
    double cap = 0.2;
    ScoringPolicy policy = ScoringPolicy.builder().influenceCap(cap).build();

    Reputation reputation = Reputation.compute(ledger, policy);

    double[] trust = reputation.result().scores();
    EndorsementGraph graph = reputation.graph();
    double d = policy.solver().damping();
    for (int v = 0; v < graph.size(); v++) {
      for (int e = graph.inStart(v); e < graph.inEnd(v); e++) {
        int u = graph.source(e);
        double term = d * trust[u] * graph.weight(e) / graph.outWeight(u);
        assertThat(term)
            .as("%s -> %s", graph.id(u), graph.id(v))
            .isLessThanOrEqualTo(cap * trust[v] * (1 + 1e-5));
      }
    }
    Reputation uncapped = Reputation.compute(ledger, ScoringPolicy.builder().build());
    assertThat(uncapped.graph().teleportWeight(0)).isZero();
  }

  @Test
  void reciprocalWeight_dampsMutualEndorsement() {
    Ledger ledger = Ledger.create();
    for (String[] pair : new String[][] {{"a", "b"}, {"b", "a"}, {"c", "d"}, {"e", "c"}}) {
      ledger.record(Endorsement.of(pair[0], pair[1], "upvote", T0));
    }
    Reputation plain = Reputation.compute(ledger, ScoringPolicy.builder().build());
    Reputation damped =
        Reputation.compute(ledger, ScoringPolicy.builder().reciprocalWeight(0.5).build());

    assertThat(damped.score("a")).isLessThan(plain.score("a"));
    assertThat(damped.score("d")).isGreaterThan(plain.score("d"));
    EndorsementGraph graph = damped.graph();
    int a = graph.indexOf("a").getAsInt();
    assertThat(graph.weight(a, graph.indexOf("b").getAsInt())).isEqualTo(0.5);
    assertThat(graph.teleportWeight(a)).isEqualTo(0.5);
  }

  @Test
  void mergedAccounts_countAsThePerson_andEndorsingAnAliasIsSelfEndorsement() {
    Ledger ledger = Ledger.create();
    ledger.record(Endorsement.of("alice", "bob", "upvote", T0));
    ledger.record(Endorsement.of("alice-old", "carol", "upvote", T0));
    ledger.record(Endorsement.of("alice", "alice-old", "thanks", T0));
    ledger.record(Endorsement.of("dave", "alice-old", "thanks", T0));
    ledger.merge("alice-old", "alice");

    Reputation reputation = Reputation.compute(ledger, ScoringPolicy.builder().build());

    EndorsementGraph graph = reputation.graph();
    int alice = graph.indexOf("alice").getAsInt();
    assertThat(graph.ids()).containsExactlyInAnyOrder("alice", "bob", "carol", "dave");
    assertThat(graph.weight(alice, graph.indexOf("carol").getAsInt())).isEqualTo(1.0);
    assertThat(graph.weight(graph.indexOf("dave").getAsInt(), alice)).isEqualTo(1.0);
    assertThat(graph.outWeight(alice)).isEqualTo(2.0);
    assertThat(reputation.score("alice-old")).isEqualTo(reputation.score("alice"));
  }

  @Test
  void points_averageOne_sumToContributorCount() {
    Reputation reputation =
        Reputation.compute(BitcoinOtc.ledger("trust"), ScoringPolicy.builder().build());

    double sum = reputation.ids().stream().mapToDouble(reputation::points).sum();

    assertThat(sum).isCloseTo(reputation.size(), within(1e-6));
    assertThat(reputation.top(1).get(0).points()).isGreaterThan(1.0);
  }

  @Test
  void explain_bitcoinOtcWithDistrustAndDecay_termsSumToScoreForEveryContributor() {
    Ledger ledger = BitcoinOtc.ledger("trust");
    ScoringPolicy policy =
        ScoringPolicy.builder()
            .decay(Decay.halfLife(Duration.ofDays(365)))
            .solver(RankSolver.builder().tolerance(1e-12).build())
            .build();

    Reputation reputation = Reputation.compute(ledger, policy);

    int withDistrust = 0;
    for (String id : reputation.ids()) {
      Explanation explanation = reputation.explain(id);
      assertThat(explanation.total()).as(id).isCloseTo(reputation.score(id), within(1e-12));
      for (Explanation.Term term : explanation.endorsers()) {
        double parts = term.parts().stream().mapToDouble(Explanation.Part::amount).sum();
        assertThat(parts)
            .as("%s <- %s", id, term.endorser())
            .isCloseTo(term.amount(), within(1e-15));
        assertThat(term.parts()).allSatisfy(p -> assertThat(p.kind()).isEqualTo("trust"));
      }
      withDistrust += explanation.distrusters().isEmpty() ? 0 : 1;
    }
    assertThat(withDistrust).isGreaterThan(100);
  }

  @Test
  void explain_splitsAnEndorserTermIntoKindsAndContributions() {
    Ledger ledger = Ledger.create();
    ledger.addContribution("q1-answer", T0, "bob");
    ledger.record(Endorsement.of("alice", "bob", "thanks", T0));
    ledger.record(Endorsement.ofContribution("alice", "q1-answer", "upvote", T0));
    ledger.record(Endorsement.ofContribution("alice", "q1-answer", "accepted", T0));

    Explanation bob = Reputation.compute(ledger, ScoringPolicy.builder().build()).explain("bob");

    assertThat(bob.endorsers()).hasSize(1);
    Explanation.Term alice = bob.endorsers().get(0);
    assertThat(alice.parts())
        .extracting(Explanation.Part::kind, Explanation.Part::contribution)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("accepted", "q1-answer"),
            org.assertj.core.groups.Tuple.tuple("thanks", null),
            org.assertj.core.groups.Tuple.tuple("upvote", "q1-answer"));
    assertThat(alice.parts().get(0).amount()).isCloseTo(alice.amount() * 3 / 5, within(1e-15));
    assertThat(bob.total()).isCloseTo(bob.score(), within(1e-10));
  }

  @Test
  void compute_sameEventsRecordedConcurrentlyInAnyOrder_bitIdenticalScores() throws Exception {
    java.util.List<Endorsement> events = new java.util.ArrayList<>();
    for (BitcoinOtc.Rating r : BitcoinOtc.ratings()) {
      events.add(Endorsement.rating(r.rater(), r.rated(), "trust", r.value(), r.time()));
    }
    ScoringPolicy policy =
        ScoringPolicy.builder().decay(Decay.halfLife(Duration.ofDays(200))).build();
    Ledger inOrder = Ledger.create();
    events.forEach(inOrder::record);
    Reputation expected = Reputation.compute(inOrder, policy);

    for (int run = 0; run < 3; run++) {
      java.util.List<Endorsement> shuffled = new java.util.ArrayList<>(events);
      java.util.Collections.shuffle(shuffled, new java.util.Random(run));
      Ledger concurrent = Ledger.create();
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(4);
      int slice = shuffled.size() / 4 + 1;
      java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        java.util.List<Endorsement> part =
            shuffled.subList(
                Math.min(t * slice, shuffled.size()), Math.min((t + 1) * slice, shuffled.size()));
        done.add(pool.submit(() -> part.forEach(concurrent::record)));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      ScoringPolicy oneThread =
          policy.toBuilder().solver(RankSolver.builder().threads(1 + run).build()).build();

      Reputation actual = Reputation.compute(concurrent, oneThread);

      for (String id : expected.ids()) {
        assertThat(actual.score(id)).as(id).isEqualTo(expected.score(id));
      }
    }
  }

  static Stream<Arguments> badLedgers() {
    Ledger unknownKind = Ledger.create();
    unknownKind.record(Endorsement.of("a", "b", "retweet", T0));
    unknownKind.record(Endorsement.of("a", "c", "retweet", T0));
    Ledger missingValue = Ledger.create();
    missingValue.record(Endorsement.of("a", "b", "trust", T0));
    Ledger valueOnFixedKind = Ledger.create();
    valueOnFixedKind.record(Endorsement.rating("a", "b", "upvote", 3, T0));
    return Stream.of(
        Arguments.of(
            unknownKind,
            "the ledger has 2 events of kinds the policy does not know: [retweet (2 events)]"),
        Arguments.of(missingValue, "endorsement a -> b of rated kind 'trust' has no value"),
        Arguments.of(valueOnFixedKind, "of kind 'upvote' has a value, but the kind is not rated"),
        Arguments.of(Ledger.create(), "the ledger has no contributor"));
  }

  @ParameterizedTest
  @MethodSource("badLedgers")
  void compute_ledgerThePolicyCannotWeigh_throwsWithMessage(Ledger ledger, String message) {
    long events = ledger.eventCount();
    assertThatThrownBy(() -> Reputation.compute(ledger, ScoringPolicy.builder().build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
    assertThat(ledger.eventCount()).isEqualTo(events);
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        Arguments.of(
            (Runnable) () -> ScoringPolicy.builder().influenceCap(0),
            "influence cap 0.0 must be in (0, 1]"),
        Arguments.of(
            (Runnable) () -> ScoringPolicy.builder().reciprocalWeight(1.5),
            "reciprocal weight 1.5 must be in [0, 1]"),
        Arguments.of(
            (Runnable) () -> ScoringPolicy.builder().distrustStrength(-1),
            "distrust strength -1.0 must be in [0, 1]"),
        Arguments.of((Runnable) () -> ScoringPolicy.builder().seeds(Map.of()), "seeds is empty"),
        Arguments.of(
            (Runnable) () -> ScoringPolicy.builder().seeds(Map.of("a", -1.0)),
            "weight -1.0 of seed 'a' must be finite and >= 0"),
        Arguments.of(
            (Runnable) () -> ScoringPolicy.builder().kind("x", Double.NaN),
            "weight NaN of kind 'x' must be finite"),
        Arguments.of((Runnable) () -> ScoringPolicy.builder().kind("", 1), "kind is empty"),
        Arguments.of(
            (Runnable) () -> ScoringPolicy.builder().clearKinds().build(),
            "the policy knows no kind"),
        Arguments.of(
            (Runnable) () -> Decay.halfLife(Duration.ZERO), "half-life PT0S must be at least 1 ms"),
        Arguments.of((Runnable) () -> Saturation.named("cube"), "unknown saturation 'cube'"));
  }

  @ParameterizedTest
  @MethodSource("badSettings")
  void builder_badSetting_throwsWithMessage(Runnable call, String message) {
    assertThatThrownBy(call::run).hasMessageContaining(message);
  }

  @Test
  void check_refusesAtTheLedgersDoor() {
    ScoringPolicy policy = ScoringPolicy.builder().build();
    Ledger ledger = Ledger.builder().validator(policy::check).build();

    assertThatThrownBy(() -> ledger.record(Endorsement.of("a", "b", "retweet", T0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown kind 'retweet'");
    assertThat(ledger.eventCount()).isZero();
    assertThat(ledger.contributorCount()).isZero();
  }

  @Test
  void policy_equalityAndToBuilder_roundTrip() {
    ScoringPolicy policy =
        ScoringPolicy.builder()
            .kind("star", 0.5)
            .decay(Decay.halfLife(Duration.ofDays(30)))
            .seeds(Map.of("mod", 2.0))
            .influenceCap(0.3)
            .build();

    assertThat(policy.toBuilder().build()).isEqualTo(policy).hasSameHashCodeAs(policy);
    assertThat(policy.halfLife()).contains(Duration.ofDays(30));
    assertThat(policy.toBuilder().influenceCap(1).build()).isNotEqualTo(policy);
  }

  @Test
  void saturation_stockFunctions() {
    assertThat(Saturation.log().saturate(1)).isEqualTo(1.0);
    assertThat(Saturation.log().saturate(3)).isEqualTo(2.0);
    assertThat(Saturation.sqrt().saturate(100)).isEqualTo(10.0);
    assertThat(Saturation.named("log")).isSameAs(Saturation.log());
    assertThat(Decay.halfLife(Duration.ofDays(2)).factor(Duration.ofDays(4).toMillis()))
        .isEqualTo(0.25);
  }

  private static void upvoteBystanders(Ledger ledger, String voter) {
    for (int b = 0; b < 5; b++) {
      ledger.record(Endorsement.of(voter, voter + "-bystander" + b, "upvote", T0));
    }
  }

  private static Map<String, Double> reference(String name) throws IOException {
    Map<String, Double> scores = new LinkedHashMap<>();
    Path path = Path.of("src/test/resources/reference", name);
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(path)), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String[] fields = line.split("\t");
        scores.put(fields[0], Double.parseDouble(fields[1]));
      }
    }
    return scores;
  }
}
