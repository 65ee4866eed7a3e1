package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The scopes a {@link LiveReputation} keeps current, against {@link ScopedReputation#compute}. */
final class LiveScopesTest {
  private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
  private static final ScoringPolicy POLICY =
      ScoringPolicy.builder().decay(Decay.halfLife(Duration.ofDays(90))).build();
  private static final String[] TAGS = {"brewing", "baking", "yeast"};

  /**
   * A small community: 15 members, contributions with one or two of {@link #TAGS} or none, upvotes
   * of them and thanks between members, from a fixed seed; {@code offset} moves the ids and times
   * so that a second call adds new ones.
   */
  private static void grow(Ledger ledger, Random random, int contributions, int votes, int offset) {
    for (int c = 0; c < contributions; c++) {
      LedgerEntry.Contribution contribution =
          LedgerEntry.contribution(
              "c" + (offset + c), T0.plusSeconds(3600L * (offset + c)), member(random));
      int tags = random.nextInt(4); // 0: untagged, 3: two tags
      if (tags == 3) {
        contribution = contribution.tagged(TAGS[0], TAGS[2]);
      } else if (tags > 0) {
        contribution = contribution.tagged(TAGS[random.nextInt(2)]);
      }
      ledger.addContribution(contribution);
    }
    int made = 0;
    while (made < votes) {
      String voter = member(random);
      Instant at = T0.plusSeconds(60L * (offset * 10 + made));
      if (random.nextInt(4) == 0) {
        String target = member(random);
        if (!target.equals(voter)) {
          ledger.record(Endorsement.of(voter, target, "thanks", at));
          made++;
        }
      } else {
        int c = random.nextInt(offset + contributions);
        ledger.record(Endorsement.ofContribution(voter, "c" + c, "upvote", at));
        made++; // an upvote of one's own contribution is left out, as a self-endorsement
      }
    }
  }

  private static String member(Random random) {
    return "m" + random.nextInt(15);
  }

  /**
   * Asserts that {@code actual} holds {@code expected}'s scopes with the same scores, bit for bit.
   */
  private static void assertSameScopes(ScopedReputation actual, ScopedReputation expected) {
    assertThat(actual.scopes()).containsExactlyElementsOf(expected.scopes());
    for (String tag : expected.scopes()) {
      Reputation a = actual.scope(tag);
      Reputation e = expected.scope(tag);
      assertThat(a.iterations()).as(tag).isEqualTo(e.iterations());
      assertThat(a.ids()).as(tag).containsExactlyInAnyOrderElementsOf(e.ids());
      for (String id : e.ids()) {
        assertThat(a.standing(id)).as("%s in %s", id, tag).isEqualTo(e.standing(id));
      }
    }
  }

  @Test
  void refreshes_publishScopesEqualToCompute_bitForBit_afterExactAndIncrementalRefreshes() {
    Ledger ledger = Ledger.create();
    Random random = new Random(3);
    grow(ledger, random, 30, 150, 0);
    LiveReputation live = LiveReputation.builder(ledger, POLICY).scopes().build();

    Refresh first = live.refresh(); // exact
    assertThat(first.scopes()).isPresent();
    assertThat(first.scopes().get().scopes()).containsExactly("baking", "brewing", "yeast");
    assertSameScopes(first.scopes().get(), ScopedReputation.compute(ledger, POLICY));

    grow(ledger, random, 10, 60, 30);
    Refresh second = live.refresh(); // incremental: the global score is within the accuracy
    ScopedReputation expected = ScopedReputation.compute(ledger, POLICY);
    assertSameScopes(live.scopes().orElseThrow(), expected);
    assertSameScopes(second.scopes().orElseThrow(), expected);
    for (String tag : expected.scopes()) {
      assertThat(live.scope(tag)).containsSame(live.scopes().orElseThrow().scope(tag));
    }
    assertThat(live.scope("cider")).isEmpty();
  }

  @Test
  void scopesOfTags_keepOnlyThose_andATagNoContributionCarriesYetAppearsAtTheNextRefresh() {
    Ledger ledger = Ledger.create();
    Random random = new Random(5);
    grow(ledger, random, 20, 80, 0);
    LiveReputation live =
        LiveReputation.builder(ledger, POLICY).scopes(List.of("brewing", "cider")).build();

    live.refresh();
    assertThat(live.scopes().orElseThrow().scopes()).containsExactly("brewing");
    assertThat(live.scope("cider")).isEmpty();
    assertThat(live.scope("baking")).isEmpty(); // carried, but not kept

    ledger.addContribution(
        LedgerEntry.contribution("cider-1", T0.plusSeconds(7), "m1").tagged("cider"));
    ledger.record(Endorsement.ofContribution("m2", "cider-1", "upvote", T0.plusSeconds(8)));
    assertThat(live.scope("cider")).isEmpty(); // until the next refresh
    live.refresh();

    assertThat(live.scopes().orElseThrow().scopes()).containsExactly("brewing", "cider");
    assertSameScopes(
        live.scopes().orElseThrow(),
        ScopedReputation.compute(ledger, POLICY, List.of("brewing", "cider")));
    assertThat(live.scope("cider").orElseThrow().top(1).get(0).id()).isEqualTo("m1");
  }

  @Test
  void scopesOfEveryTag_aTagRecordedAfterTheStart_isAScopeFromTheNextRefresh() {
    Ledger ledger = Ledger.create();
    grow(ledger, new Random(6), 10, 40, 0);
    LiveReputation live = LiveReputation.builder(ledger, POLICY).scopes().build();
    live.refresh();
    assertThat(live.scopes().orElseThrow().scopes()).doesNotContain("mead");

    live.apply(
        List.of(
            LedgerEntry.contribution("mead-1", T0.plusSeconds(9), "m3").tagged("mead"),
            LedgerEntry.event(
                Endorsement.ofContribution("m4", "mead-1", "upvote", T0.plusSeconds(10)))));
    Refresh refresh = live.refresh();

    assertThat(refresh.scopes().orElseThrow().scopes()).contains("mead");
    assertThat(refresh.previousScopes().orElseThrow().scopes()).doesNotContain("mead");
    assertSameScopes(refresh.scopes().orElseThrow(), ScopedReputation.compute(ledger, POLICY));
  }

  @Test
  void retractions_areLeftOutOfTheScopesAtTheNextRefresh() {
    Ledger ledger = Ledger.create();
    Random random = new Random(7);
    grow(ledger, random, 20, 100, 0);
    LiveReputation live = LiveReputation.builder(ledger, POLICY).scopes().build();
    live.refresh();
    ledger.addContribution(
        LedgerEntry.contribution("b1", T0.plusSeconds(5), "m9").tagged("brewing"));
    long vote = live.record(Endorsement.ofContribution("m8", "b1", "upvote", T0.plusSeconds(6)));
    double withVote = live.refresh().scopes().orElseThrow().scope("brewing").score("m9");

    assertThat(live.retract(vote)).isTrue();
    Refresh refresh = live.refresh();

    ScopedReputation expected = ScopedReputation.compute(ledger, POLICY);
    assertSameScopes(refresh.scopes().orElseThrow(), expected);
    assertThat(expected.scope("brewing").score("m9")).isLessThan(withVote);
  }

  @Test
  void listeners_seeTheScopesPublishedWithTheReputation() {
    Ledger ledger = Ledger.create();
    Random random = new Random(8);
    grow(ledger, random, 15, 60, 0);
    List<Refresh> told = new ArrayList<>();
    LiveReputation live =
        LiveReputation.builder(ledger, POLICY).scopes().listener(told::add).build();

    live.refresh();
    grow(ledger, random, 5, 20, 15);
    live.refresh();

    assertThat(told).hasSize(2);
    assertThat(told.get(0).previousScopes()).isEmpty();
    assertThat(told.get(1).previousScopes()).containsSame(told.get(0).scopes().orElseThrow());
    assertThat(told.get(1).scopes()).containsSame(live.scopes().orElseThrow());
    assertThat(told.get(1).current()).isSameAs(live.latest().orElseThrow());
    assertSameScopes(told.get(1).scopes().orElseThrow(), ScopedReputation.compute(ledger, POLICY));
  }

  @Test
  void refresh_withNothingNew_keepsTheScopes_andAnExactOneDueReusesThem() {
    Ledger ledger = Ledger.create();
    Random random = new Random(9);
    grow(ledger, random, 15, 60, 0);
    AtomicLong nanos = new AtomicLong();
    CountingScopes counting = new CountingScopes();
    LiveReputation live =
        LiveReputation.builder(ledger, POLICY)
            .scopes(counting)
            .exactEvery(Duration.ofNanos(100))
            .clock(nanos::get)
            .build();
    live.refresh();
    grow(ledger, random, 2, 10, 15);
    ScopedReputation incremental = live.refresh().scopes().orElseThrow();
    assertThat(counting.calls).isEqualTo(2);

    Refresh unchanged = live.refresh();
    assertThat(unchanged.unchanged()).isTrue();
    assertThat(unchanged.scopes()).containsSame(incremental);
    nanos.set(1000); // an exact refresh is due: the global score is redone, the scopes are reused
    Refresh exact = live.refresh();

    assertThat(exact.unchanged()).isFalse();
    assertThat(exact.scopes()).containsSame(incremental);
    assertThat(counting.calls).isEqualTo(2);
  }

  @Test
  void withoutScopes_nothingIsScoped() {
    Ledger ledger = Ledger.create();
    grow(ledger, new Random(10), 10, 30, 0);
    LiveReputation live = LiveReputation.builder(ledger, POLICY).build();
    assertThat(live.scopes()).isEmpty();

    Refresh refresh = live.refresh();

    assertThat(refresh.scopes()).isEmpty();
    assertThat(refresh.previousScopes()).isEmpty();
    assertThat(live.scopes()).isEmpty();
    assertThat(live.scope("brewing")).isEmpty();
  }

  @Test
  void scopes_ledgerWithoutTags_publishNoScope() {
    Ledger ledger = Ledger.create();
    ledger.record(Endorsement.of("a", "b", "thanks", T0));
    LiveReputation live = LiveReputation.builder(ledger, POLICY).scopes().build();

    live.refresh();

    assertThat(live.scopes().orElseThrow().scopes()).isEmpty();
  }

  @Test
  void scopes_eventsThePolicyCannotWeigh_areLeftOutAsFromTheGlobalScore() {
    Ledger ledger = Ledger.create();
    grow(ledger, new Random(11), 15, 60, 0);
    Ledger clean = Ledger.create();
    grow(clean, new Random(11), 15, 60, 0);
    ledger.record(Endorsement.ofContribution("m1", "c2", "star", T0)); // behind the policy's back
    LiveReputation live = LiveReputation.builder(ledger, POLICY).scopes().build();

    Refresh refresh = live.refresh();

    assertThat(refresh.current().refusedEvents()).isEqualTo(1);
    assertThatThrownBy(() -> ScopedReputation.compute(ledger, POLICY))
        .isInstanceOf(UnknownKindException.class);
    ScopedReputation scopes = refresh.scopes().orElseThrow();
    ScopedReputation expected = ScopedReputation.compute(clean, POLICY);
    assertThat(scopes.scopes()).containsExactlyElementsOf(expected.scopes());
    for (String tag : expected.scopes()) {
      assertThat(scopes.scope(tag).refusedEvents()).isEqualTo(1);
      for (String id : expected.scope(tag).ids()) {
        assertThat(scopes.scope(tag).score(id)).isEqualTo(expected.scope(tag).score(id));
      }
    }
  }

  @Test
  void refresh_scopesFailing_publishesNothingTellsNoListener_andTheNextRefreshPublishesBoth() {
    Ledger ledger = Ledger.create();
    Random random = new Random(12);
    grow(ledger, random, 15, 60, 0);
    List<Refresh> told = new ArrayList<>();
    CountingScopes failing = new CountingScopes();
    LiveReputation live =
        LiveReputation.builder(ledger, POLICY).scopes(failing).listener(told::add).build();
    Refresh first = live.refresh();
    grow(ledger, random, 5, 20, 15);
    failing.failNext = true;

    assertThatThrownBy(live::refresh).hasMessage("scopes failed");
    assertThat(live.latest()).containsSame(first.current());
    assertThat(live.scopes()).containsSame(first.scopes().orElseThrow());
    assertThat(told).hasSize(1);

    Refresh next = live.refresh();
    assertThat(next.unchanged()).isFalse();
    assertThat(next.previous()).containsSame(first.current());
    assertThat(told).hasSize(2);
    assertSameScopes(live.scopes().orElseThrow(), ScopedReputation.compute(ledger, POLICY));
  }

  static Stream<Arguments> badTags() {
    return Stream.of(
        Arguments.of(List.of(), "no tags given; give at least one, or call scopes() for every tag"),
        Arguments.of(
            List.of("brewing", "home brewing"),
            "scope tag 'home brewing' is empty or holds whitespace or a comma; a tag is one word,"
                + " as contributions carry it: 'home-brewing'"),
        Arguments.of(
            List.of(""),
            "scope tag '' is empty or holds whitespace or a comma; a tag is one word, as"
                + " contributions carry it: 'home-brewing'"),
        Arguments.of(
            List.of("a,b"),
            "scope tag 'a,b' is empty or holds whitespace or a comma; a tag is one word, as"
                + " contributions carry it: 'home-brewing'"));
  }

  @ParameterizedTest
  @MethodSource("badTags")
  void builder_badTags_refusedWithTheReason(Collection<String> tags, String message) {
    LiveReputation.Builder builder = LiveReputation.builder(Ledger.create(), POLICY);
    assertThatThrownBy(() -> builder.scopes(tags))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
    List<String> withNull = new ArrayList<>(List.of("brewing"));
    withNull.add(null);
    assertThatThrownBy(() -> builder.scopes(withNull))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("a scope tag is null");
  }

  /** Every tag, counting the computes; fails the next one when asked. */
  private static final class CountingScopes extends LiveScopes {
    int calls;
    boolean failNext;

    CountingScopes() {
      super(null);
    }

    @Override
    ScopedReputation score(LedgerSnapshot snapshot, Scorer scorer) {
      if (failNext) {
        failNext = false;
        throw new IllegalArgumentException("scopes failed");
      }
      calls++;
      return super.score(snapshot, scorer);
    }
  }
}
