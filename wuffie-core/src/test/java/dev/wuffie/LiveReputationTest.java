package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.json.ReputationJson;
import dev.wuffie.json.ReputationSnapshot;
import dev.wuffie.rank.RankSolver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class LiveReputationTest {
  private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
  private static final ScoringPolicy POLICY = ScoringPolicy.builder().build();

  @Test
  void refresh_warmStart_agreesWithColdStart() {
    Ledger ledger = BitcoinOtc.ledger("trust");
    ScoringPolicy policy =
        ScoringPolicy.builder().solver(RankSolver.builder().tolerance(1e-12).build()).build();
    LiveReputation live = LiveReputation.builder(ledger, policy).build();
    assertThat(live.latest()).isEmpty();
    Refresh first = live.refresh();
    Random random = new Random(1);
    for (int k = 0; k < 30; k++) {
      live.record(
          Endorsement.rating(
              "" + (1 + random.nextInt(6000)), "" + (1 + random.nextInt(6000)), "trust", 5, T0));
    }

    Refresh second = live.refresh();
    Reputation cold = Reputation.compute(ledger, policy);

    assertThat(second.previous()).contains(first.current());
    assertThat(live.latest()).contains(second.current());
    assertThat(second.current().iterations()).isLessThan(cold.iterations());
    double l1 = 0;
    for (String id : cold.ids()) {
      l1 += Math.abs(second.current().score(id) - cold.score(id));
    }
    assertThat(second.current().errorBound()).isLessThanOrEqualTo(LiveReputation.DEFAULT_ACCURACY);
    assertThat(l1).isLessThanOrEqualTo(second.current().errorBound() + cold.errorBound());
  }

  @Test
  void refresh_withoutWarmStart_publishesWhatComputeReturns_bitForBit() {
    Ledger ledger = BitcoinOtc.ledger("trust");
    ScoringPolicy policy = ScoringPolicy.builder().build();
    LiveReputation live = LiveReputation.builder(ledger, policy).warmStart(false).build();
    live.refresh();
    Random random = new Random(1);
    for (int k = 0; k < 30; k++) {
      live.record(
          Endorsement.rating(
              "" + (1 + random.nextInt(6000)), "" + (1 + random.nextInt(6000)), "trust", 5, T0));
    }

    Reputation second = live.refresh().current();
    Reputation cold = Reputation.compute(ledger, policy);

    assertThat(second.iterations()).isEqualTo(cold.iterations());
    for (String id : cold.ids()) {
      assertThat(second.score(id)).as(id).isEqualTo(cold.score(id));
      assertThat(second.rank(id)).as(id).isEqualTo(cold.rank(id));
    }
  }

  @Test
  void concurrentRecordingRefreshingAndReading_losesNothing_everyReputationSumsToOne()
      throws Exception {
    int threads = 8;
    int perThread = 20_000;
    Ledger ledger = Ledger.create();
    LiveReputation live = LiveReputation.builder(ledger, POLICY).build();
    live.record(Endorsement.of("seed-a", "seed-b", "upvote", T0));
    live.refresh(); // readers find a reputation from the start
    ExecutorService pool = Executors.newFixedThreadPool(threads + 2);
    AtomicBoolean recording = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Double> sums = new ConcurrentLinkedQueue<>();
    AtomicInteger refreshes = new AtomicInteger();

    List<Future<?>> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      writers.add(
          pool.submit(
              () -> {
                Random random = new Random(thread);
                for (int i = 0; i < perThread; i++) {
                  String kind = random.nextInt(10) == 0 ? "downvote" : "upvote";
                  live.record(
                      Endorsement.of(
                          "u" + random.nextInt(3000), "u" + random.nextInt(3000), kind, T0));
                }
              }));
    }
    Future<?> refresher =
        pool.submit(
            () -> {
              do {
                live.refresh();
                refreshes.incrementAndGet();
              } while (recording.get());
            });
    Future<?> reader =
        pool.submit(
            () -> {
              do {
                Reputation r = live.latest().orElseThrow();
                sums.add(r.ids().stream().mapToDouble(r::score).sum());
              } while (recording.get());
            });
    for (Future<?> writer : writers) {
      writer.get();
    }
    recording.set(false);
    refresher.get();
    reader.get();
    pool.shutdown();
    live.refresh();

    assertThat(ledger.eventCount()).isEqualTo(1L + threads * perThread);
    assertThat(refreshes.get()).isPositive();
    assertThat(sums).isNotEmpty().allSatisfy(sum -> assertThat(sum).isCloseTo(1.0, within(1e-9)));
    Reputation last = live.latest().orElseThrow();
    assertThat(last.ids().stream().mapToDouble(last::score).sum()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void record_eventThePolicyCannotWeigh_isRefusedAndChangesNothing() {
    Ledger ledger = Ledger.create();
    LiveReputation live = LiveReputation.builder(ledger, POLICY).build();

    assertThatThrownBy(() -> live.record(Endorsement.of("a", "b", "retweet", T0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown kind 'retweet'");
    assertThatThrownBy(
            () ->
                live.recordAll(
                    List.of(
                        Endorsement.of("a", "b", "upvote", T0),
                        Endorsement.rating("a", "c", "upvote", 2, T0))))
        .hasMessageContaining("has a value, but the kind is not rated");
    assertThat(ledger.eventCount()).isZero();
    assertThat(ledger.contributorCount()).isZero();
  }

  @Test
  void refresh_failing_publishesNothingAndTellsNoListener() {
    // Once a refresh has published, the ledger only grows, so the later ones cannot fail: this
    // one fails before the first, while the policy's seed is not yet a contributor.
    Ledger ledger = Ledger.create();
    List<Refresh> told = new ArrayList<>();
    ScoringPolicy seeded = ScoringPolicy.builder().seeds(Map.of("a", 1.0)).build();
    LiveReputation live = LiveReputation.builder(ledger, seeded).listener(told::add).build();
    live.record(Endorsement.of("x", "y", "upvote", T0));

    assertThatThrownBy(live::refresh)
        .hasMessage(
            "1 seed(s) are not contributors of the ledger: [a]; remove them from the policy or add"
                + " them with Ledger.addContributor");
    assertThat(live.latest()).isEmpty();
    assertThat(told).isEmpty();
    live.record(Endorsement.of("a", "x", "upvote", T0));
    assertThat(live.refresh().current().size()).isEqualTo(3);
    assertThat(told).hasSize(1);
  }

  @Test
  void refresh_refusedEventLaterThanEveryOther_doesNotMoveAsOf() {
    // With decay and no asOf, the scores are as of the latest event: a refused event must not
    // set that time, or it would decay every weight as if it counted.
    ScoringPolicy decaying =
        ScoringPolicy.builder().decay(Decay.halfLife(Duration.ofDays(30))).build();
    Ledger ledger = Ledger.create();
    Ledger clean = Ledger.create();
    for (Ledger l : List.of(ledger, clean)) {
      l.record(Endorsement.of("a", "b", "upvote", T0));
      l.record(Endorsement.of("c", "b", "upvote", T0.plus(Duration.ofDays(10))));
      l.record(Endorsement.of("b", "a", "upvote", T0.plus(Duration.ofDays(20))));
    }
    ledger.record(Endorsement.of("a", "c", "retweet", T0.plus(Duration.ofDays(40))));

    Reputation quarantined = LiveReputation.builder(ledger, decaying).build().refresh().current();
    Reputation expected = Reputation.compute(clean, decaying);

    assertThat(quarantined.refusedEvents()).isEqualTo(1);
    assertThat(quarantined.asOf()).contains(T0.plus(Duration.ofDays(20)));
    for (String id : List.of("a", "b", "c")) {
      assertThat(quarantined.score(id)).as(id).isEqualTo(expected.score(id));
    }
  }

  @Test
  void refresh_eventsThePolicyCannotWeighRecordedBehindItsBack_areLeftOutCountedAndPublished() {
    Ledger ledger = Ledger.create();
    List<Refresh> told = new ArrayList<>();
    LiveReputation live = LiveReputation.builder(ledger, POLICY).listener(told::add).build();
    live.record(Endorsement.of("a", "b", "upvote", T0));
    live.record(Endorsement.of("c", "b", "upvote", T0));
    live.refresh();
    long retweet = ledger.record(Endorsement.of("a", "c", "retweet", T0)); // behind its back
    long rated = ledger.record(Endorsement.rating("c", "a", "upvote", 3, T0));
    ledger.record(Endorsement.of("b", "c", "retweet", T0));
    ledger.retract(
        ledger.record(Endorsement.of("b", "a", "retweet", T0))); // retracted: not counted

    Refresh refresh = live.refresh();
    Reputation clean = Reputation.compute(cleanCopy(), POLICY);
    Reputation cold = LiveReputation.builder(ledger, POLICY).build().refresh().current();

    assertThat(told).hasSize(2);
    assertThat(live.latest()).containsSame(refresh.current());
    assertThat(refresh.current().refusedEvents()).isEqualTo(3);
    assertThat(refresh.current().refusedEventIds()).containsExactly(retweet, rated, rated + 1);
    assertThat(refresh.current().size()).isEqualTo(3);
    for (String id : List.of("a", "b", "c")) {
      assertThat(cold.score(id)).as(id).isEqualTo(clean.score(id)); // as if they were not there
      assertThat(refresh.current().score(id)).as(id).isCloseTo(clean.score(id), within(1e-9));
    }
    assertThat(cold.refusedEvents()).isEqualTo(3);
    // refused events are in no explanation either: c got only retweets, b two upvotes
    assertThat(refresh.current().explain("c").endorsers()).isEmpty();
    Explanation why = refresh.current().explain("b");
    assertThat(why.endorsers()).extracting(Explanation.Term::endorser).containsOnly("a", "c");
    assertThat(why.endorsers())
        .allSatisfy(
            t ->
                assertThat(t.parts())
                    .extracting(Explanation.Part::kind, Explanation.Part::endorsements)
                    .containsExactly(tuple("upvote", 1)));
    assertThat(refresh.previous().orElseThrow().refusedEvents()).isZero();
    assertThat(clean.refusedEventIds()).isEmpty();
    ledger.retract(rated); // a value that does not fit its kind fails at once, see ScorerTest
    assertThatThrownBy(() -> Reputation.compute(ledger, POLICY))
        .isInstanceOf(UnknownKindException.class)
        .hasMessageContaining("the ledger has 2 events of kinds the policy does not know")
        .extracting(e -> ((UnknownKindException) e).kind())
        .isEqualTo("retweet");
  }

  /** The weighable events of the test above, with 'c' registered as it is there. */
  private static Ledger cleanCopy() {
    Ledger ledger = Ledger.create();
    ledger.record(Endorsement.of("a", "b", "upvote", T0));
    ledger.record(Endorsement.of("c", "b", "upvote", T0));
    return ledger;
  }

  @Test
  void refresh_withNothingNew_publishesNothingAndTellsNoListener() {
    Ledger ledger = Ledger.create();
    AtomicInteger told = new AtomicInteger();
    LiveReputation live =
        LiveReputation.builder(ledger, POLICY).listener(r -> told.incrementAndGet()).build();
    live.record(Endorsement.of("a", "b", "upvote", T0));
    Refresh first = live.refresh();

    Refresh idle = live.refresh();

    assertThat(first.unchanged()).isFalse();
    assertThat(idle.unchanged()).isTrue();
    assertThat(idle.current()).isSameAs(first.current());
    assertThat(idle.previous()).containsSame(first.current());
    assertThat(idle.moved(1)).isEmpty();
    assertThat(idle.tierChanges()).isEmpty();
    assertThat(told.get()).isEqualTo(1);
    assertThat(live.latest()).containsSame(first.current());

    ledger.addContributor("z"); // any change counts: a contributor, a retraction, a merge
    Refresh afterContributor = live.refresh();
    live.retract(0);
    Refresh afterRetraction = live.refresh();
    ledger.merge("z", "a");
    Refresh afterMerge = live.refresh();

    assertThat(afterContributor.unchanged()).isFalse();
    assertThat(afterContributor.current().size()).isEqualTo(3);
    assertThat(afterRetraction.unchanged()).isFalse();
    assertThat(afterMerge.unchanged()).isFalse();
    assertThat(afterMerge.current().size()).isEqualTo(2);
    assertThat(told.get()).isEqualTo(4);
  }

  @Test
  void startFrom_servesTheSavedStandingsUntilTheFirstRefresh_andKeepsTheTiersMemory()
      throws Exception {
    Ledger ledger = Ledger.create();
    for (String endorser : List.of("a", "c", "d")) {
      live(ledger).record(Endorsement.of(endorser, "b", "upvote", T0));
    }
    double points = Reputation.compute(ledger, POLICY).points("b");
    // b's points are 95% of the threshold: below it, above the low-water mark (90%)
    Tiers tiers = Tiers.builder().points("trusted", points / 0.95).build();
    Standing savedB = new Standing("b", 1, 0.5, 2.0, 100);
    Standing savedA = new Standing("a", 2, 0.2, 0.8, 50);
    ReputationSnapshot saved =
        ReputationJson.read(
            ReputationJson.write(
                new ReputationSnapshot(
                    T0,
                    Optional.empty(),
                    Optional.empty(),
                    true,
                    1,
                    0,
                    List.of(savedB, savedA),
                    Map.of("b", "trusted"))));

    LiveReputation restarted =
        LiveReputation.builder(ledger, POLICY)
            .tiers(tiers)
            .startFrom(saved.standings(), saved.tiers())
            .build();
    LiveReputation fresh = LiveReputation.builder(ledger, POLICY).tiers(tiers).build();

    assertThat(restarted.latest()).isEmpty();
    assertThat(restarted.standing("b")).contains(savedB);
    assertThat(restarted.standing("c")).isEmpty();
    assertThat(restarted.tier("b")).contains("trusted");
    assertThat(restarted.tier("a")).isEmpty();
    Refresh first = restarted.refresh();
    assertThat(restarted.tier("b")).contains("trusted"); // kept: above the low-water mark
    assertThat(first.tierChanges()).isEmpty();
    assertThat(restarted.standing("b")).isEqualTo(first.current().find("b"));
    assertThat(restarted.standing("b").orElseThrow().points()).isEqualTo(points);
    assertThat(fresh.refresh().current().points("b")).isEqualTo(points);
    assertThat(fresh.tier("b")).isEmpty(); // without the memory: never promoted
    assertThatThrownBy(
            () -> LiveReputation.builder(ledger, POLICY).startFrom(List.of(savedA), saved.tiers()))
        .hasMessage(
            "'b' holds tier 'trusted' but has no standing; tiers are held by contributors with one");
  }

  private static LiveReputation live(Ledger ledger) {
    return LiveReputation.builder(ledger, POLICY).build();
  }

  @Test
  void retractAndMerge_countTowardsRefreshAfter() {
    Ledger ledger = Ledger.create();
    AtomicInteger told = new AtomicInteger();
    LiveReputation live =
        LiveReputation.builder(ledger, POLICY)
            .listener(r -> told.incrementAndGet())
            .refreshAfter(2, Runnable::run)
            .build();
    long ab = live.record(Endorsement.of("a", "b", "upvote", T0));
    live.record(Endorsement.of("c", "b", "upvote", T0)); // second: refreshes
    assertThat(told.get()).isEqualTo(1);

    assertThat(live.retract(ab)).isTrue();
    assertThat(live.retract(ab)).isFalse(); // nothing retracted, nothing counted
    assertThat(told.get()).isEqualTo(1);
    live.merge("c", "a"); // second change: refreshes

    assertThat(told.get()).isEqualTo(2);
    assertThat(ledger.snapshot().retracted(ab)).isTrue();
    assertThat(live.latest().orElseThrow().size()).isEqualTo(2);
    assertThat(live.latest().orElseThrow().rank("c")).isEqualTo(live.latest().get().rank("a"));
    assertThat(live.retract("c", "b", "upvote")).isTrue();
    assertThat(live.retract("c", "b", "upvote")).isFalse();
    assertThat(live.refresh().current().score("a")).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void record_executorRefusesTheRefresh_recordsTellsTheListenersAndAsksAgainNextTime() {
    Ledger ledger = Ledger.create();
    List<RuntimeException> failures = new ArrayList<>();
    LiveReputation live =
        LiveReputation.builder(ledger, POLICY)
            .listener(
                new RefreshListener() {
                  @Override
                  public void refreshed(Refresh refresh) {}

                  @Override
                  public void failed(RuntimeException failure) {
                    failures.add(failure);
                  }
                })
            .refreshAfter(
                1,
                task -> {
                  throw new RejectedExecutionException("executor shut down");
                })
            .build();

    long first = live.record(Endorsement.of("a", "b", "upvote", T0));
    long second = live.record("vote-2", Endorsement.of("b", "a", "upvote", T0));

    assertThat(List.of(first, second)).containsExactly(0L, 1L);
    assertThat(ledger.eventCount()).isEqualTo(2);
    assertThat(failures)
        .hasSize(2)
        .allSatisfy(
            f ->
                assertThat(f)
                    .isInstanceOf(RejectedExecutionException.class)
                    .hasMessage("executor shut down"));
    assertThat(live.record("vote-2", Endorsement.of("b", "a", "upvote", T0))).isEqualTo(1L);
    assertThat(failures).hasSize(2); // a duplicate changes nothing and asks for no refresh
  }

  @Test
  void retractOnContribution_retractsTheVoteAndCountsTowardsRefreshAfter() {
    Ledger ledger = Ledger.create();
    ledger.addContribution("post", T0, "b");
    AtomicInteger told = new AtomicInteger();
    LiveReputation live =
        LiveReputation.builder(ledger, POLICY)
            .listener(r -> told.incrementAndGet())
            .refreshAfter(2, Runnable::run)
            .build();
    long vote = live.record(Endorsement.ofContribution("a", "post", "upvote", T0));

    assertThat(live.retractOnContribution("a", "post", "upvote")).isTrue(); // second change
    assertThat(live.retractOnContribution("a", "post", "upvote")).isFalse(); // none left

    assertThat(told.get()).isEqualTo(1);
    assertThat(ledger.snapshot().retracted(vote)).isTrue();
    assertThat(live.latest().orElseThrow().score("b")).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void refresh_reportsMovesAndPercentileCrossings() {
    LiveReputation live = LiveReputation.builder(Ledger.create(), POLICY).build();
    for (int i = 0; i < 10; i++) {
      live.record(Endorsement.of("fan" + i, "star", "upvote", T0));
    }
    live.record(Endorsement.of("fan0", "riser", "upvote", T0));
    live.refresh();
    for (int i = 1; i < 10; i++) {
      live.record(Endorsement.of("fan" + i, "riser", "upvote", T0));
    }
    live.record(Endorsement.of("star", "riser", "upvote", T0));

    Refresh refresh = live.refresh();

    assertThat(refresh.moved(1)).extracting(Refresh.Move::id).contains("riser");
    Refresh.Move riser =
        refresh.moved(1).stream().filter(m -> m.id().equals("riser")).findFirst().orElseThrow();
    assertThat(riser.previousRank()).isEqualTo(2);
    assertThat(riser.rank()).isEqualTo(1);
    assertThat(refresh.crossed(100)).extracting(Refresh.Move::id).containsExactly("riser", "star");
  }

  @Test
  void tiers_promoteAtTheThreshold_demoteOnlyBelowTheLowWaterMark() {
    Tiers tiers = Tiers.builder().points("trusted", 2.0).points("elder", 10.0).build();

    assertThat(tiers.tierOf(standing(1.99), null)).isEmpty();
    assertThat(tiers.tierOf(standing(2.0), null)).contains("trusted");
    assertThat(tiers.tierOf(standing(1.85), "trusted")).contains("trusted"); // above 1.8
    assertThat(tiers.tierOf(standing(1.79), "trusted")).isEmpty();
    assertThat(tiers.tierOf(standing(1.85), null)).isEmpty(); // not promoted back below 2
    assertThat(tiers.tierOf(standing(9.5), "elder")).contains("elder");
    assertThat(tiers.tierOf(standing(8.9), "elder")).contains("trusted");
    assertThat(tiers.tierOf(standing(1.9), "elder")).contains("trusted"); // held trusted too
  }

  @Test
  void refresh_withTiers_reportsPromotionsAndKeepsMembersAboveLowWater() {
    Tiers tiers = Tiers.builder().percentile("top", 80).build();
    LiveReputation live = LiveReputation.builder(Ledger.create(), POLICY).tiers(tiers).build();
    for (int i = 0; i < 10; i++) {
      live.record(Endorsement.of("m" + i, "m" + ((i + 1) % 10), "upvote", T0));
    }
    live.record(Endorsement.of("m0", "m5", "upvote", T0));
    live.record(Endorsement.of("m2", "m5", "upvote", T0));

    Refresh first = live.refresh();

    assertThat(first.tierChanges()).contains(new Refresh.TierChange("m5", null, "top"));
    assertThat(live.tier("m5")).contains("top");
    assertThat(live.tier("m0")).isEmpty();
  }

  @Test
  void refreshAfter_refreshesOnceEnoughEventsAreRecorded() {
    LiveReputation live =
        LiveReputation.builder(Ledger.create(), POLICY).refreshAfter(3, Runnable::run).build();

    live.record(Endorsement.of("a", "b", "upvote", T0));
    live.record(Endorsement.of("b", "c", "upvote", T0));
    assertThat(live.latest()).isEmpty();
    live.record(Endorsement.of("c", "a", "upvote", T0));

    assertThat(live.latest()).isPresent();
    assertThat(live.latest().orElseThrow().size()).isEqualTo(3);
  }

  @Test
  void refreshEvery_refreshesOnSchedule_andCloseStopsIt() throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    CountDownLatch twice = new CountDownLatch(2);
    Ledger ledger = Ledger.create();
    ledger.record(Endorsement.of("a", "b", "upvote", T0));
    LiveReputation live =
        LiveReputation.builder(ledger, POLICY)
            .refreshEvery(Duration.ofMillis(5), scheduler)
            .listener(
                refresh -> {
                  twice.countDown();
                  ledger.addContributor("c" + twice.getCount()); // so the next one is not idle
                })
            .build();

    assertThat(twice.await(30, TimeUnit.SECONDS)).isTrue();
    live.close();
    Optional<Reputation> atClose = live.latest();

    assertThatThrownBy(live::refresh)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    scheduler.shutdown();
    assertThat(scheduler.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(live.latest()).isEqualTo(atClose);
  }

  @Test
  void aliases_readTheirPersonsStandingAndTier() {
    Ledger ledger = Ledger.create();
    LiveReputation live =
        LiveReputation.builder(ledger, POLICY)
            .tiers(Tiers.builder().percentile("top", 100).build())
            .build();
    live.record(Endorsement.of("a", "b", "upvote", T0));
    live.record(Endorsement.of("c", "b-old", "upvote", T0));
    ledger.merge("b-old", "b");

    live.refresh();

    assertThat(live.tier("b-old")).contains("top");
    assertThat(live.latest().orElseThrow().rank("b-old")).isEqualTo(1);
  }

  private static Standing standing(double points) {
    return new Standing("x", 1, points / 100, points, 50);
  }

  @Test
  void builder_badAccuracyOrExactPeriod_refusedWithTheRange() {
    LiveReputation.Builder builder = LiveReputation.builder(Ledger.create(), POLICY);

    assertThatThrownBy(() -> builder.accuracy(1e-12))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("accuracy 1.0E-12 must be in [1e-10, 1), an L1 bound such as 1e-6");
    assertThatThrownBy(() -> builder.accuracy(Double.NaN))
        .hasMessage("accuracy NaN must be in [1e-10, 1), an L1 bound such as 1e-6");
    assertThatThrownBy(() -> builder.exactEvery(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("exact period PT0S must be positive");
  }

  @Test
  void refreshExact_afterAnIncrementalRefresh_publishesComputeBitForBit_thenIsUnchanged() {
    Ledger ledger = BitcoinOtc.ledger("trust");
    LiveReputation live =
        LiveReputation.builder(ledger, POLICY)
            .accuracy(1e-3)
            .exactEvery(Duration.ofDays(1))
            .build();
    live.refresh();
    live.record(Endorsement.rating("1", "2", "trust", 10, T0));
    live.record(Endorsement.rating("3", "2", "trust", 10, T0));

    Reputation incremental = live.refresh().current();
    Refresh exact = live.refreshExact();
    Reputation compute = Reputation.compute(ledger, POLICY);

    assertThat(incremental.errorBound()).isLessThanOrEqualTo(1e-3);
    assertThat(exact.unchanged()).isFalse();
    for (String id : compute.ids()) {
      assertThat(exact.current().score(id)).as(id).isEqualTo(compute.score(id));
    }
    assertThat(exact.current().errorBound()).isEqualTo(compute.errorBound());
    assertThat(live.refreshExact().unchanged()).isTrue();
    assertThat(live.refresh().unchanged()).isTrue();
  }

  @Test
  void refresh_whenAnExactOneIsDue_isExactEvenWithNothingNew() {
    Ledger ledger = BitcoinOtc.ledger("trust");
    long[] now = {0};
    LiveReputation live =
        LiveReputation.builder(ledger, POLICY)
            .accuracy(1e-3)
            .exactEvery(Duration.ofMinutes(10))
            .clock(() -> now[0])
            .build();
    live.refresh(); // exact: the first
    live.record(Endorsement.rating("1", "2", "trust", 10, T0));
    now[0] = Duration.ofMinutes(5).toNanos();
    Reputation incremental = live.refresh().current();
    Reputation compute = Reputation.compute(ledger, POLICY);

    assertThat(live.refresh().unchanged()).isTrue(); // nothing new, no exact refresh due
    now[0] = Duration.ofMinutes(10).toNanos();
    Refresh due = live.refresh();

    assertThat(incremental.score("2")).isNotEqualTo(compute.score("2"));
    assertThat(due.unchanged()).isFalse();
    for (String id : compute.ids()) {
      assertThat(due.current().score(id)).as(id).isEqualTo(compute.score(id));
    }
    assertThat(live.refresh().unchanged()).isTrue();
  }
}
