package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class LedgerTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final Instant EARLIER = NOW.minus(Duration.ofDays(3));
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static Ledger ledger() {
    return Ledger.builder().clock(CLOCK).build();
  }

  @Test
  void record_eachEvent_getsTheNextId() {
    Ledger ledger = ledger();

    assertThat(ledger.record(Endorsement.of("alice", "bob", "upvote", NOW))).isEqualTo(0);
    assertThat(ledger.record(Endorsement.of("bob", "alice", "upvote", NOW))).isEqualTo(1);
    assertThat(
            ledger.recordAll(
                List.of(
                    Endorsement.of("carol", "bob", "thanks", NOW),
                    Endorsement.of("carol", "alice", "thanks", NOW))))
        .isEqualTo(2);
    assertThat(ledger.recordAll(List.of())).isEqualTo(4);
    assertThat(ledger.record(Endorsement.of("dave", "bob", "upvote", NOW))).isEqualTo(4);

    assertThat(ledger.eventCount()).isEqualTo(5);
    assertThat(ledger.liveEventCount()).isEqualTo(5);
    assertThat(ledger.contributorCount()).isEqualTo(4);
    LedgerSnapshot snapshot = ledger.snapshot();
    assertThat(snapshot.event(2)).isEqualTo(Endorsement.of("carol", "bob", "thanks", NOW));
    assertThat(snapshot.event(3)).isEqualTo(Endorsement.of("carol", "alice", "thanks", NOW));
  }

  @Test
  void snapshot_recordedEvents_readBackByIndex() {
    Ledger ledger = ledger();
    ledger.addContribution("post-1", EARLIER, "bob");
    Instant precise = EARLIER.plusNanos(123_456_789);

    ledger.record(Endorsement.of("alice", "bob", "upvote", precise));
    ledger.record(Endorsement.rating("alice", "bob", "trust", 7.5, NOW));
    ledger.record(Endorsement.ofContribution("carol", "post-1", "upvote", NOW));
    ledger.record(Endorsement.of("bob", "bob", "upvote", NOW)); // self: recorded as is
    LedgerSnapshot s = ledger.snapshot();

    assertThat(s.contributorCount()).isEqualTo(3);
    assertThat(List.of(s.contributor(0), s.contributor(1), s.contributor(2)))
        .containsExactly("bob", "alice", "carol");
    assertThat(s.contributorIndex("carol")).hasValue(2);
    assertThat(s.contributorIndex("nobody")).isEmpty();
    assertThat(s.contributorIndex(null)).isEmpty();
    assertThat(s.kindCount()).isEqualTo(2);
    assertThat(List.of(s.kindName(0), s.kindName(1))).containsExactly("upvote", "trust");
    assertThat(s.eventCount()).isEqualTo(4);

    assertThat(s.endorser(0)).isEqualTo(1);
    assertThat(s.target(0)).isEqualTo(0);
    assertThat(s.toContribution(0)).isFalse();
    assertThat(s.kind(0)).isEqualTo(0);
    assertThat(s.hasValue(0)).isFalse();
    assertThat(s.value(0)).isNaN();
    assertThat(s.timeMillis(0)).isEqualTo(EARLIER.toEpochMilli() + 123); // to the millisecond
    assertThat(s.event(0).time()).isEqualTo(EARLIER.plusMillis(123));

    assertThat(s.kind(1)).isEqualTo(1);
    assertThat(s.hasValue(1)).isTrue();
    assertThat(s.value(1)).isEqualTo(7.5);
    assertThat(s.event(1)).isEqualTo(Endorsement.rating("alice", "bob", "trust", 7.5, NOW));

    assertThat(s.toContribution(2)).isTrue();
    assertThat(s.target(2)).isEqualTo(0);
    assertThat(s.contribution(s.target(2))).isEqualTo("post-1");
    assertThat(s.event(2)).isEqualTo(Endorsement.ofContribution("carol", "post-1", "upvote", NOW));

    assertThat(s.endorser(3)).isEqualTo(s.target(3));
    assertThat(s.retracted(3)).isFalse();
    assertThat(s.maxTimeMillis()).isEqualTo(NOW.toEpochMilli());
  }

  @Test
  void snapshot_indexBeyondItsCounts_throws() {
    Ledger ledger = ledger();
    ledger.record(Endorsement.of("alice", "bob", "upvote", NOW));
    LedgerSnapshot s = ledger.snapshot();
    ledger.record(Endorsement.of("carol", "dave", "upvote", NOW));

    assertThatThrownBy(() -> s.endorser(1))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("event index (1) must be less than size (1)");
    assertThatThrownBy(() -> s.contributor(2))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("contributor index (2) must be less than size (2)");
    assertThatThrownBy(() -> s.kindName(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> s.authorCount(0))
        .hasMessageContaining("contribution index (0) must be less than size (0)");
  }

  @Test
  void snapshot_laterChanges_areInvisibleToIt() {
    Ledger ledger = ledger();
    ledger.addContribution("post-1", EARLIER, "bob");
    long first = ledger.record(Endorsement.of("alice", "bob", "upvote", EARLIER));
    ledger.record(Endorsement.ofContribution("alice", "post-1", "upvote", EARLIER));
    LedgerSnapshot before = ledger.snapshot();
    String content = content(before);

    ledger.retract(first);
    ledger.merge("alice", "bob");
    ledger.addContribution("post-2", NOW, "carol");
    ledger.record(Endorsement.ofContribution("dave", "post-2", "thanks", NOW));
    ledger.record(Endorsement.rating("erin", "alice", "trust", 9, NOW));
    LedgerSnapshot after = ledger.snapshot();

    assertThat(content(before)).isEqualTo(content);
    assertThat(before.eventCount()).isEqualTo(2);
    assertThat(before.retracted(0)).isFalse();
    assertThat(before.canonical(1)).isEqualTo(1);
    assertThat(before.contributorCount()).isEqualTo(2);
    assertThat(before.contributorIndex("dave")).isEmpty();
    assertThat(before.contributionIndex("post-2")).isEmpty();
    assertThat(before.kindCount()).isEqualTo(1);
    assertThat(before.maxTimeMillis()).isEqualTo(EARLIER.toEpochMilli());

    assertThat(after.eventCount()).isEqualTo(4);
    assertThat(after.retracted(0)).isTrue();
    assertThat(after.canonical(1)).isEqualTo(0);
    assertThat(after.contributorIndex("dave")).hasValue(3);
    assertThat(after.contributionIndex("post-2")).hasValue(1);
    assertThat(after.kindCount()).isEqualTo(3);
    assertThat(after.maxTimeMillis()).isEqualTo(NOW.toEpochMilli());
  }

  @Test
  void snapshot_whileTheLedgerGrowsAndChunksFill_keepsReadingItsOwnEvents() {
    Ledger ledger = ledger();
    for (int i = 0; i < 100; i++) {
      ledger.record(Endorsement.of("u" + i, "u" + (i + 1), "upvote", EARLIER.plusMillis(i)));
    }
    LedgerSnapshot small = ledger.snapshot();
    String content = content(small);

    int more = 3 * (1 << 16) + 17; // several full chunks and part of another
    List<Endorsement> batch = new ArrayList<>();
    for (int i = 0; i < more; i++) {
      batch.add(Endorsement.rating("v" + i % 5000, "v" + i % 7001, "trust", i % 10, NOW));
    }
    ledger.recordAll(batch);
    ledger.retract(5);
    ledger.retract(100 + (1 << 16));
    LedgerSnapshot large = ledger.snapshot();

    assertThat(content(small)).isEqualTo(content);
    assertThat(small.retracted(5)).isFalse();
    assertThat(large.eventCount()).isEqualTo(100 + more);
    assertThat(large.retracted(5)).isTrue();
    for (int e = 0; e < 100; e++) {
      assertThat(large.event(e)).isEqualTo(small.event(e));
    }
    for (int e = 100; e < large.eventCount(); e++) {
      Endorsement expected = batch.get(e - 100);
      assertThat(large.contributor(large.endorser(e))).isEqualTo(expected.endorser());
      assertThat(large.contributor(large.target(e))).isEqualTo(expected.target());
      assertThat(large.value(e)).isEqualTo(expected.value().getAsDouble());
      assertThat(large.retracted(e)).isEqualTo(e == 100 + (1 << 16));
    }
    assertThat(large.contributorIndex("u50")).hasValue(50);
    assertThat(small.contributorIndex("v17")).isEmpty();
  }

  @Test
  void retract_byId_marksItOnce() {
    Ledger ledger = ledger();
    long id = ledger.record(Endorsement.of("alice", "bob", "upvote", NOW));
    ledger.record(Endorsement.of("carol", "bob", "upvote", EARLIER));

    assertThat(ledger.retract(id)).isTrue();
    assertThat(ledger.retract(id)).isFalse();

    assertThat(ledger.eventCount()).isEqualTo(2);
    assertThat(ledger.liveEventCount()).isEqualTo(1);
    LedgerSnapshot s = ledger.snapshot();
    assertThat(s.retracted(0)).isTrue();
    assertThat(s.retracted(1)).isFalse();
    assertThat(s.maxTimeMillis()).isEqualTo(EARLIER.toEpochMilli()); // the live events' latest
  }

  @Test
  void retract_byKey_latestLiveOneFirstThenThePreviousOne() {
    Ledger ledger = ledger();
    ledger.record(Endorsement.of("alice", "bob", "upvote", EARLIER)); // 0
    ledger.record(Endorsement.of("alice", "bob", "upvote", NOW)); // 1
    ledger.record(Endorsement.of("alice", "bob", "thanks", NOW)); // 2
    ledger.record(Endorsement.of("alice", "carol", "upvote", NOW)); // 3
    ledger.record(Endorsement.of("carol", "bob", "upvote", NOW)); // 4

    assertThat(ledger.retract("alice", "bob", "upvote")).isTrue();
    assertThat(retracted(ledger.snapshot())).containsExactly(1);
    assertThat(ledger.retract("alice", "bob", "upvote")).isTrue();
    assertThat(retracted(ledger.snapshot())).containsExactly(0, 1);
    assertThat(ledger.retract("alice", "bob", "upvote")).isFalse();

    assertThat(ledger.retract("alice", "bob", "flag")).isFalse();
    assertThat(ledger.retract("nobody", "bob", "upvote")).isFalse();
    assertThat(ledger.retract("alice", "nobody", "upvote")).isFalse();
    assertThat(retracted(ledger.snapshot())).containsExactly(0, 1);
    assertThat(ledger.liveEventCount()).isEqualTo(3);
  }

  @Test
  void retractOnContribution_touchesOnlyContributionEvents() {
    Ledger ledger = ledger();
    ledger.addContribution("bob", EARLIER, "carol"); // a contribution named like a contributor
    ledger.record(Endorsement.ofContribution("alice", "bob", "upvote", NOW)); // 0
    ledger.record(Endorsement.of("alice", "bob", "upvote", NOW)); // 1
    ledger.record(Endorsement.ofContribution("alice", "bob", "upvote", NOW)); // 2

    assertThat(ledger.retractOnContribution("alice", "bob", "upvote")).isTrue();
    assertThat(ledger.retractOnContribution("alice", "bob", "upvote")).isTrue();
    assertThat(ledger.retractOnContribution("alice", "bob", "upvote")).isFalse();
    assertThat(ledger.retractOnContribution("alice", "post-9", "upvote")).isFalse();

    assertThat(retracted(ledger.snapshot())).containsExactly(0, 2);
    assertThat(ledger.retract("alice", "bob", "upvote")).isTrue();
  }

  @Test
  void addContribution_authors_equalSharesAndRegistered() {
    Ledger ledger = ledger();
    ledger.addContributor("alice");

    ledger.addContribution("pr-7", EARLIER, "bob", "alice", "carol");

    LedgerSnapshot s = ledger.snapshot();
    assertThat(s.contributionCount()).isEqualTo(1);
    assertThat(s.contributionIndex("pr-7")).hasValue(0);
    assertThat(s.contributionTimeMillis(0)).isEqualTo(EARLIER.toEpochMilli());
    assertThat(s.authorCount(0)).isEqualTo(3);
    assertThat(List.of(s.author(0, 0), s.author(0, 1), s.author(0, 2))).containsExactly(1, 0, 2);
    for (int j = 0; j < 3; j++) {
      assertThat(s.share(0, j)).isEqualTo(1.0 / 3);
    }
    assertThat(s.contributorCount()).isEqualTo(3);
    assertThat(ledger.contributionCount()).isEqualTo(1);
    assertThat(ledger.contributorCount()).isEqualTo(3);
  }

  @Test
  void addContribution_shares_normalisedToSumOne() {
    Ledger ledger = ledger();
    Map<String, Double> shares = new LinkedHashMap<>();
    shares.put("alice", 3.0);
    shares.put("bob", 1.0);
    ledger.addContribution("paper", EARLIER, shares);
    ledger.addContribution("huge", EARLIER, Map.of("carol", Double.MAX_VALUE));
    Map<String, Double> extreme = new LinkedHashMap<>();
    extreme.put("dave", Double.MAX_VALUE);
    extreme.put("erin", Double.MAX_VALUE);
    extreme.put("fay", 1.0);
    ledger.addContribution("extreme", EARLIER, extreme);
    Map<String, Double> normalised = new LinkedHashMap<>();
    normalised.put("gus", 0.7);
    normalised.put("hal", 0.2);
    normalised.put("ida", 0.1); // they add up to 1 - 2^-53: 1 to within rounding, kept as given
    ledger.addContribution("normalised", EARLIER, normalised);

    LedgerSnapshot s = ledger.snapshot();
    assertThat(s.contributor(s.author(0, 0))).isEqualTo("alice");
    assertThat(s.share(0, 0)).isCloseTo(0.75, within(1e-15));
    assertThat(s.share(0, 1)).isCloseTo(0.25, within(1e-15));
    assertThat(s.share(1, 0)).isEqualTo(1.0);
    assertThat(s.share(2, 0) + s.share(2, 1) + s.share(2, 2)).isCloseTo(1.0, within(1e-15));
    assertThat(s.share(2, 0)).isEqualTo(0.5);
    assertThat(s.share(2, 2)).isEqualTo(0.5 / Double.MAX_VALUE).isPositive(); // subnormal
    assertThat(List.of(s.share(3, 0), s.share(3, 1), s.share(3, 2))).containsExactly(0.7, 0.2, 0.1);
  }

  @Test
  void addContribution_sharesOfASnapshot_registerTheSameValues() {
    Ledger ledger = ledger();
    Random random = new Random(17);
    for (int c = 0; c < 2_000; c++) {
      Map<String, Double> shares = new LinkedHashMap<>();
      int authors = 1 + random.nextInt(c < 1_000 ? 5 : 200);
      for (int j = 0; j < authors; j++) {
        double share = random.nextBoolean() ? 1 + random.nextInt(9) : random.nextDouble() + 1e-9;
        shares.put("a" + j, share * Math.pow(10, random.nextInt(40) - 20));
      }
      ledger.addContribution("c" + c, EARLIER, shares);
    }
    LedgerSnapshot s = ledger.snapshot();
    Ledger copy = ledger();

    for (int c = 0; c < s.contributionCount(); c++) {
      Map<String, Double> shares = new LinkedHashMap<>();
      for (int j = 0; j < s.authorCount(c); j++) {
        shares.put(s.contributor(s.author(c, j)), s.share(c, j));
      }
      copy.addContribution(s.contribution(c), EARLIER, shares);
    }

    assertThat(content(copy.snapshot())).isEqualTo(content(s));
  }

  @Test
  void merge_chain_resolvesTransitively() {
    Ledger ledger = ledger();
    ledger.record(Endorsement.of("a1", "carol", "upvote", NOW));

    ledger.addContributor("alice");
    ledger.merge("a2", "alice"); // a2 is registered by the merge, as the alias
    ledger.merge("a1", "a2");
    ledger.merge("b", "alice");

    LedgerSnapshot s = ledger.snapshot();
    int alice = s.contributorIndex("alice").getAsInt();
    assertThat(s.canonical(s.contributorIndex("a1").getAsInt())).isEqualTo(alice);
    assertThat(s.canonical(s.contributorIndex("a2").getAsInt())).isEqualTo(alice);
    assertThat(s.canonical(s.contributorIndex("b").getAsInt())).isEqualTo(alice);
    assertThat(s.canonical(alice)).isEqualTo(alice);
    assertThat(s.canonical(s.contributorIndex("carol").getAsInt()))
        .isEqualTo(s.contributorIndex("carol").getAsInt());
    assertThat(s.event(0).endorser()).isEqualTo("a1"); // events keep their recorded ids
  }

  @Test
  void record_validatorRefuses_propagatesAndRecordsNothing() {
    List<Endorsement> seen = new ArrayList<>();
    Ledger ledger =
        Ledger.builder()
            .clock(CLOCK)
            .validator(
                e -> {
                  seen.add(e);
                  if (!e.kind().equals("upvote")) {
                    throw new IllegalArgumentException("unknown kind '" + e.kind() + "'");
                  }
                })
            .build();
    Endorsement upvote = Endorsement.of("alice", "bob", "upvote", NOW);
    Endorsement flag = Endorsement.of("carol", "dave", "flag", NOW);

    assertThatThrownBy(() -> ledger.record(flag)).hasMessage("unknown kind 'flag'");
    assertThatThrownBy(() -> ledger.recordAll(List.of(upvote, flag)))
        .hasMessage("unknown kind 'flag'");

    assertThat(seen).containsExactly(flag, upvote, flag);
    assertThat(ledger.eventCount()).isZero();
    assertThat(ledger.contributorCount()).isZero();
    assertThat(ledger.snapshot().kindCount()).isZero();
    assertThat(ledger.record(upvote)).isEqualTo(0);
  }

  @Test
  void record_farFuture_refusedBeyondMaxFuture() {
    Ledger ledger = Ledger.builder().clock(CLOCK).maxFuture(Duration.ofHours(2)).build();

    ledger.record(Endorsement.of("alice", "bob", "upvote", NOW.plus(Duration.ofHours(2))));
    assertThatThrownBy(
            () ->
                ledger.record(
                    Endorsement.of("alice", "bob", "upvote", NOW.plus(Duration.ofMinutes(150)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "time 2026-11-26T14:30:00Z of endorsement 'alice' -> 'bob' (upvote) is PT2H30M ahead"
                + " of the ledger's clock (now 2026-11-26T12:00:00Z), PT30M more than maxFuture"
                + " (PT2H) allows; check the clocks and time zones of the systems that timestamp"
                + " events");
    assertThat(ledger.eventCount()).isEqualTo(1);
    assertThat(Ledger.create().snapshot().eventCount()).isZero();
    assertThat(Ledger.DEFAULT_MAX_FUTURE).isEqualTo(Duration.ofDays(1));
  }

  /** A ledger with some of everything, whose validator refuses the kind "forbidden". */
  private static Ledger populated() {
    Ledger ledger =
        Ledger.builder()
            .clock(CLOCK)
            .validator(
                e -> {
                  if (e.kind().equals("forbidden")) {
                    throw new IllegalArgumentException("kind 'forbidden' is not in the policy");
                  }
                })
            .build();
    ledger.addContribution("post-1", EARLIER, "bob", "carol");
    ledger.record(Endorsement.of("alice", "bob", "upvote", EARLIER));
    ledger.record(Endorsement.ofContribution("alice", "post-1", "accepted", NOW));
    ledger.record(Endorsement.rating("carol", "alice", "trust", 8, NOW));
    ledger.retract(0);
    ledger.merge("alias", "alice");
    return ledger;
  }

  private static Arguments bad(Consumer<Ledger> call, String message) {
    return Arguments.of(call, message);
  }

  static Stream<Arguments> badCalls() {
    Endorsement ok = Endorsement.of("new-1", "new-2", "new-kind", NOW);
    Endorsement unknownPost = Endorsement.ofContribution("new-3", "post-9", "upvote", NOW);
    Endorsement future = Endorsement.of("new-4", "bob", "upvote", NOW.plus(Duration.ofDays(3)));
    Endorsement forbidden = Endorsement.of("new-5", "bob", "forbidden", NOW);
    List<Endorsement> withNull = Arrays.asList(ok, null);
    Map<String, Double> nullShare = new HashMap<>();
    nullShare.put("dan", null);
    return Stream.of(
        bad(l -> l.record(null), "endorsement is null"),
        bad(
            l -> l.record(unknownPost),
            "unknown contribution 'post-9': register it with addContribution(...) before"
                + " endorsing it"),
        bad(l -> l.record(future), "is PT72H ahead of the ledger's clock"),
        bad(
            l -> l.record(Endorsement.of("new-6", "bob", "upvote", Instant.MIN)),
            "of endorsement 'new-6' -> 'bob' (upvote) is outside the range of milliseconds since"
                + " 1970 that a long holds"),
        bad(l -> l.record(forbidden), "kind 'forbidden' is not in the policy"),
        bad(l -> l.recordAll(null), "batch is null"),
        bad(l -> l.recordAll(withNull), "batch element 1 is null"),
        bad(
            l -> l.recordAll(List.of(ok, unknownPost, ok)),
            "batch element 1: unknown contribution 'post-9'"),
        bad(
            l -> l.recordAll(List.of(ok, ok, future)),
            "batch element 2: time 2026-11-29T12:00:00Z of endorsement 'new-4' -> 'bob'"
                + " (upvote) is PT72H ahead"),
        bad(l -> l.recordAll(List.of(ok, forbidden)), "kind 'forbidden' is not in the policy"),
        bad(l -> l.addContributor(null), "contributor id is null"),
        bad(l -> l.addContributor(""), "contributor id is empty; give every contributor a"),
        bad(
            l -> l.addContribution("post-1", NOW, "dan"),
            "contribution 'post-1' is already registered; give each contribution its own id"),
        bad(
            l -> l.addContribution("post-2", NOW),
            "contribution 'post-2' has no authors; give at least one"),
        bad(
            l -> l.addContribution("post-2", NOW, "dan", "erin", "dan"),
            "author 'dan' is given twice for contribution 'post-2'"),
        bad(l -> l.addContribution("post-2", NOW, "dan", null), "author id is null"),
        bad(l -> l.addContribution("post-2", NOW, "dan", ""), "author id is empty"),
        bad(l -> l.addContribution("", NOW, "dan"), "contribution id is empty"),
        bad(l -> l.addContribution("post-2", null, "dan"), "time of contribution 'post-2' is null"),
        bad(
            l -> l.addContribution("post-2", NOW.plus(Duration.ofDays(2)), "dan"),
            "time 2026-11-28T12:00:00Z of contribution 'post-2' is PT48H ahead of the ledger's"
                + " clock"),
        bad(
            l -> l.addContribution("post-2", NOW, Map.of("dan", 1.0, "erin", 0.0)),
            "share 0.0 of author 'erin' of contribution 'post-2' must be a finite number > 0"),
        bad(
            l -> l.addContribution("post-2", NOW, Map.of("dan", -1.0)),
            "share -1.0 of author 'dan'"),
        bad(
            l -> l.addContribution("post-2", NOW, Map.of("dan", Double.NaN)),
            "share NaN of author 'dan'"),
        bad(
            l -> l.addContribution("post-2", NOW, Map.of("dan", Double.POSITIVE_INFINITY)),
            "share Infinity of author 'dan'"),
        bad(
            l -> l.addContribution("post-2", NOW, Map.of("dan", Double.MAX_VALUE, "erin", 1e-300)),
            "share 1.0E-300 of author 'erin' of contribution 'post-2' is too small next to the"
                + " largest share, 1.7976931348623157E308: it would count as 0; leave the author"
                + " out or give a larger share"),
        bad(
            l -> l.addContribution("post-2", NOW, nullShare),
            "share of author 'dan' of contribution 'post-2' is null"),
        bad(
            l -> l.addContribution("post-2", NOW, Map.of()),
            "contribution 'post-2' has no authors"),
        bad(
            l -> l.merge("dan", "dan"),
            "cannot merge 'dan' into itself; give the alias and the person it belongs to"),
        bad(
            l -> l.merge("alias", "bob"),
            "'alias' is already merged into 'alice'; an account can belong to one person only"),
        bad(
            l -> l.merge("alice", "alias"),
            "cannot merge 'alice' into 'alias': 'alias' already belongs to 'alice', and merges"
                + " must not make a cycle"),
        bad(l -> l.merge("", "bob"), "alias id is empty"),
        bad(l -> l.merge("dan", null), "person id is null"),
        bad(
            l -> l.retract(3),
            "no event 3: event ids are the values record(...) returned, and this ledger has 3"
                + " events"),
        bad(l -> l.retract(-1), "no event -1"),
        bad(l -> l.retract(null, "bob", "upvote"), "endorser id is null"),
        bad(l -> l.retract("alice", "", "upvote"), "target id is empty"),
        bad(l -> l.retractOnContribution("alice", "post-1", ""), "kind id is empty"),
        bad(l -> l.apply(null), "batch is null"),
        bad(
            l -> l.apply(Arrays.asList(LedgerEntry.contributor("new-7"), null)),
            "batch element 1 is null"));
  }

  /** A good start for a batch: a new contributor, contribution, endorsement, merge. */
  private static List<LedgerEntry> goodStart() {
    return List.of(
        LedgerEntry.contributor("new-1"),
        LedgerEntry.contribution("post-2", EARLIER, "new-2", "bob"),
        LedgerEntry.event(Endorsement.ofContribution("new-3", "post-2", "upvote", NOW)),
        LedgerEntry.event(Endorsement.rating("new-4", "new-5", "new-kind", 3, NOW)),
        LedgerEntry.retraction(3),
        LedgerEntry.merge("new-7", "alice"), // registers new-7
        LedgerEntry.merge("new-6", "new-7"));
  }

  private static Arguments badEnd(LedgerEntry last, String message) {
    List<LedgerEntry> batch = new ArrayList<>(goodStart());
    batch.add(last);
    return Arguments.of(batch, message);
  }

  static Stream<Arguments> badBatches() {
    return Stream.of(
        badEnd(
            LedgerEntry.event(Endorsement.ofContribution("new-8", "post-9", "upvote", NOW)),
            "batch element 7: unknown contribution 'post-9': register it with"
                + " addContribution(...) before endorsing it"),
        badEnd(
            LedgerEntry.event(Endorsement.of("new-8", "bob", "forbidden", NOW)),
            "kind 'forbidden' is not in the policy"),
        badEnd(
            LedgerEntry.event(
                Endorsement.of("new-8", "bob", "upvote", NOW.plus(Duration.ofDays(2)))),
            "batch element 7: time 2026-11-28T12:00:00Z of endorsement 'new-8' -> 'bob' (upvote)"
                + " is PT48H ahead of the ledger's clock"),
        badEnd(
            LedgerEntry.contribution("post-2", EARLIER, "new-8"),
            "batch element 7: contribution 'post-2' is already registered; give each"
                + " contribution its own id"),
        badEnd(
            LedgerEntry.contribution("post-1", EARLIER, "new-8"),
            "batch element 7: contribution 'post-1' is already registered"),
        badEnd(
            LedgerEntry.contribution("post-3", NOW.plus(Duration.ofDays(2)), "new-8"),
            "batch element 7: time 2026-11-28T12:00:00Z of contribution 'post-3' is PT48H ahead"),
        badEnd(
            LedgerEntry.contribution("post-3", NOW, Map.of("a", 1e300, "b", 1e-300)),
            "batch element 7: share 1.0E-300 of author 'b' of contribution 'post-3' is too small"),
        badEnd(
            LedgerEntry.retraction(7),
            "batch element 7: no event 7: event ids are the values record(...) returned, and this"
                + " ledger has 5 events counting those of the batch before this entry"),
        badEnd(LedgerEntry.retraction(-1), "batch element 7: no event -1"),
        badEnd(
            LedgerEntry.merge("new-6", "bob"),
            "batch element 7: 'new-6' is already merged into 'new-7'; an account can belong to"
                + " one person only"),
        badEnd(
            LedgerEntry.merge("alias", "bob"),
            "batch element 7: 'alias' is already merged into 'alice'"),
        badEnd(
            LedgerEntry.merge("new-8", "new-9"),
            "batch element 7: cannot merge 'new-8' into 'new-9': 'new-9' is not a contributor of"
                + " this ledger; check the spelling, or, if 'new-9' is a new person, register it"
                + " first with addContributor(\"new-9\") (in a batch: an earlier"
                + " LedgerEntry.contributor(\"new-9\"))"),
        badEnd(
            LedgerEntry.merge("alice", "new-6"),
            "batch element 7: cannot merge 'alice' into 'new-6': 'new-6' already belongs to"
                + " 'alice', and merges must not make a cycle"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badBatches")
  void apply_badEntryAtTheEnd_throwsAndChangesNothing(List<LedgerEntry> batch, String message) {
    Ledger ledger = populated();
    String before = content(ledger.snapshot());
    String counts = ledger.toString();
    assertThat(ledger.apply(goodStart().subList(0, 0))).isEqualTo(3);

    assertThatThrownBy(() -> ledger.apply(batch)).hasMessageContaining(message);

    assertThat(ledger.toString()).isEqualTo(counts);
    assertThat(content(ledger.snapshot())).isEqualTo(before);
    for (String id : List.of("new-1", "new-2", "new-3", "new-4", "new-5", "new-6", "new-7")) {
      assertThat(ledger.snapshot().contributorIndex(id)).isEmpty();
    }
    assertThat(ledger.snapshot().contributionIndex("post-2")).isEmpty();
    assertThat(ledger.snapshot().kindCount()).isEqualTo(3);
    // and the same batch without its bad end applies
    assertThat(ledger.apply(goodStart())).isEqualTo(3);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badBatches")
  void applyBatches_badEntryInALaterBatch_undoesEveryBatch(List<LedgerEntry> bad, String message) {
    Ledger ledger = populated();
    LedgerSnapshot before = ledger.snapshot();
    String content = content(before);
    List<LedgerEntry> first =
        List.of(
            LedgerEntry.event("vote-1", Endorsement.of("alice", "carol", "upvote", NOW)),
            LedgerEntry.retraction(1), // an event recorded before
            LedgerEntry.merge("carol", "bob"), // a contributor registered before
            LedgerEntry.event(Endorsement.of("zed", "bob", "brand-new-kind", NOW)));
    Iterator<List<LedgerEntry>> batches =
        List.of(first, bad.subList(0, 3), bad.subList(3, bad.size())).iterator();
    String expected = message.replace("batch element 7: ", "batch element 11: ");

    assertThatThrownBy(() -> ledger.applyBatches(batches))
        .hasMessageContaining(expected.substring(0, Math.min(40, expected.length())));

    assertThat(content(ledger.snapshot())).isEqualTo(content);
    assertThat(content(before)).isEqualTo(content);
    assertThat(ledger.snapshot().kindCount()).isEqualTo(3);
    assertThat(ledger.snapshot().eventId("vote-1")).isEmpty();
    // and it goes on as a ledger that never saw the batches: ids, site ids, retraction by key
    Ledger fresh = populated();
    for (Ledger l : List.of(ledger, fresh)) {
      assertThat(l.applyBatches(List.of(first, goodStart()).iterator())).isEqualTo(3);
      assertThat(l.record("vote-1", Endorsement.of("alice", "carol", "upvote", NOW))).isEqualTo(3);
      assertThat(l.retract("alice", "bob", "upvote")).isFalse(); // event 0, retracted before
      assertThat(l.retract("alice", "carol", "upvote")).isFalse(); // vote-1, by retraction(3)
      l.record(Endorsement.of("alice", "new-1", "upvote", NOW));
      assertThat(l.retract("alice", "new-1", "upvote")).isTrue();
    }
    assertThat(content(ledger.snapshot())).isEqualTo(content(fresh.snapshot()));
  }

  @Test
  void applyBatches_batchesThrow_undoesTheBatchesBefore() {
    Ledger ledger = populated();
    String content = content(ledger.snapshot());
    Iterator<List<LedgerEntry>> batches =
        new Iterator<>() {
          private int calls;

          @Override
          public boolean hasNext() {
            if (calls == 2) {
              throw new IllegalStateException("the source failed");
            }
            return true;
          }

          @Override
          public List<LedgerEntry> next() {
            return List.of(LedgerEntry.event(Endorsement.of("new-" + calls++, "bob", "up", NOW)));
          }
        };

    assertThatThrownBy(() -> ledger.applyBatches(batches)).hasMessage("the source failed");

    assertThat(content(ledger.snapshot())).isEqualTo(content);
    assertThat(ledger.applyBatches(List.<List<LedgerEntry>>of().iterator())).isEqualTo(3);
    assertThatThrownBy(() -> ledger.applyBatches(null)).hasMessage("batches is null");
    assertThatThrownBy(() -> ledger.applyBatches(Arrays.asList(goodStart(), null).iterator()))
        .hasMessage("batch is null");
    assertThat(content(ledger.snapshot())).isEqualTo(content);
  }

  @Test
  void apply_mixedBatch_appliesEveryEntryInOrder() {
    Ledger ledger = populated(); // 3 events, 0 retracted; bob, carol, alice, alias
    Map<String, Double> shares = new LinkedHashMap<>();
    shares.put("erin", 2.0);
    shares.put("bob", 1.0);

    long first =
        ledger.apply(
            List.of(
                LedgerEntry.contributor("dave"),
                LedgerEntry.contribution("post-2", NOW, shares),
                LedgerEntry.event(Endorsement.ofContribution("dave", "post-2", "upvote", NOW)),
                LedgerEntry.event(Endorsement.rating("fay", "erin", "trust", 6, EARLIER)),
                LedgerEntry.retraction(3), // dave's upvote, recorded by this batch
                LedgerEntry.retraction(3), // again: no change
                LedgerEntry.retraction(2), // an event recorded before
                LedgerEntry.merge("dave-old", "dave"),
                LedgerEntry.merge("dave", "erin"), // dave-old -> dave -> erin
                LedgerEntry.event(Endorsement.ofContribution("bob", "post-1", "thanks", NOW)),
                LedgerEntry.contributor("bob")));

    assertThat(first).isEqualTo(3);
    LedgerSnapshot s = ledger.snapshot();
    assertThat(s.toString())
        .isEqualTo("LedgerSnapshot{contributors=8, contributions=2, events=6, retracted=3}");
    assertThat(List.of(s.contributor(4), s.contributor(5), s.contributor(6), s.contributor(7)))
        .containsExactly("dave", "erin", "fay", "dave-old");
    assertThat(s.contribution(1)).isEqualTo("post-2");
    assertThat(s.contributionTimeMillis(1)).isEqualTo(NOW.toEpochMilli());
    assertThat(List.of(s.author(1, 0), s.author(1, 1))).containsExactly(5, 0);
    assertThat(s.share(1, 0)).isCloseTo(2.0 / 3, within(1e-15));
    assertThat(s.event(3)).isEqualTo(Endorsement.ofContribution("dave", "post-2", "upvote", NOW));
    assertThat(s.event(4)).isEqualTo(Endorsement.rating("fay", "erin", "trust", 6, EARLIER));
    assertThat(s.event(5)).isEqualTo(Endorsement.ofContribution("bob", "post-1", "thanks", NOW));
    assertThat(retracted(s)).containsExactly(0, 2, 3);
    assertThat(s.contributor(s.canonical(7))).isEqualTo("erin");
    assertThat(s.contributor(s.canonical(4))).isEqualTo("erin");
    assertThat(s.contributor(s.canonical(8 - 5))).isEqualTo("alice"); // alias, merged before
    assertThat(ledger.apply(List.of())).isEqualTo(6);
    assertThat(ledger.eventCount()).isEqualTo(6);
    assertThat(ledger.liveEventCount()).isEqualTo(3);
  }

  @Test
  void apply_sameAsTheSingleMutations() {
    Ledger batched = populated();
    Ledger single = populated();
    List<LedgerEntry> batch = goodStart();

    batched.apply(batch.subList(0, 3));
    batched.apply(batch.subList(3, batch.size())); // retracts event 3, of the batch before
    single.addContributor("new-1");
    single.addContribution("post-2", EARLIER, "new-2", "bob");
    single.record(Endorsement.ofContribution("new-3", "post-2", "upvote", NOW));
    single.record(Endorsement.rating("new-4", "new-5", "new-kind", 3, NOW));
    single.retract(3);
    single.merge("new-7", "alice");
    single.merge("new-6", "new-7");

    assertThatThrownBy(() -> batched.apply(List.of(LedgerEntry.retraction(5))))
        .hasMessage(
            "batch element 0: no event 5: event ids are the values record(...) returned, and this"
                + " ledger has 5 events counting those of the batch before this entry");
    assertThat(content(batched.snapshot())).isEqualTo(content(single.snapshot()));
  }

  @Test
  void ledgerEntry_records_checkTheirFields() {
    Map<String, Double> order = new LinkedHashMap<>();
    order.put("zed", 1.0);
    order.put("amy", 2.0);
    LedgerEntry.Contribution contribution = LedgerEntry.contribution("p", NOW, order);
    order.put("bo", 3.0);

    assertThat(contribution.shares().keySet()).containsExactly("zed", "amy");
    assertThatThrownBy(() -> contribution.shares().put("bo", 1.0))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(LedgerEntry.contribution("p", NOW, "zed", "amy"))
        .isEqualTo(LedgerEntry.contribution("p", NOW, Map.of("zed", 1.0, "amy", 1.0)));
    assertThatThrownBy(() -> LedgerEntry.contributor(""))
        .hasMessage("contributor id is empty; give every contributor a non-empty id");
    assertThatThrownBy(() -> LedgerEntry.event(null)).hasMessage("endorsement is null");
    assertThatThrownBy(() -> LedgerEntry.merge("a", "a"))
        .hasMessage("cannot merge 'a' into itself; give the alias and the person it belongs to");
    assertThatThrownBy(() -> LedgerEntry.contribution("p", NOW, Map.of()))
        .hasMessage("contribution 'p' has no authors; give at least one");
    assertThatThrownBy(() -> LedgerEntry.contribution("p", NOW, (String[]) null))
        .hasMessage("authors of contribution 'p' is null");
  }

  @Test
  void ledgerEntryJavadocExample_runs() {
    Ledger ledger = ledger();
    Instant now = NOW;
    // LedgerEntry's class javadoc, verbatim:
    long first =
        ledger.apply(
            List.of(
                LedgerEntry.contributor("alice"),
                LedgerEntry.contribution("answer-17", now, "bob"),
                LedgerEntry.event(Endorsement.ofContribution("alice", "answer-17", "upvote", now)),
                LedgerEntry.retraction(ledger.eventCount()), // the upvote above, by its future id
                LedgerEntry.merge("bob-old", "bob")));

    assertThat(first).isZero();
    assertThat(ledger.toString())
        .isEqualTo("Ledger{contributors=3, contributions=1, events=1, retracted=1}");
  }

  @Test
  void concurrentApplyAndRecord_batchesAreWholeInEverySnapshot() throws Exception {
    int appliers = 3;
    int recorders = 3;
    int batches = 2_000;
    int records = 20_000;
    Ledger ledger = ledger();
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(appliers + recorders + 1);
    try {
      List<Future<?>> writing = new ArrayList<>();
      for (int w = 0; w < appliers; w++) {
        int writer = w;
        writing.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int b = 0; b < batches; b++) {
                    String post = "post-" + writer + "-" + b;
                    long first =
                        ledger.apply(
                            List.of(
                                LedgerEntry.contribution(post, NOW, "author-" + writer),
                                LedgerEntry.event(
                                    Endorsement.ofContribution("a" + b % 50, post, "up", NOW)),
                                LedgerEntry.event(
                                    Endorsement.ofContribution("b" + b % 70, post, "up", NOW)),
                                LedgerEntry.event(
                                    Endorsement.ofContribution("c" + b % 90, post, "ok", NOW)),
                                LedgerEntry.contributor("person-" + post),
                                LedgerEntry.merge("alias-" + post, "person-" + post)));
                    LedgerSnapshot s = ledger.snapshot();
                    for (int k = 0; k < 3; k++) {
                      if (!s.contribution(s.target((int) first + k)).equals(post)) {
                        throw new AssertionError("event " + (first + k) + " is not of " + post);
                      }
                    }
                  }
                  return null;
                }));
      }
      for (int w = 0; w < recorders; w++) {
        int writer = w;
        writing.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < records; i++) {
                    long e = ledger.record(Endorsement.of("r" + writer, "t" + i % 300, "up", NOW));
                    if (i % 10 == 0) {
                      ledger.retract(e);
                    }
                  }
                  return null;
                }));
      }
      Future<Integer> checking =
          pool.submit(
              () -> {
                start.await();
                int snapshots = 0;
                boolean last = false;
                while (!last) {
                  last = done.get();
                  checkBatchesWhole(ledger.snapshot());
                  snapshots++;
                }
                return snapshots;
              });
      start.countDown();
      for (Future<?> f : writing) {
        f.get(5, TimeUnit.MINUTES);
      }
      done.set(true);
      assertThat(checking.get(5, TimeUnit.MINUTES)).isPositive();
    } finally {
      pool.shutdownNow();
    }

    LedgerSnapshot s = ledger.snapshot();
    checkBatchesWhole(s);
    assertThat(s.eventCount()).isEqualTo(appliers * batches * 3 + recorders * records);
    assertThat(s.contributionCount()).isEqualTo(appliers * batches);
    assertThat(ledger.liveEventCount()).isEqualTo(s.eventCount() - recorders * records / 10);
  }

  /** Every contribution has its three events, and every alias of a batch its person. */
  private static void checkBatchesWhole(LedgerSnapshot s) {
    int[] events = new int[s.contributionCount()];
    for (int e = 0; e < s.eventCount(); e++) {
      if (s.toContribution(e)) {
        events[s.target(e)]++;
      }
    }
    for (int c = 0; c < events.length; c++) {
      if (events[c] != 3) {
        throw new AssertionError(s + ": " + s.contribution(c) + " has " + events[c] + " events");
      }
      OptionalInt alias = s.contributorIndex("alias-" + s.contribution(c));
      if (alias.isEmpty()
          || !s.contributor(s.canonical(alias.getAsInt())).equals("person-" + s.contribution(c))) {
        throw new AssertionError(s + ": the merge of " + s.contribution(c) + " is missing");
      }
    }
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badCalls")
  void mutator_badInput_throwsWithMessageAndChangesNothing(Consumer<Ledger> call, String message) {
    Ledger ledger = populated();
    String before = content(ledger.snapshot());
    String counts = ledger.toString();

    assertThatThrownBy(() -> call.accept(ledger)).hasMessageContaining(message);

    assertThat(ledger.toString()).isEqualTo(counts);
    assertThat(content(ledger.snapshot())).isEqualTo(before);
  }

  @Test
  void merge_cycleThroughSeveralAccounts_refused() {
    Ledger ledger = ledger();
    ledger.addContributor("c");
    ledger.merge("b", "c");
    ledger.merge("a", "b");

    assertThatThrownBy(() -> ledger.merge("c", "a"))
        .hasMessageContaining("cannot merge 'c' into 'a': 'a' already belongs to 'c'");

    LedgerSnapshot s = ledger.snapshot();
    assertThat(s.canonical(s.contributorIndex("c").getAsInt()))
        .isEqualTo(s.contributorIndex("c").getAsInt());
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        Arguments.of(
            (Consumer<Ledger.Builder>) b -> b.clock(null),
            "clock is null; pass Clock.systemUTC() for the default"),
        Arguments.of(
            (Consumer<Ledger.Builder>) b -> b.maxFuture(Duration.ofSeconds(-1)),
            "maxFuture PT-1S is negative; give a duration >= 0"),
        Arguments.of(
            (Consumer<Ledger.Builder>) b -> b.maxFuture(null),
            "maxFuture is null; pass Ledger.DEFAULT_MAX_FUTURE for the default"),
        Arguments.of(
            (Consumer<Ledger.Builder>) b -> b.validator(null),
            "validator is null; leave it unset for none"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badSettings")
  void builder_badSetting_throwsWithMessage(Consumer<Ledger.Builder> set, String message) {
    assertThatThrownBy(() -> set.accept(Ledger.builder())).hasMessageContaining(message);
  }

  @Test
  void maxTimeMillis_noLiveEvent_isLongMinValue() {
    Ledger ledger = ledger();
    assertThat(ledger.snapshot().maxTimeMillis()).isEqualTo(Long.MIN_VALUE);

    ledger.record(Endorsement.of("alice", "bob", "upvote", NOW));
    ledger.retract(0);

    assertThat(ledger.snapshot().maxTimeMillis()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void record_extremeTimes_keptToTheMillisecond() {
    Ledger ledger =
        Ledger.builder().clock(CLOCK).maxFuture(Duration.ofSeconds(Long.MAX_VALUE)).build();
    Instant first = Instant.ofEpochMilli(Long.MIN_VALUE);
    Instant last = Instant.ofEpochMilli(Long.MAX_VALUE).plusNanos(999_999);

    ledger.record(Endorsement.of("alice", "bob", "upvote", first));
    ledger.record(Endorsement.of("alice", "bob", "upvote", last));

    LedgerSnapshot s = ledger.snapshot();
    assertThat(s.timeMillis(0)).isEqualTo(Long.MIN_VALUE);
    assertThat(s.timeMillis(1)).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> ledger.record(Endorsement.of("a", "b", "upvote", last.plusNanos(1))))
        .hasMessageContaining("is outside the range of milliseconds since 1970");
    assertThatThrownBy(() -> ledger.record(Endorsement.of("a", "b", "upvote", first.minusNanos(1))))
        .hasMessageContaining("is outside the range of milliseconds since 1970");
  }

  @Test
  void concurrentRecords_snapshotsInBetween_areConsistent() throws Exception {
    int writers = 8;
    int perWriter = 50_000;
    Ledger ledger = ledger();
    ledger.addContribution("post", EARLIER, "author");
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    try {
      List<Future<?>> writing = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        writing.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perWriter; i++) {
                    String endorser = "w" + writer + "-" + i % 500;
                    int j = i / 4;
                    ledger.record(
                        switch (i % 4) {
                          case 0 -> Endorsement.of(endorser, "t" + j % 700, "upvote", NOW);
                          case 1 -> Endorsement.rating(endorser, "t" + j % 900, "trust", 5, NOW);
                          case 2 -> Endorsement.ofContribution(endorser, "post", "thanks", NOW);
                          default -> Endorsement.of(endorser, "k" + writer + "-" + i, "kind", NOW);
                        });
                  }
                  return null;
                }));
      }
      Future<Integer> checking =
          pool.submit(
              () -> {
                start.await();
                int snapshots = 0;
                LedgerSnapshot previous = ledger.snapshot();
                boolean last = false;
                while (!last) {
                  last = done.get();
                  LedgerSnapshot s = ledger.snapshot();
                  checkConsistent(s, previous);
                  previous = s;
                  snapshots++;
                }
                return snapshots;
              });
      start.countDown();
      for (Future<?> f : writing) {
        f.get(5, TimeUnit.MINUTES);
      }
      done.set(true);
      assertThat(checking.get(5, TimeUnit.MINUTES)).isPositive();
    } finally {
      pool.shutdownNow();
    }

    assertThat(ledger.eventCount()).isEqualTo((long) writers * perWriter);
    LedgerSnapshot s = ledger.snapshot();
    assertThat(s.eventCount()).isEqualTo(writers * perWriter);
    assertThat(s.kindCount()).isEqualTo(4);
    // author, 8 x 500 endorsers, t0 .. t899, and k<w>-<i> for every fourth record
    assertThat(s.contributorCount()).isEqualTo(1 + 4000 + 900 + writers * perWriter / 4);
  }

  private static void checkConsistent(LedgerSnapshot s, LedgerSnapshot previous) {
    assertThat(s.eventCount()).isGreaterThanOrEqualTo(previous.eventCount());
    assertThat(s.contributorCount()).isGreaterThanOrEqualTo(previous.contributorCount());
    assertThat(s.kindCount()).isGreaterThanOrEqualTo(previous.kindCount());
    int contributors = s.contributorCount();
    for (int i = 0; i < contributors; i++) {
      if (s.contributor(i) == null) {
        throw new AssertionError("contributor " + i + " of " + contributors + " is null");
      }
    }
    for (int e = 0; e < s.eventCount(); e++) {
      int endorser = s.endorser(e);
      int target = s.target(e);
      int targets = s.toContribution(e) ? s.contributionCount() : contributors;
      if (endorser < 0
          || endorser >= contributors
          || target < 0
          || target >= targets
          || s.kind(e) >= s.kindCount()
          || s.retracted(e)) {
        throw new AssertionError("event " + e + " is inconsistent in " + s + ": " + s.event(e));
      }
    }
    if (s.eventCount() > 0) {
      Endorsement last = s.event(s.eventCount() - 1);
      assertThat(s.contributorIndex(last.endorser())).isPresent();
    }
  }

  @Test
  void classJavadocExample_runs() {
    // Ledger's class javadoc, verbatim:
    Ledger ledger = Ledger.create();
    Instant now = Instant.now();
    ledger.addContribution("answer-17", now, "bob");
    ledger.record(Endorsement.ofContribution("alice", "answer-17", "upvote", now));
    ledger.record(Endorsement.rating("alice", "bob", "trust", 8, now));
    long thanks = ledger.record(Endorsement.of("carol", "bob", "thanks", now));
    ledger.retract(thanks); // carol takes it back
    ledger.merge("bob-old", "bob"); // bob's old account is bob's
    LedgerSnapshot snapshot = ledger.snapshot(); // what an export writes

    assertThat(snapshot.eventCount()).isEqualTo(3);
    assertThat(snapshot.retracted(2)).isTrue();
    OptionalInt bobOld = snapshot.contributorIndex("bob-old");
    assertThat(snapshot.contributor(snapshot.canonical(bobOld.getAsInt()))).isEqualTo("bob");
    assertThat(ledger.toString())
        .isEqualTo("Ledger{contributors=4, contributions=1, events=3, retracted=1}");
  }

  /** The event ids a snapshot sees as retracted. */
  private static List<Integer> retracted(LedgerSnapshot s) {
    List<Integer> out = new ArrayList<>();
    for (int e = 0; e < s.eventCount(); e++) {
      if (s.retracted(e)) {
        out.add(e);
      }
    }
    return out;
  }

  /** Everything a snapshot holds, as text. */
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
        out.append(' ').append(s.author(c, j)).append(':').append(s.share(c, j));
      }
      out.append('\n');
    }
    for (int k = 0; k < s.kindCount(); k++) {
      out.append("kind ").append(k).append(' ').append(s.kindName(k)).append('\n');
    }
    for (int e = 0; e < s.eventCount(); e++) {
      out.append("event ").append(e).append(' ').append(s.event(e));
      out.append(s.retracted(e) ? " retracted" : "").append('\n');
    }
    return out.append("max time ").append(s.maxTimeMillis()).toString();
  }
}
