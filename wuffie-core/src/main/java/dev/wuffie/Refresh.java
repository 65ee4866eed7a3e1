package dev.wuffie;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What one refresh of a {@link LiveReputation} changed: the reputation before and after, who moved
 * and who changed tier, and the scopes published with each reputation when the live reputation
 * keeps them ({@link LiveReputation.Builder#scopes()}). Sites turn it into notifications ("you are
 * now in the top 10%") and privileges.
 *
 * <p>Immutable and safe to share between threads. Each query is {@code O(n)} over the contributors.
 */
public final class Refresh {
  private final Reputation previous; // null for the first refresh
  private final Reputation current;
  private final Map<String, String> previousTiers;
  private final Map<String, String> tiers;
  private final ScopedReputation previousScopes; // null: none kept, or the first refresh
  private final ScopedReputation scopes; // null: none kept

  Refresh(
      Reputation previous,
      Reputation current,
      Map<String, String> previousTiers,
      Map<String, String> tiers,
      ScopedReputation previousScopes,
      ScopedReputation scopes) {
    this.previous = previous;
    this.current = current;
    this.previousTiers = Map.copyOf(previousTiers);
    this.tiers = Map.copyOf(tiers);
    this.previousScopes = previousScopes;
    this.scopes = scopes;
  }

  /**
   * A contributor's move between two refreshes.
   *
   * @param id the contributor
   * @param previousRank its rank before, 0 if it is new
   * @param rank its rank now
   * @param previousPercentile its percentile before, NaN if it is new
   * @param percentile its percentile now
   */
  public record Move(
      String id, int previousRank, int rank, double previousPercentile, double percentile) {}

  /**
   * A change of tier.
   *
   * @param id the contributor
   * @param from the tier it held, or null
   * @param to the tier it holds now, or null
   */
  public record TierChange(String id, String from, String to) {}

  /** The reputation before this refresh; empty for the first one. */
  public Optional<Reputation> previous() {
    return Optional.ofNullable(previous);
  }

  /**
   * Whether this refresh found the ledger as the last one left it and so published nothing new:
   * then {@link #previous()} and {@link #current()} are the same instance, and nobody moved or
   * changed tier.
   */
  public boolean unchanged() {
    return previous == current;
  }

  /** The reputation this refresh published. */
  public Reputation current() {
    return current;
  }

  /**
   * The scopes this refresh published with {@link #current()}, scored from the same ledger snapshot
   * (see {@link LiveReputation#scopes()}); empty when the live reputation keeps no scopes.
   */
  public Optional<ScopedReputation> scopes() {
    return Optional.ofNullable(scopes);
  }

  /**
   * The scopes published with {@link #previous()}; empty for the first refresh, and when the live
   * reputation keeps no scopes.
   */
  public Optional<ScopedReputation> previousScopes() {
    return Optional.ofNullable(previousScopes);
  }

  /** The tiers held after this refresh, by contributor id (only contributors with a tier). */
  public Map<String, String> tiers() {
    return tiers;
  }

  /**
   * The contributors whose rank changed by at least {@code ranks} places either way, and the new
   * ones, best current rank first.
   *
   * @throws IllegalArgumentException if {@code ranks < 1}
   */
  public List<Move> moved(int ranks) {
    checkArgument(ranks >= 1, "ranks = %s; ask for moves of at least 1 rank", ranks);
    return moves(m -> m.previousRank() == 0 || Math.abs(m.rank() - m.previousRank()) >= ranks);
  }

  /**
   * The contributors whose percentile crossed {@code percentile} either way since the last refresh
   * (new contributors count as coming from below), best current rank first.
   *
   * @throws IllegalArgumentException if {@code percentile} is not in {@code [0, 100]}
   */
  public List<Move> crossed(double percentile) {
    checkArgument(
        percentile >= 0 && percentile <= 100, "percentile %s must be in [0, 100]", percentile);
    return moves(
        m -> {
          boolean before = m.previousRank() != 0 && m.previousPercentile() >= percentile;
          return before != m.percentile() >= percentile;
        });
  }

  /** Every change of tier since the last refresh, by id. */
  public List<TierChange> tierChanges() {
    TreeSet<String> ids = new TreeSet<>(previousTiers.keySet());
    ids.addAll(tiers.keySet());
    List<TierChange> changes = new ArrayList<>();
    for (String id : ids) {
      String from = previousTiers.get(id);
      String to = tiers.get(id);
      if (!Objects.equals(from, to)) {
        changes.add(new TierChange(id, from, to));
      }
    }
    return changes;
  }

  private List<Move> moves(java.util.function.Predicate<Move> keep) {
    List<Move> moves = new ArrayList<>();
    for (Standing now : current.top(current.size())) {
      Optional<Standing> before = previous == null ? Optional.empty() : previous.find(now.id());
      Move move =
          new Move(
              now.id(),
              before.map(Standing::rank).orElse(0),
              now.rank(),
              before.map(Standing::percentile).orElse(Double.NaN),
              now.percentile());
      if (keep.test(move)) {
        moves.add(move);
      }
    }
    return moves;
  }

  @Override
  public String toString() {
    return "Refresh{contributors="
        + current.size()
        + ", iterations="
        + current.iterations()
        + ", tierChanges="
        + tierChanges().size()
        + "}";
  }
}
