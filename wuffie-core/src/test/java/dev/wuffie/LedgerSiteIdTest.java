package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Events with a site's own id: recorded once however often they are handed over. */
final class LedgerSiteIdTest {
  private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
  private static final Endorsement AB = Endorsement.of("a", "b", "upvote", T0);
  private static final Endorsement CB = Endorsement.of("c", "b", "upvote", T0);

  @Test
  void record_sameIdTwice_recordsOnceAndReturnsTheFirstEvent() {
    Ledger ledger = Ledger.create();
    long first = ledger.record("vote-1", AB);
    ledger.record(CB);

    long again = ledger.record("vote-1", Endorsement.of("a", "b", "upvote", T0.plusNanos(999)));

    assertThat(first).isZero();
    assertThat(again).isZero();
    assertThat(ledger.eventCount()).isEqualTo(2);
    LedgerSnapshot s = ledger.snapshot();
    assertThat(s.siteId(0)).contains("vote-1");
    assertThat(s.siteId(1)).isEmpty();
    assertThat(s.eventId("vote-1")).isEqualTo(OptionalLong.of(0));
    assertThat(s.eventId("vote-2")).isEmpty();
    assertThat(s.eventId(null)).isEmpty();
  }

  @Test
  void record_sameIdTwice_scoresOnce() {
    Ledger twice = Ledger.create();
    Ledger once = Ledger.create();
    for (Ledger ledger : List.of(twice, once)) {
      ledger.record("v1", AB);
      ledger.record("v2", CB);
      ledger.record("v3", Endorsement.of("b", "a", "upvote", T0));
    }
    twice.record("v1", AB); // a source read again after a restart
    twice.record("v2", CB);

    ScoringPolicy policy = ScoringPolicy.builder().build();
    Reputation a = Reputation.compute(twice, policy);
    Reputation b = Reputation.compute(once, policy);
    for (String id : List.of("a", "b", "c")) {
      assertThat(a.score(id)).as(id).isEqualTo(b.score(id));
    }
  }

  @Test
  void record_sameIdWithAnotherEndorsement_throwsDuplicateEventExceptionAndChangesNothing() {
    Ledger ledger = Ledger.create();
    ledger.record("vote-1", AB);

    DuplicateEventException e =
        catchThrowableOfType(DuplicateEventException.class, () -> ledger.record("vote-1", CB));
    DuplicateEventException inBatch =
        catchThrowableOfType(
            DuplicateEventException.class,
            () ->
                ledger.apply(
                    List.of(
                        LedgerEntry.event("vote-2", CB),
                        LedgerEntry.event("vote-2", Endorsement.of("c", "b", "upvote", T0)))));

    assertThat(e.siteId()).isEqualTo("vote-1");
    assertThat(e)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "event 'vote-1' is already recorded as endorsement 'a' -> 'b' (upvote) at"
                + " 2025-06-01T00:00:00Z, not as endorsement 'c' -> 'b' (upvote) at"
                + " 2025-06-01T00:00:00Z; give each event its own id");
    assertThat(inBatch).isNull(); // the same endorsement twice in a batch: recorded once
    assertThatThrownBy(
            () ->
                ledger.apply(
                    List.of(
                        LedgerEntry.event("vote-3", CB),
                        LedgerEntry.event("vote-3", Endorsement.rating("c", "b", "trust", 2, T0)))))
        .isInstanceOf(DuplicateEventException.class)
        .hasMessage(
            "batch element 1: event 'vote-3' is already recorded as endorsement 'c' -> 'b'"
                + " (upvote) at 2025-06-01T00:00:00Z, not as endorsement 'c' -> 'b' (trust) of"
                + " value 2.0 at 2025-06-01T00:00:00Z; give each event its own id");
    assertThat(ledger.eventCount()).isEqualTo(2);
    assertThat(ledger.snapshot().eventId("vote-3")).isEmpty();
  }

  @Test
  void apply_duplicatesTakeNoEventId_laterEntriesCountOnlyRecordedEvents() {
    Ledger ledger = Ledger.create();
    ledger.record("v1", AB);

    long first =
        ledger.apply(
            List.of(
                LedgerEntry.event("v1", AB), // recorded before: nothing
                LedgerEntry.event("v2", CB), // event 1
                LedgerEntry.event("v2", CB), // earlier in the batch: nothing
                LedgerEntry.event(Endorsement.of("b", "c", "upvote", T0)), // event 2
                LedgerEntry.retraction(2)));

    assertThat(first).isEqualTo(1);
    LedgerSnapshot s = ledger.snapshot();
    assertThat(s.eventCount()).isEqualTo(3);
    assertThat(s.eventId("v2")).isEqualTo(OptionalLong.of(1));
    assertThat(s.retracted(2)).isTrue();
    assertThat(s.event(2)).isEqualTo(Endorsement.of("b", "c", "upvote", T0));
  }

  @Test
  void retract_bySiteId_retractsThatEventOnce() {
    Ledger ledger = Ledger.create();
    ledger.record("v1", AB);
    ledger.record("v2", CB);

    assertThat(ledger.retract("v2")).isTrue();
    assertThat(ledger.retract("v2")).isFalse();
    assertThat(ledger.retract("v9")).isFalse();
    assertThat(ledger.snapshot().retracted(1)).isTrue();
    assertThat(ledger.snapshot().retracted(0)).isFalse();
    assertThat(ledger.record("v2", CB)).isEqualTo(1); // still recorded, and still retracted
    assertThat(ledger.liveEventCount()).isEqualTo(1);
    assertThatThrownBy(() -> ledger.retract("")).hasMessageStartingWith("site event id is empty");
  }

  @Test
  void entries_carryTheSiteIds_andApplyKeepsExactlyOnce() {
    Ledger ledger = Ledger.create();
    ledger.record("v1", AB);
    ledger.record(CB);
    Ledger copy = Ledger.create();
    copy.apply(ledger.snapshot().entries().toList());

    assertThat(ledger.snapshot().entries().filter(e -> e instanceof LedgerEntry.Event))
        .containsExactly(new LedgerEntry.Event(AB, "v1"), new LedgerEntry.Event(CB, null));
    assertThat(copy.record("v1", AB)).isZero();
    assertThat(copy.eventCount()).isEqualTo(2);
    assertThat(copy.snapshot().siteId(0)).isEqualTo(Optional.of("v1"));
  }

  @Test
  void liveReputation_recordWithSiteId_countsOnceTowardsRefreshAfter() {
    Ledger ledger = Ledger.create();
    int[] refreshes = {0};
    LiveReputation live =
        LiveReputation.builder(ledger, ScoringPolicy.builder().build())
            .listener(r -> refreshes[0]++)
            .refreshAfter(2, Runnable::run)
            .build();

    live.record("v1", AB);
    live.record("v1", AB);
    assertThat(refreshes[0]).isZero();
    live.record("v2", CB);
    assertThat(refreshes[0]).isEqualTo(1);
    assertThat(live.retract("v1")).isTrue();
    assertThat(live.retract("v1")).isFalse();
    live.record("v3", Endorsement.of("b", "a", "upvote", T0));

    assertThat(refreshes[0]).isEqualTo(2);
    assertThat(ledger.eventCount()).isEqualTo(3);
    assertThatThrownBy(() -> live.record("v4", Endorsement.of("a", "b", "wink", T0)))
        .isInstanceOf(UnknownKindException.class);
  }
}
