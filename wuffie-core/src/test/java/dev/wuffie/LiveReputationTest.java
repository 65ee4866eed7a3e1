package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.rank.RankSolver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    for (String id : cold.ids()) {
      assertThat(second.current().score(id)).as(id).isCloseTo(cold.score(id), within(1e-11));
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
  void refresh_failing_keepsThePublishedReputation() {
    Ledger ledger = Ledger.create();
    LiveReputation live = LiveReputation.builder(ledger, POLICY).build();
    live.record(Endorsement.of("a", "b", "upvote", T0));
    Reputation published = live.refresh().current();
    ledger.record(Endorsement.of("a", "c", "retweet", T0)); // behind the policy's back

    assertThatThrownBy(live::refresh).hasMessageContaining("kinds the policy does not know");
    assertThat(live.latest()).containsSame(published);
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
            .listener(refresh -> twice.countDown())
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
}
