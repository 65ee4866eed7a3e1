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
}
