package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.graph.EndorsementGraph;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Known answers for {@link PolicyHealth}: hand-derived scores on small graphs (d = 0.85), the Gini
 * coefficient of known vectors, and the invariant that the even share is the sum over members of
 * the explanation's teleport and returned terms.
 */
final class PolicyHealthTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final double EXACT = 1e-13;

  @Test
  void health_threeCycle_onlyTheTeleportTermIsEven() {
    // a -> b -> c -> a: every score 1/3, nobody dangling, no teleport weights.
    EndorsementGraph graph =
        EndorsementGraph.builder().add("a", "b", 1).add("b", "c", 1).add("c", "a", 1).build();

    PolicyHealth health = Reputation.compute(graph).health();

    assertThat(health.members()).isEqualTo(3);
    assertThat(health.teleportShare()).isCloseTo(0.15, within(EXACT));
    assertThat(health.returnedShare()).isEqualTo(0.0);
    assertThat(health.evenShare()).isCloseTo(0.15, within(EXACT));
    assertThat(health.top1PercentShare()).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(health.gini()).isCloseTo(0.0, within(1e-9));
    assertThat(health.hint()).isEmpty();
  }

  @Test
  void health_starWithADanglingCentre_returnsTheCentresScore() {
    // b -> a, c -> a; a endorses no one, so d s_a goes back through p = (1/3, 1/3, 1/3):
    //   s_b = s_c = x = 0.05 + 0.85 s_a / 3, s_a = 1 - 2x  =>  s_a = 27/47, x = 10/47.
    // Even share: 0.15 + 0.85 * 27/47 = 30/47. Gini of (10, 10, 27)/47: the ordered pairs differ
    // by 17/47 four times, 4 * 17/47 / (2 * 3 * 1) = 34/141.
    EndorsementGraph graph = EndorsementGraph.builder().add("b", "a", 1).add("c", "a", 1).build();

    Reputation reputation = Reputation.compute(graph);
    PolicyHealth health = reputation.health();

    assertThat(reputation.score("a")).isCloseTo(27.0 / 47, within(1e-9));
    assertThat(health.danglingShare()).isCloseTo(0.85 * 27 / 47, within(1e-9));
    assertThat(health.evenShare()).isCloseTo(30.0 / 47, within(1e-9));
    assertThat(health.top1PercentShare()).isCloseTo(27.0 / 47, within(1e-9));
    assertThat(health.gini()).isCloseTo(34.0 / 141, within(1e-9));
    assertEvenShareIsTheExplanations(reputation);
  }

  @Test
  void health_decayedEndorsement_leaksHalfOfItsTermThroughTeleport() {
    // DecayTest's case: a upvoted b one half-life before asOf, linear saturation, b dangling.
    // s_a = 40/97, s_b = 57/97; a's teleport weight is 1/2 of W_a = 1, so decay returns
    // d s_a / 2 = 17/97 and b returns d s_b = 48.45/97. Even: 1 - d s_a / 2 = 80/97.
    Ledger ledger = Ledger.create();
    ledger.record(Endorsement.of("a", "b", "upvote", T0.minus(Duration.ofDays(30))));
    ScoringPolicy policy =
        ScoringPolicy.builder()
            .saturation(Saturation.linear())
            .decay(Decay.halfLife(Duration.ofDays(30)))
            .asOf(T0)
            .solver(PolicyReference.EXACT)
            .build();

    Reputation reputation = Reputation.compute(ledger, policy);
    PolicyHealth health = reputation.health();

    assertThat(health.decayShare()).isCloseTo(17.0 / 97, within(EXACT));
    assertThat(health.danglingShare()).isCloseTo(48.45 / 97, within(EXACT));
    assertThat(health.reciprocalShare()).isEqualTo(0.0);
    assertThat(health.capShare()).isEqualTo(0.0);
    assertThat(health.evenShare()).isCloseTo(80.0 / 97, within(EXACT));
    assertEvenShareIsTheExplanations(reputation);
  }

  @Test
  void health_mutualPairAtReciprocalWeightOneHalf_returnsHalfOfAllFlow() {
    // a <-> b, reciprocal weight 1/2: each keeps w = 1/2 of W = 1. Symmetric: s = 1/2 each, and
    // each returns d s / 2, so reciprocalShare = 2 * 0.85 * 0.5 * 0.5 = 0.425.
    Ledger ledger = Ledger.create();
    ledger.record(Endorsement.of("a", "b", "upvote", T0));
    ledger.record(Endorsement.of("b", "a", "upvote", T0));
    ScoringPolicy policy =
        ScoringPolicy.builder().reciprocalWeight(0.5).solver(PolicyReference.EXACT).build();

    PolicyHealth health = Reputation.compute(ledger, policy).health();

    assertThat(health.reciprocalShare()).isCloseTo(0.425, within(EXACT));
    assertThat(health.decayShare()).isEqualTo(0.0);
    assertThat(health.evenShare()).isCloseTo(0.575, within(EXACT));
  }

  @Test
  void health_soleEndorserCapped_returnsWhatTheCapTook() {
    // InfluenceCapTest's case: a -> b, cap 0.25; s_a = 3/7, s_b = 4/7 and a keeps 1/2.55 of its
    // weight. The cap returns d s_a (1 - 1/2.55) = 1.55/7, b (dangling) d s_b = 3.4/7; the one
    // endorser term left is 1/7, so the even share is 6/7.
    Ledger ledger = Ledger.create();
    ledger.record(Endorsement.of("a", "b", "upvote", T0));
    ScoringPolicy policy =
        ScoringPolicy.builder().influenceCap(0.25).solver(PolicyReference.EXACT).build();

    Reputation reputation = Reputation.compute(ledger, policy);
    PolicyHealth health = reputation.health();

    assertThat(health.capShare()).isCloseTo(1.55 / 7, within(1e-6));
    assertThat(health.danglingShare()).isCloseTo(3.4 / 7, within(1e-6));
    assertThat(health.evenShare()).isCloseTo(6.0 / 7, within(1e-6));
    assertEvenShareIsTheExplanations(reputation);
  }

  @Test
  void health_randomLedgerWithEverySetting_evenShareIsTheSumOfTheExplanations() {
    Random random = new Random(14);
    Ledger ledger = Ledger.create();
    int members = 200;
    for (int i = 0; i < 3000; i++) {
      String endorser = "m" + random.nextInt(members);
      String target = "m" + (int) (members * Math.pow(random.nextDouble(), 2));
      if (!endorser.equals(target)) {
        String kind = random.nextInt(10) == 0 ? "downvote" : "upvote";
        ledger.record(
            Endorsement.of(endorser, target, kind, T0.minus(Duration.ofDays(random.nextInt(720)))));
      }
    }
    ScoringPolicy policy =
        ScoringPolicy.builder()
            .decay(Decay.halfLife(Duration.ofDays(180)))
            .reciprocalWeight(0.5)
            .influenceCap(0.3)
            .seeds(Map.of("m1", 1.0, "m2", 2.0))
            .build();

    Reputation reputation = Reputation.compute(ledger, policy);
    PolicyHealth health = reputation.health();

    assertThat(health.decayShare()).isPositive();
    assertThat(health.reciprocalShare()).isPositive();
    assertThat(health.capShare()).isPositive();
    assertEvenShareIsTheExplanations(reputation);
  }

  @Test
  void of_knownVectors_giniAndTopShare() {
    double[] none = new double[5];
    assertThat(health(none, 1, 0, 0, 0).gini()).isCloseTo(0.75, within(1e-15));
    assertThat(health(none, 0.25, 0.25, 0.25, 0.25).gini()).isCloseTo(0.0, within(1e-15));
    // (1, 2, 3, 4) / 10: sum_ij |x_i - x_j| = 2 * (1+2+3+1+2+1) / 10 = 2, / (2 * 4 * 1) = 0.25
    PolicyHealth ramp = health(none, 0.3, 0.1, 0.4, 0.2);
    assertThat(ramp.gini()).isCloseTo(0.25, within(1e-15));
    assertThat(ramp.top1PercentShare()).isCloseTo(0.4, within(1e-15));
    // 250 members: the top 1% is ceil(2.5) = 3 of them
    double[] scores = new double[250];
    java.util.Arrays.fill(scores, 0.5 / 247);
    scores[0] = 0.2;
    scores[1] = 0.2;
    scores[2] = 0.1;
    assertThat(health(none, scores).top1PercentShare()).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void hint_decayFlattens_namesTheHalfLifeFirst() {
    PolicyHealth health = new PolicyHealth(1000, 0.15, 0.05, 0.6, 0, 0, 0.05, 0.3);

    assertThat(health.evenShare()).isCloseTo(0.8, within(1e-15));
    assertThat(health.hint())
        .hasValue(
            "Most reputation is spread evenly, not earned from endorsements: 80% (decay 60%,"
                + " teleport 15%); to let endorsements count more, try a longer half-life or a"
                + " higher damping.");
  }

  @Test
  void hint_concentratedScores_namesCapReciprocalDampingAndSeeds() {
    PolicyHealth health = new PolicyHealth(1000, 0.15, 0.05, 0, 0, 0, 0.45, 0.7);

    assertThat(health.hint())
        .hasValue(
            "Scores are concentrated: the top 1% hold 45% of all reputation (Gini 0.70); to spread"
                + " them, cap what one endorser can give (influence cap), weigh mutual endorsements"
                + " less (reciprocal weight), lower the damping, or, with seeds, name more of"
                + " them.");
    assertThat(new PolicyHealth(1000, 0.15, 0.05, 0, 0, 0, 0.1, 0.81).hint()).isPresent();
    assertThat(new PolicyHealth(99, 0.15, 0.05, 0, 0, 0, 0.45, 0.9).hint()).isEmpty();
    assertThat(new PolicyHealth(1000, 0.15, 0.05, 0, 0, 0, 0.3, 0.7).hint()).isEmpty();
  }

  @Test
  void constructor_badFigures_throwWithMessage() {
    assertThatThrownBy(() -> new PolicyHealth(0, 0.15, 0, 0, 0, 0, 1, 0))
        .hasMessageContaining("members = 0");
    assertThatThrownBy(() -> new PolicyHealth(3, -0.1, 0, 0, 0, 0, 1, 0))
        .hasMessageContaining("share = -0.1");
    assertThatThrownBy(() -> new PolicyHealth(3, 0.15, Double.NaN, 0, 0, 0, 1, 0))
        .hasMessageContaining("share = NaN");
    assertThatThrownBy(() -> new PolicyHealth(3, 0.15, 0, 0, 0, 0, 1, 1.5))
        .hasMessageContaining("gini = 1.5");
  }

  private static PolicyHealth health(double[] even, double... scores) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    int[] byRank = java.util.Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    return PolicyHealth.of(even, scores, byRank);
  }

  private static void assertEvenShareIsTheExplanations(Reputation reputation) {
    double teleport = 0;
    double returned = 0;
    for (String id : reputation.ids()) {
      Explanation e = reputation.explain(id);
      teleport += e.teleport();
      returned += e.returned();
    }
    PolicyHealth health = reputation.health();
    assertThat(health.teleportShare()).isCloseTo(teleport, within(1e-12));
    assertThat(health.returnedShare()).isCloseTo(returned, within(1e-12));
    assertThat(health.evenShare()).isCloseTo(teleport + returned, within(1e-12));
  }
}
