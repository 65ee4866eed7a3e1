package dev.wuffie.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.Endorsement;
import dev.wuffie.Explanation;
import dev.wuffie.Ledger;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.graph.EndorsementGraph;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The gaming watch on a random honest ledger, with and without a planted sybil ring, and on a
 * member lifted by one heavy endorser.
 */
final class GamingWatchTest {
  private static final Instant START = Instant.parse("2023-01-01T00:00:00Z");
  private static final Instant END = Instant.parse("2025-01-01T00:00:00Z");
  private static final int MEMBERS = 300;
  private static final int RING = 12;
  private static final String TARGET = "m150";
  private static final ScoringPolicy POLICY = ScoringPolicy.builder().build();

  @Test
  void of_plantedSybilRing_flaggedAsReturnedAndAsNewAccounts() {
    Ledger ledger = honestLedger();
    List<String> fakes = plantRing(ledger);

    Reputation reputation = Reputation.compute(ledger, POLICY);
    GamingWatch watch = GamingWatch.of(reputation, ledger.snapshot());

    List<String> sorted = fakes.stream().sorted().toList();
    assertThat(watch.returned())
        .filteredOn(flag -> flag.id().startsWith("fake-"))
        .extracting(GamingWatch.Flag::id)
        .containsExactlyInAnyOrderElementsOf(fakes);
    assertThat(watch.returned())
        .filteredOn(flag -> flag.id().startsWith("fake-"))
        .allSatisfy(
            flag -> {
              assertThat(flag.members()).isEqualTo(sorted);
              assertThat(flag.share())
                  .isCloseTo(shareFrom(reputation, flag.id(), fakes), within(1e-12))
                  .isGreaterThanOrEqualTo(GamingWatch.RETURNED_SHARE);
            });
    assertThat(watch.newAccounts())
        .singleElement()
        .satisfies(
            flag -> {
              assertThat(flag.id()).isEqualTo(TARGET);
              assertThat(flag.pattern()).isEqualTo(GamingWatch.NEW_ACCOUNTS);
              assertThat(flag.members()).isEqualTo(sorted);
              assertThat(flag.share())
                  .isCloseTo(shareFrom(reputation, TARGET, fakes), within(1e-12));
              assertThat(flag.rank()).isEqualTo(reputation.rank(TARGET));
            });
    assertThat(watch.of("fake-3"))
        .extracting(flag -> flag.pattern() + " " + flag.id())
        .containsExactly("returned fake-3", "newAccounts " + TARGET);
  }

  @Test
  void of_honestRandomLedger_flagsNoNewAccounts() {
    Ledger ledger = honestLedger();

    GamingWatch watch = GamingWatch.of(Reputation.compute(ledger, POLICY), ledger.snapshot());

    assertThat(watch.newAccounts()).isEmpty();
  }

  @Test
  void of_memberLiftedByOneHeavyEndorser_flaggedWithTheTopTermsShare() {
    Ledger ledger = honestLedger();
    // the best-endorsed member gives a fresh member a heavy endorsement (ten accepted answers)
    for (int i = 0; i < 10; i++) {
      ledger.record(Endorsement.of("m0", "lifted", "accepted", END.minusSeconds(i)));
    }
    ledger.record(Endorsement.of("m7", "lifted", "upvote", END));

    Reputation reputation = Reputation.compute(ledger, POLICY);
    GamingWatch watch = GamingWatch.of(reputation, ledger.snapshot());

    Explanation explanation = reputation.explain("lifted");
    assertThat(reputation.standing("lifted").points()).isGreaterThan(GamingWatch.MIN_POINTS);
    assertThat(watch.oneEndorser())
        .filteredOn(flag -> flag.id().equals("lifted"))
        .singleElement()
        .satisfies(
            flag -> {
              assertThat(flag.members()).containsExactly("m0");
              assertThat(flag.share())
                  .isCloseTo(
                      explanation.endorsers().get(0).amount() / explanation.score(), within(1e-12));
              assertThat(flag.score()).isEqualTo(reputation.score("lifted"));
            });
    assertThat(watch.oneEndorser())
        .isSortedAccordingTo((a, b) -> Double.compare(b.share(), a.share()))
        .allSatisfy(
            flag -> {
              assertThat(flag.share()).isGreaterThanOrEqualTo(GamingWatch.ONE_ENDORSER_SHARE);
              assertThat(reputation.standing(flag.id()).points())
                  .isGreaterThanOrEqualTo(GamingWatch.MIN_POINTS);
            })
        .hasSizeLessThanOrEqualTo(GamingWatch.MAX_FLAGS);
  }

  @Test
  void of_bareGraph_noNewAccounts() {
    EndorsementGraph graph =
        EndorsementGraph.builder().add("a", "b", 1).add("b", "a", 1).add("c", "a", 1).build();

    GamingWatch watch = GamingWatch.of(Reputation.compute(graph), null);

    assertThat(watch.newAccounts()).isEmpty();
    assertThat(watch.of("nobody")).isEmpty();
  }

  @Test
  void help_namesEveryPatternAndItsSetting() {
    assertThat(GamingWatch.help())
        .contains("influence cap", "reciprocal weight", "Seeds", "30 days", "50%");
  }

  /**
   * Members m0..m299 join at random times over two years; each endorses a few others, chosen
   * preferentially towards low numbers, at random times after both joined.
   */
  private static Ledger honestLedger() {
    Random random = new Random(14);
    long span = Duration.between(START, END).toMillis();
    long[] joined = new long[MEMBERS];
    for (int i = 0; i < MEMBERS; i++) {
      joined[i] = START.toEpochMilli() + (long) (random.nextDouble() * span * 0.9);
    }
    Ledger ledger =
        Ledger.builder().clock(java.time.Clock.fixed(END, java.time.ZoneOffset.UTC)).build();
    for (int k = 0; k < MEMBERS * 8; k++) {
      int u = random.nextInt(MEMBERS);
      int v = (int) (MEMBERS * Math.pow(random.nextDouble(), 2));
      if (u == v) {
        continue;
      }
      long from = Math.max(joined[u], joined[v]);
      long time = from + (long) (random.nextDouble() * (END.toEpochMilli() - from));
      ledger.record(Endorsement.of("m" + u, "m" + v, "upvote", Instant.ofEpochMilli(time)));
    }
    return ledger;
  }

  /** Twelve accounts, new ten days before the end, endorse each other and the target heavily. */
  private static List<String> plantRing(Ledger ledger) {
    Instant time = END.minus(Duration.ofDays(10));
    List<String> fakes = IntStream.rangeClosed(1, RING).mapToObj(i -> "fake-" + i).toList();
    List<Endorsement> batch = new ArrayList<>();
    for (String fake : fakes) {
      for (String other : fakes) {
        if (!other.equals(fake)) {
          batch.add(Endorsement.of(fake, other, "upvote", time));
        }
      }
      for (int i = 0; i < 5; i++) {
        batch.add(Endorsement.of(fake, TARGET, "accepted", time.plusSeconds(i)));
      }
    }
    ledger.recordAll(batch);
    return fakes;
  }

  private static double shareFrom(Reputation reputation, String id, List<String> endorsers) {
    Explanation explanation = reputation.explain(id);
    return explanation.endorsers().stream()
            .filter(term -> endorsers.contains(term.endorser()))
            .mapToDouble(Explanation.Term::amount)
            .sum()
        / explanation.score();
  }
}
