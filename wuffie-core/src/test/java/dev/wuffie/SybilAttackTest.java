package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.graph.EndorsementGraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resistance to gaming, measured: an attacker with {@code k} fake accounts and {@code g}
 * endorsements from honest members of the Bitcoin OTC network (see {@link SybilScenario}), scored
 * by plain PageRank and by the same policy with seeds, for {@code k} in {10, 100, 1000} and {@code
 * g} in {1, 10}.
 *
 * <p><b>The bound with seeds.</b> Call {@code F} the fake region (the attacker and its fakes) and
 * {@code S_F} its total score. With seeds the teleport distribution {@code p} is zero on {@code F};
 * every member of {@code F} endorses only members of {@code F}, with linear weights and no decay,
 * so none of them is dangling or has a teleport weight. Summing the score equation over {@code F}:
 *
 * <pre>
 * S_F = d S_F + d sum_{h in G} s_h σ_h,   so   S_F = d / (1 - d) * sum_{h in G} s_h σ_h
 * </pre>
 *
 * <p>where {@code G} are the {@code g} honest endorsers of the attacker, {@code s_h} their scores
 * under attack and {@code σ_h = 10 / (W_h + 10)} the share of its out-weight {@code W_h + 10} that
 * {@code h} gives the attacker ({@code W_h}: what {@code h} gave honest members). {@code k} does
 * not appear; nor does it change the honest part of the graph, so {@code S_F} is the same for every
 * {@code k}. For a bound that needs only the community before the attack: a score is {@code 1 - d}
 * times the expected visits of a random walk between two teleports, and a walk that takes {@code
 * h}'s new endorsement stays in {@code F} until it teleports, so the attack can only remove visits
 * to honest members: {@code s_h <= s0_h}, {@code h}'s seeded score in the honest network. Hence
 *
 * <pre>
 * S_F <= B(g) = d / (1 - d) * sum_{h in G} s0_h * 10 / (W_h + 10)
 * </pre>
 *
 * <p>(tighter by {@code d} than {@code sum_h s0_h σ_h / (1 - d)}). Without seeds {@code F} gets
 * {@code (k + 1) / n} of the teleport and dangling mass, which grows with {@code k}.
 */
final class SybilAttackTest {
  private static final int[] FAKES = {10, 100, 1000};
  private static final int[] ENDORSERS = {1, 10};

  /**
   * Relative slack for "does not grow with k": the theory says equal, the solver is within 1e-9.
   */
  private static final double SLACK = 1e-4;

  /** Absolute slack on the solver's scores: its L1 error is at most d / (1 - d) * 1e-10. */
  private static final double SOLVER_ERROR = 1e-9;

  private static SybilScenario scenario;
  private static final List<Row> rows = new ArrayList<>();
  private static Reputation honestSeeded;
  private static double damping;

  /** One measurement: the fake region's total score and the attacker's rank out of n. */
  record Row(
      boolean seeded, int g, int k, double fakeTotal, int attackerRank, int n, double inflow) {}

  @BeforeAll
  static void attack() {
    scenario = new SybilScenario();
    ScoringPolicy seeded = scenario.seeded();
    damping = seeded.solver().damping();
    Ledger ledger = scenario.honestLedger();
    honestSeeded = Reputation.compute(ledger, seeded);
    // One ledger serves both g: the first endorser's endorsement stays, the other nine are
    // recorded for the g = 10 snapshot and retracted before the fake region grows.
    List<String> endorsers = scenario.endorsers(10);
    scenario.endorseAttacker(ledger, endorsers.subList(0, 1));
    int k0 = 0;
    for (int k : FAKES) {
      scenario.addFakes(ledger, k0, k);
      k0 = k;
      measure(ledger, 1, k);
      long[] more = scenario.endorseAttacker(ledger, endorsers.subList(1, 10));
      measure(ledger, 10, k);
      for (long event : more) {
        ledger.retract(event);
      }
    }
  }

  private static void measure(Ledger ledger, int g, int k) {
    for (ScoringPolicy policy : List.of(SybilScenario.plain(), scenario.seeded())) {
      Reputation reputation = Reputation.compute(ledger, policy);
      rows.add(
          new Row(
              policy.teleport() == ScoringPolicy.Teleport.SEEDS,
              g,
              k,
              SybilScenario.fakeTotal(reputation, k),
              reputation.rank(SybilScenario.ATTACKER),
              reputation.size(),
              inflow(reputation, scenario.endorsers(g))));
    }
  }

