package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class LedgerSnapshotTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final Instant EARLIER = NOW.minus(Duration.ofDays(3));
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static Ledger ledger() {
    return Ledger.builder().clock(CLOCK).build();
  }

  /** A ledger with a bit of everything: contributions, ratings, retractions, a merge chain. */
  private static Ledger example() {
    Ledger ledger = ledger();
    ledger.addContributor("dave");
    Map<String, Double> shares = new LinkedHashMap<>();
    shares.put("carol", 1.0);
    shares.put("bob", 3.0);
    ledger.addContribution("post-1", EARLIER, shares);
    ledger.record(Endorsement.of("alice", "bob", "upvote", EARLIER.plusNanos(123_456_789)));
    ledger.record(Endorsement.rating("alice", "bob", "trust", 7.5, NOW));
    ledger.record(Endorsement.ofContribution("dave", "post-1", "upvote", NOW));
    ledger.retract(0);
    ledger.merge("bob-new", "carol");
    ledger.merge("bob", "bob-new"); // bob -> bob-new -> carol
    return ledger;
  }

  @Test
  void entries_example_areEveryEntryInExportOrder() {
    LedgerSnapshot s = example().snapshot();

    assertThat(s.entries())
        .containsExactly(
            LedgerEntry.contributor("dave"),
            LedgerEntry.contributor("carol"),
            LedgerEntry.contributor("bob"),
            LedgerEntry.contributor("alice"),
            LedgerEntry.contributor("bob-new"),
            LedgerEntry.contribution("post-1", EARLIER, Map.of("carol", 0.25, "bob", 0.75)),
            LedgerEntry.event(Endorsement.of("alice", "bob", "upvote", EARLIER.plusMillis(123))),
            LedgerEntry.event(Endorsement.rating("alice", "bob", "trust", 7.5, NOW)),
            LedgerEntry.event(Endorsement.ofContribution("dave", "post-1", "upvote", NOW)),
            LedgerEntry.merge("bob", "carol"),
            LedgerEntry.merge("bob-new", "carol"),
            LedgerEntry.retraction(0));
    List<LedgerEntry> contribution = s.entries().skip(5).limit(1).toList();
    assertThat(((LedgerEntry.Contribution) contribution.get(0)).shares().keySet())
        .containsExactly("carol", "bob"); // in the order registered
  }

  @Test
  void entries_appliedToAnEmptyLedger_giveTheSameContentIndexForIndex() {
    Ledger ledger = ledger();
    Random random = new Random(12);
    for (int c = 0; c < 40; c++) {
      Map<String, Double> shares = new LinkedHashMap<>();
      for (int j = 0; j < 1 + random.nextInt(3); j++) {
        shares.put("u" + random.nextInt(60), random.nextDouble() + 0.01);
      }
      ledger.addContribution("c" + c, EARLIER.plusSeconds(c), shares);
    }
    for (int e = 0; e < 3_000; e++) {
      String endorser = "u" + random.nextInt(60);
      Instant time = EARLIER.plusMillis(random.nextInt(100_000_000));
      if (random.nextBoolean()) {
        ledger.record(Endorsement.ofContribution(endorser, "c" + random.nextInt(40), "up", time));
      } else {
        ledger.record(
            Endorsement.rating(endorser, "u" + random.nextInt(70), "k" + e % 5, e % 11, time));
      }
      if (random.nextInt(7) == 0) {
        ledger.retract(random.nextInt(e + 1));
      }
    }
    ledger.merge("u1", "u2");
    ledger.merge("u2", "u3");
    ledger.merge("u10", "u3");
    LedgerSnapshot s = ledger.snapshot();

    Ledger copy = Ledger.create();
    copy.apply(s.entries().toList());

    assertThat(content(copy.snapshot())).isEqualTo(content(s));
  }

  @Test
  void counts_andContains_readWhatTheSnapshotSaw() {
    Ledger ledger = example();
    LedgerSnapshot s = ledger.snapshot();
    ledger.record(Endorsement.of("erin", "frank", "upvote", NOW));
    ledger.addContribution("post-2", NOW, "erin");
    ledger.retract(1);

    assertThat(s.contributorCount()).isEqualTo(5);
    assertThat(s.contributionCount()).isEqualTo(1);
    assertThat(s.eventCount()).isEqualTo(3);
    assertThat(s.liveEventCount()).isEqualTo(2);
    assertThat(s.containsContributor("bob-new")).isTrue();
    assertThat(s.containsContributor("erin")).isFalse();
    assertThat(s.containsContributor("post-1")).isFalse(); // a contribution, not a contributor
    assertThat(s.containsContributor(null)).isFalse();
    assertThat(s.containsContribution("post-1")).isTrue();
    assertThat(s.containsContribution("post-2")).isFalse();
    assertThat(s.containsContribution(null)).isFalse();
    assertThat(s.retracted(0)).isTrue();
    assertThat(s.retracted(1)).isFalse(); // retracted after the snapshot
    assertThat(s.event(1)).isEqualTo(Endorsement.rating("alice", "bob", "trust", 7.5, NOW));
    assertThat(ledger.snapshot().liveEventCount()).isEqualTo(2);
  }

  @Test
  void event_idOutsideTheSnapshot_throwsIndexOutOfBounds() {
    Ledger ledger = example();
    LedgerSnapshot s = ledger.snapshot();
    ledger.record(Endorsement.of("erin", "frank", "upvote", NOW));

    assertThatThrownBy(() -> s.event(3))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("event index (3) must be less than size (3)");
    assertThatThrownBy(() -> s.retracted(-1))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("event index (-1) must not be negative");
    assertThatThrownBy(() -> s.event(1L << 32))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("event index (4294967296) must be less than size (3)");
  }

  @Test
  void toString_namesTheCounts() {
    assertThat(example().snapshot().toString())
        .isEqualTo("LedgerSnapshot{contributors=5, contributions=1, events=3, retracted=1}");
  }

  /** Everything a snapshot holds, index by index, as text. */
  private static String content(LedgerSnapshot s) {
    StringBuilder out = new StringBuilder(s.toString()).append('\n');
    for (int i = 0; i < s.contributorCount(); i++) {
      out.append("contributor ").append(i).append(' ').append(s.contributor(i));
      out.append(" -> ").append(s.canonical(i)).append('\n');
    }
    for (int c = 0; c < s.contributionCount(); c++) {
      out.append("contribution ").append(c).append(' ').append(s.contribution(c));
      out.append(" at ").append(s.contributionTimeMillis(c)).append(" by");
      for (int j = 0; j < s.authorCount(c); j++) {
        out.append(' ').append(s.author(c, j)).append(':');
        out.append(Double.doubleToRawLongBits(s.share(c, j)));
      }
      out.append('\n');
    }
    for (int k = 0; k < s.kindCount(); k++) {
      out.append("kind ").append(k).append(' ').append(s.kindName(k)).append('\n');
    }
    for (int e = 0; e < s.eventCount(); e++) {
      out.append("event ").append(e).append(' ').append(s.endorser(e)).append(' ');
      out.append(s.toContribution(e)).append(' ').append(s.target(e)).append(' ');
      out.append(s.kind(e)).append(' ').append(Double.doubleToRawLongBits(s.value(e)));
      out.append(' ').append(s.timeMillis(e)).append(s.retracted(e) ? " retracted" : "");
      out.append('\n');
    }
    return out.append("max time ").append(s.maxTimeMillis()).toString();
  }
}
