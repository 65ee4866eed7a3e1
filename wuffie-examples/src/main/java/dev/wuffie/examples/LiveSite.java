package dev.wuffie.examples;

import dev.wuffie.Endorsement;
import dev.wuffie.Ledger;
import dev.wuffie.LiveReputation;
import dev.wuffie.Refresh;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.Standing;
import dev.wuffie.Tiers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A live community site: four request threads record votes while a scheduler refreshes the
 * reputation every 50 ms; each refresh prints who climbed and who changed tier, and the end prints
 * the leaderboard. The part between the markers is the README's "running it in a live site".
 */
public final class LiveSite {
  private static final int MEMBERS = 300;
  private static final int VOTES_PER_THREAD = 25_000;

  private LiveSite() {}

  /** Runs the simulation for about a second and prints what happened. */
  public static void main(String[] args) throws Exception {
    ExecutorService requests = Executors.newFixedThreadPool(4);
    // live-site:begin
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    Tiers tiers = Tiers.builder().percentile("trusted", 90).percentile("elder", 99).build();
    Ledger ledger = Ledger.create();
    LiveReputation live =
        LiveReputation.builder(ledger, ScoringPolicy.builder().build())
            .tiers(tiers)
            .refreshEvery(Duration.ofMillis(50), scheduler)
            .listener(refresh -> report(refresh, ledger.eventCount()))
            .build();
    List<Future<?>> voting = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Random random = new Random(t);
      voting.add(requests.submit(() -> vote(live, random))); // live.record(...) per vote
    }
    for (Future<?> v : voting) {
      v.get();
    }
    Refresh last = live.refresh();
    live.close(); // stops the schedule: the leaderboard below stays still
    for (Standing s : last.current().top(5)) {
      System.out.printf(
          "%d. %-8s %6.2f points  %s%n",
          s.rank(), s.id(), s.points(), live.tier(s.id()).orElse(""));
    }
    scheduler.shutdown();
    // live-site:end
    requests.shutdown();
  }

  /** One request thread: votes that favour members with low numbers, a few of them downvotes. */
  private static void vote(LiveReputation live, Random random) {
    Instant now = Instant.parse("2026-11-01T00:00:00Z");
    for (int i = 0; i < VOTES_PER_THREAD; i++) {
      String voter = member(random);
      String author = member(random);
      String kind = random.nextInt(20) == 0 ? "downvote" : "upvote";
      live.record(Endorsement.of(voter, author, kind, now.plusMillis(i)));
      if (i % 250 == 249) {
        pause(); // requests arrive over time
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A member id, skewed so that a few members get most of the votes. */
  private static String member(Random random) {
    double u = random.nextDouble();
    return "m" + (int) (MEMBERS * u * u * u);
  }

  /** Prints one line per refresh: the votes so far, the biggest climber, the tier changes. */
  private static void report(Refresh refresh, long votes) {
    String climber =
        refresh.moved(1).stream()
            .filter(m -> m.previousRank() > 0 && m.rank() < m.previousRank())
            .max((a, b) -> (a.previousRank() - a.rank()) - (b.previousRank() - b.rank()))
            .map(m -> m.id() + " " + m.previousRank() + " -> " + m.rank())
            .orElse("-");
    System.out.printf(
        "refresh: %,7d votes, %3d members, %2d iterations, top climber %-16s tier changes %d%n",
        votes,
        refresh.current().size(),
        refresh.current().iterations(),
        climber,
        refresh.tierChanges().size());
  }
}
