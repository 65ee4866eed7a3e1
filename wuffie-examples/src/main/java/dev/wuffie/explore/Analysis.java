package dev.wuffie.explore;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import dev.wuffie.LedgerSnapshot;
import dev.wuffie.PolicyHealth;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * The analyses the explorer shows beside the scores, behind one seam, so that the server does not
 * depend on how they are computed:
 *
 * <ul>
 *   <li>{@link #watch()} and {@link #flags(String)}: the gaming watch ({@link GamingWatch#of}),
 *       each flag converted to a {@link Views.Flag};
 *   <li>{@link #history(String)}: a member's monthly scores and ranks ({@link
 *       ScoreHistory#monthly}); empty, with the reason, when the ledger has no live event;
 *   <li>{@link #health(Reputation)}: how evenly a policy spreads reputation ({@link
 *       Reputation#health()}) converted to a {@link Views.Health}.
 * </ul>
 *
 * <p>The watch and the history are computed once, on first use (the history is a full scoring per
 * month: seconds on the bundled network), or ahead of it by {@link #prepareInBackground()}.
 *
 * <p>Safe to share between the server's threads: the first use computes while later callers wait.
 */
final class Analysis {
  /** The history's reason when the ledger has no live event to date points by. */
  static final String NO_HISTORY = "the ledger has no events, so there are no times to score at";

  private final Reputation reputation;
  private final LedgerSnapshot snapshot;
  private final ScoringPolicy policy;
  private final Supplier<GamingWatch> watch;
  private final Supplier<ScoreHistory> history;

  private Analysis(Reputation reputation, LedgerSnapshot snapshot, ScoringPolicy policy) {
    this.reputation = reputation;
    this.snapshot = snapshot;
    this.policy = policy;
    this.watch = Suppliers.memoize(() -> GamingWatch.of(reputation, snapshot));
    this.history = Suppliers.memoize(() -> ScoreHistory.monthly(snapshot, policy));
  }

  /** The analyses of {@code reputation}, scored from {@code snapshot} under {@code policy}. */
  static Analysis of(Reputation reputation, LedgerSnapshot snapshot, ScoringPolicy policy) {
    return new Analysis(reputation, snapshot, policy);
  }

  /**
   * Computes the watch, then the history, on a daemon thread of its own, so that the first page
   * that shows them does not wait; a request that comes first computes it itself (once).
   */
  void prepareInBackground() {
    Thread thread =
        new Thread(
            () -> {
              watch.get();
              history.get();
            },
            "wuffie-explore-analysis");
    thread.setDaemon(true);
    thread.start();
  }

  /** The gaming watch: every flag by pattern, largest share first. */
  Views.Watch watch() {
    GamingWatch w = watch.get();
    return new Views.Watch(views(w.oneEndorser()), views(w.returned()), views(w.newAccounts()));
  }

  /** The flags that name {@code id}, a contributor, largest share first. */
  List<Views.Flag> flags(String id) {
    return views(watch.get().of(id));
  }

  /** The monthly score history of {@code id}, a contributor, or its reason for being empty. */
  Views.History history(String id) {
    ScoreHistory h = history.get();
    if (h.times().isEmpty()) {
      return new Views.History(List.of(), NO_HISTORY);
    }
    List<Views.Point> points = new ArrayList<>();
    for (ScoreHistory.Point p : h.of(id)) {
      points.add(new Views.Point(p.asOf().toString(), p.score(), p.rank()));
    }
    return new Views.History(points, null);
  }

  /** The health of {@code scored} (this analysis's reputation, or a what-if's). */
  Views.Health health(Reputation scored) {
    PolicyHealth h = scored.health();
    return new Views.Health(
        h.evenShare(),
        h.teleportShare(),
        h.returnedShare(),
        h.danglingShare(),
        h.decayShare(),
        h.reciprocalShare(),
        h.capShare(),
        h.top1PercentShare(),
        h.gini(),
        h.hint().orElse(null));
  }

  private static List<Views.Flag> views(List<GamingWatch.Flag> flags) {
    List<Views.Flag> views = new ArrayList<>(flags.size());
    for (GamingWatch.Flag f : flags) {
      views.add(
          new Views.Flag(
              f.pattern(), f.id(), f.rank(), f.score(), f.share(), f.members(), f.text()));
    }
    return views;
  }

  @Override
  public String toString() {
    return "Analysis{contributors="
        + reputation.size()
        + ", events="
        + snapshot.eventCount()
        + ", policy="
        + policy
        + "}";
  }
}