  @Test
  void scenario_seedsAndCommunity_areTheReferenceOnes() throws IOException {
    List<String> reference =
        Files.readAllLines(
            Path.of("src/test/resources/reference/bitcoinotc-seeds.csv"), StandardCharsets.UTF_8);

    assertThat(scenario.seeds.keySet())
        .containsExactlyInAnyOrderElementsOf(
            reference.stream().map(line -> line.split(",")[0]).toList());
    assertThat(honestSeeded.size()).isEqualTo(5_881);
    assertThat(row(false, 10, 1000).n()).isEqualTo(5_881 + 1 + 1000);
    assertThat(scenario.endorsers(10)).doesNotContainAnyElementsOf(scenario.seeds.keySet());
    assertThat(scenario.endorsers(10)).startsWith(scenario.endorsers(1).get(0));
  }

  @Test
  void plainPageRank_moreFakes_fakeTotalGrowsSeveralTimes() {
    for (int g : ENDORSERS) {
      assertThat(row(false, g, 100).fakeTotal()).isGreaterThan(row(false, g, 10).fakeTotal());
      assertThat(row(false, g, 1000).fakeTotal()).isGreaterThan(row(false, g, 100).fakeTotal());
      assertThat(row(false, g, 1000).fakeTotal())
          .as("g = %d", g)
          .isGreaterThan(10 * row(false, g, 10).fakeTotal());
    }
  }

  @Test
  void seeded_moreFakes_fakeTotalStaysUnderTheAnalyticBound() {
    for (int g : ENDORSERS) {
      double bound = bound(scenario.endorsers(g));
      for (int k : FAKES) {
        assertThat(row(true, g, k).fakeTotal())
            .as("g = %d, k = %d", g, k)
            .isLessThanOrEqualTo(bound + SOLVER_ERROR);
      }
      assertThat(row(true, g, 1000).fakeTotal())
          .as("g = %d", g)
          .isLessThanOrEqualTo(row(true, g, 10).fakeTotal() * (1 + SLACK));
    }
  }

  @Test
  void seeded_fakeTotal_isExactlyWhatTheHonestEndorsersPassOn() {
    for (Row row : rows) {
      if (row.seeded()) {
        assertThat(row.fakeTotal())
            .as("g = %d, k = %d", row.g(), row.k())
            .isCloseTo(damping / (1 - damping) * row.inflow(), within(SOLVER_ERROR));
      }
    }
  }

  @Test
  void seeded_moreHonestEndorsements_fakeTotalGrows() {
    for (int k : FAKES) {
      assertThat(row(true, 10, k).fakeTotal())
          .as("k = %d", k)
          .isGreaterThan(row(true, 1, k).fakeTotal());
    }
    assertThat(bound(scenario.endorsers(10))).isGreaterThan(bound(scenario.endorsers(1)));
  }

  @Test
  void attackerRank_thousandFakes_topOnePercentOnlyWithoutSeeds() {
    for (int g : ENDORSERS) {
      Row plain = row(false, g, 1000);
      Row seeded = row(true, g, 1000);
      assertThat(plain.attackerRank()).as("plain, g = %d", g).isLessThanOrEqualTo(plain.n() / 100);
      assertThat(seeded.attackerRank()).as("seeded, g = %d", g).isGreaterThan(seeded.n() / 100);
    }
  }

  /** B(g): the bound of the class documentation, from the honest network's seeded scores. */
  private static double bound(List<String> endorsers) {
    EndorsementGraph graph = honestSeeded.graph();
    double sum = 0;
    for (String h : endorsers) {
      double given = graph.outWeight(graph.indexOf(h).getAsInt());
      sum +=
          honestSeeded.score(h)
              * SybilScenario.ATTACK_RATING
              / (given + SybilScenario.ATTACK_RATING);
    }
    return damping / (1 - damping) * sum;
  }

  /** The sum over the endorsers of their score times the share they give the attacker. */
  private static double inflow(Reputation reputation, List<String> endorsers) {
    EndorsementGraph graph = reputation.graph();
    int attacker = graph.indexOf(SybilScenario.ATTACKER).getAsInt();
    double sum = 0;
    for (String h : endorsers) {
      int u = graph.indexOf(h).getAsInt();
      sum += reputation.score(h) * graph.weight(u, attacker) / graph.outWeight(u);
    }
    return sum;
  }

  private static Row row(boolean seeded, int g, int k) {
    return rows.stream()
        .filter(r -> r.seeded() == seeded && r.g() == g && r.k() == k)
        .findFirst()
        .orElseThrow();
  }
}
