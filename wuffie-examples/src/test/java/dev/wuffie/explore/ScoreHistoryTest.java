package dev.wuffie.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.Decay;
import dev.wuffie.Endorsement;
import dev.wuffie.Ledger;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Monthly score histories: the points, the last one against a full compute, absent members. */
final class ScoreHistoryTest {
  private static final ScoringPolicy POLICY =
      ScoringPolicy.builder().decay(Decay.halfLife(Duration.ofDays(90))).build();

  @Test
  void monthly_lastPoint_equalsAComputeAtThatAsOf() {
    Ledger ledger = ledger();

    ScoreHistory history = ScoreHistory.monthly(ledger.snapshot(), POLICY);

    List<Instant> times = history.times();
    assertThat(times)
        .containsExactly(
            Instant.parse("2024-02-01T00:00:00Z"),
            Instant.parse("2024-03-01T00:00:00Z"),
            Instant.parse("2024-04-01T00:00:00Z"),
            Instant.parse("2024-05-01T00:00:00Z"),
            Instant.parse("2024-06-01T00:00:00Z"),
            Instant.parse("2024-07-01T00:00:00Z"));
    Instant last = times.get(times.size() - 1);
    Reputation reputation = Reputation.compute(ledger, POLICY.toBuilder().asOf(last).build());
    for (String id : List.of("a", "b", "c", "d")) {
      ScoreHistory.Point point = history.of(id).get(times.size() - 1);
      assertThat(point.asOf()).isEqualTo(last);
      assertThat(point.score()).isCloseTo(reputation.score(id), within(1e-7));
      assertThat(point.rank()).isEqualTo(reputation.rank(id));
    }
  }

  @Test
  void monthly_memberBeforeItsFirstEvent_isAbsent() {
    Ledger ledger = ledger();

    ScoreHistory history = ScoreHistory.monthly(ledger.snapshot(), POLICY);

    List<ScoreHistory.Point> d = history.of("d");
    // d's first event is on 2024-04-10: absent on Feb 1, Mar 1 and Apr 1, scored from May 1
    assertThat(d.subList(0, 3))
        .allSatisfy(
            p -> {
              assertThat(p.score()).isZero();
              assertThat(p.rank()).isZero();
            });
    assertThat(d.subList(3, 6))
        .allSatisfy(
            p -> {
              assertThat(p.score()).isPositive();
              assertThat(p.rank()).isBetween(1, 4);
            });
    // on Feb 1 only a, b and c were there: their ranks are 1..3, and their scores a whole
    Ledger january = Ledger.create();
    january.record(Endorsement.of("a", "b", "upvote", Instant.parse("2024-01-15T00:00:00Z")));
    january.record(Endorsement.of("c", "b", "upvote", Instant.parse("2024-01-20T00:00:00Z")));
    Reputation feb =
        Reputation.compute(
            january, POLICY.toBuilder().asOf(Instant.parse("2024-02-01T00:00:00Z")).build());
    for (String id : List.of("a", "b", "c")) {
      assertThat(history.of(id).get(0).score()).isCloseTo(feb.score(id), within(1e-7));
      assertThat(history.of(id).get(0).rank()).isEqualTo(feb.rank(id));
    }
  }

  @Test
  void of_unknownMember_throwsWithMessage() {
    ScoreHistory history = ScoreHistory.monthly(ledger().snapshot(), POLICY);

    assertThatThrownBy(() -> history.of("zed"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown member 'zed'");
  }

  @Test
  void points_fifteenYears_steppedToAtMostTheCap() {
    List<Endorsement> events =
        List.of(
            Endorsement.of("a", "b", "upvote", Instant.parse("2010-01-10T00:00:00Z")),
            Endorsement.of("a", "b", "upvote", Instant.parse("2025-03-01T00:00:00Z")));

    Instant[] points = ScoreHistory.points(events);

    // Feb 2010 .. Mar 2025 is 181 months: a step of 2 months, counted back from the last point
    assertThat(points).hasSizeLessThanOrEqualTo(ScoreHistory.MAX_POINTS).hasSize(91);
    assertThat(points[points.length - 1]).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
    assertThat(points[0]).isEqualTo(Instant.parse("2010-03-01T00:00:00Z"));
  }

  /** a, b, c from January 2024; d from April 10; the last event on June 10. */
  private static Ledger ledger() {
    Ledger ledger = Ledger.create();
    ledger.record(Endorsement.of("a", "b", "upvote", Instant.parse("2024-01-15T00:00:00Z")));
    ledger.record(Endorsement.of("c", "b", "upvote", Instant.parse("2024-01-20T00:00:00Z")));
    ledger.record(Endorsement.of("b", "a", "upvote", Instant.parse("2024-02-20T00:00:00Z")));
    ledger.record(Endorsement.of("d", "a", "upvote", Instant.parse("2024-04-10T00:00:00Z")));
    ledger.record(Endorsement.of("a", "d", "accepted", Instant.parse("2024-05-05T00:00:00Z")));
    ledger.record(Endorsement.of("c", "d", "upvote", Instant.parse("2024-06-10T00:00:00Z")));
    return ledger;
  }
}
