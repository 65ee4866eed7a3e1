package dev.wuffie.explore;

import dev.wuffie.LedgerSnapshot;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import java.util.List;

/**
 * The analyses the explorer shows beside the scores, behind one seam, so that the server does not
 * depend on how they are computed:
 *
 * <ul>
 *   <li>{@link #watch()} and {@link #flags(String)}: the gaming watch, from {@code
 *       dev.wuffie.explore.GamingWatch.of(reputation, snapshot)} (its lists of flags by pattern,
 *       and {@code of(id)} for one member), each flag converted to a {@link Views.Flag};
 *   <li>{@link #history(String)}: a member's monthly scores and ranks, from {@code
 *       ScoreHistory.monthly(snapshot, policy).of(id)}, computed once on first use;
 *   <li>{@link #health(Reputation)}: how evenly a policy spreads reputation, from {@code
 *       Reputation.health()} converted to a {@link Views.Health}.
 * </ul>
 *
 * <p>Until those classes are part of the build, this class answers what the page shows as "not
 * available": no flags, an empty history with its reason, and a null health.
 *
 * <p>Immutable; safe to share between the server's threads.
 */
final class Analysis {
  /** The history's reason while no score history is computed. */
  static final String NO_HISTORY = "the score history is not available in this build";

  private final Reputation reputation;
  private final LedgerSnapshot snapshot;
  private final ScoringPolicy policy;

  private Analysis(Reputation reputation, LedgerSnapshot snapshot, ScoringPolicy policy) {
    this.reputation = reputation;
    this.snapshot = snapshot;
    this.policy = policy;
  }

  /** The analyses of {@code reputation}, scored from {@code snapshot} under {@code policy}. */
  static Analysis of(Reputation reputation, LedgerSnapshot snapshot, ScoringPolicy policy) {
    return new Analysis(reputation, snapshot, policy);
  }

  /** The gaming watch: every flag by pattern, largest share first. */
  Views.Watch watch() {
    return Views.Watch.empty();
  }

  /** The flags that name {@code id}, a contributor, largest share first. */
  List<Views.Flag> flags(String id) {
    return List.of();
  }

  /** The monthly score history of {@code id}, a contributor, or its reason for being empty. */
  Views.History history(String id) {
    return new Views.History(List.of(), NO_HISTORY);
  }

  /** The health of {@code scored} (this analysis's reputation, or a what-if's), or null. */
  Views.Health health(Reputation scored) {
    return null;
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
