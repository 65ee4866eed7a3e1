package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The refusals a web layer maps to 4xx: their types, the ids they carry, their messages. */
final class WuffieExceptionTest {
  private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");

  @Test
  void record_unknownContribution_throwsUnknownContributionException() {
    Ledger ledger = Ledger.create();
    Endorsement toPost = Endorsement.ofContribution("a", "post-9", "upvote", T0);

    UnknownContributionException single =
        catchThrowableOfType(UnknownContributionException.class, () -> ledger.record(toPost));
    UnknownContributionException inBatch =
        catchThrowableOfType(
            UnknownContributionException.class,
            () -> ledger.recordAll(List.of(Endorsement.of("a", "b", "upvote", T0), toPost)));

    assertThat(single.contribution()).isEqualTo("post-9");
    assertThat(single.id()).isEqualTo("post-9");
    assertThat(single)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown contribution 'post-9': register it with addContribution(...) before"
                + " endorsing it");
    assertThat(inBatch.contribution()).isEqualTo("post-9");
    assertThat(inBatch).hasMessageStartingWith("batch element 1: unknown contribution 'post-9'");
    assertThat(ledger.eventCount()).isZero();
  }

  @Test
  void check_unknownKind_throwsUnknownKindException() {
    ScoringPolicy policy = ScoringPolicy.builder().build();

    UnknownKindException e =
        catchThrowableOfType(
            UnknownKindException.class, () -> policy.check(Endorsement.of("a", "b", "wink", T0)));

    assertThat(e.kind()).isEqualTo("wink");
    assertThat(e).hasMessageStartingWith("unknown kind 'wink' of endorsement a -> b;");
    LiveReputation live = LiveReputation.builder(Ledger.create(), policy).build();
    assertThat(
            catchThrowableOfType(
                    UnknownKindException.class,
                    () -> live.record(Endorsement.of("a", "b", "wink", T0)))
                .kind())
        .isEqualTo("wink");
  }

  @Test
  void read_unknownContributor_throwsUnknownContributorException() {
    Ledger ledger = Ledger.create();
    ledger.record(Endorsement.of("a", "b", "upvote", T0));
    Reputation reputation = Reputation.compute(ledger, ScoringPolicy.builder().build());

    UnknownContributorException e =
        catchThrowableOfType(UnknownContributorException.class, () -> reputation.score("zed"));

    assertThat(e.contributor()).isEqualTo("zed");
    assertThat(e)
        .hasMessage(
            "unknown contributor 'zed': it is not in the scored graph; check contains(id) or use"
                + " find(id)");
    assertThat(
            catchThrowableOfType(UnknownContributorException.class, () -> reputation.explain("q"))
                .id())
        .isEqualTo("q");
  }

  @Test
  void merge_intoAnIdNeverSeen_isRefusedAndChangesNothing() {
    Ledger ledger = Ledger.create();
    ledger.record(Endorsement.of("dave", "erin", "upvote", T0));
    String before = ledger.snapshot().toString();

    UnknownContributorException e =
        catchThrowableOfType(UnknownContributorException.class, () -> ledger.merge("dave", "dvae"));
    UnknownContributorException live =
        catchThrowableOfType(
            UnknownContributorException.class,
            () ->
                LiveReputation.builder(ledger, ScoringPolicy.builder().build())
                    .build()
                    .merge("dave", "dvae"));

    assertThat(e.contributor()).isEqualTo("dvae");
    assertThat(e)
        .hasMessage(
            "cannot merge 'dave' into 'dvae': 'dvae' is not a contributor of this ledger; check the"
                + " spelling, or, if 'dvae' is a new person, register it first with"
                + " addContributor(\"dvae\") (in a batch: an earlier"
                + " LedgerEntry.contributor(\"dvae\"))");
    assertThat(live).hasMessage(e.getMessage());
    assertThat(ledger.snapshot().toString()).isEqualTo(before);
    assertThat(ledger.snapshot().containsContributor("dvae")).isFalse();
  }

  @Test
  void merge_intoAPersonRegisteredFirst_orEarlierInTheBatch_isAccepted() {
    Ledger ledger = Ledger.create();
    ledger.record(Endorsement.of("dave", "erin", "upvote", T0));

    ledger.addContributor("david"); // a new person, on purpose
    ledger.merge("dave", "david");
    ledger.apply(
        List.of(
            LedgerEntry.contribution("post-1", T0, "fay"),
            LedgerEntry.merge("fay-old", "fay"), // fay: registered as an author above
            LedgerEntry.event(Endorsement.of("gil", "hal", "upvote", T0)),
            LedgerEntry.merge("hal-old", "hal"), // hal: registered as a target above
            LedgerEntry.contributor("ivy"),
            LedgerEntry.merge("erin", "ivy"),
            LedgerEntry.merge("gil", "fay-old"))); // fay-old: registered by a merge above

    LedgerSnapshot s = ledger.snapshot();
    assertThat(person(s, "dave")).isEqualTo("david");
    assertThat(person(s, "fay-old")).isEqualTo("fay");
    assertThat(person(s, "hal-old")).isEqualTo("hal");
    assertThat(person(s, "erin")).isEqualTo("ivy");
    assertThat(person(s, "gil")).isEqualTo("fay");
  }

  private static String person(LedgerSnapshot s, String id) {
    return s.contributor(s.canonical(s.contributorIndex(id).getAsInt()));
  }
}
