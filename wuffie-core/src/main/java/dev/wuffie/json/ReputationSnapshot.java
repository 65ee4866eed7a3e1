package dev.wuffie.json;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.wuffie.Refresh;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.Standing;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link Reputation} as a plain value that can be stored and read back: every contributor's
 * standing, how the solver ended, the policy and the time the scores are as of, and when the
 * snapshot was made. A site writes one after each refresh ({@link ReputationJson#write(
 * ReputationSnapshot, java.nio.file.Path)}) and serves pages from the latest one, or keeps them to
 * see how standings move.
 *
 * <pre>{@code
 * ReputationSnapshot snapshot = ReputationSnapshot.of(reputation, Instant.now());
 * ReputationJson.write(snapshot, Path.of("reputation.json"));      // atomic
 * ReputationSnapshot back = ReputationJson.read(Path.of("reputation.json")); // equals snapshot
 * }</pre>
 *
 * <p>The constructor checks that the standings are consistent: ranks {@code 1, 2, ...} in order,
 * ids non-empty and distinct, scores in {@code [0, 1]} and not increasing, points finite and
 * non-negative, percentiles in {@code [0, 100]}. Equality is a record's: two snapshots are equal
 * when every field is, doubles compared bit for bit.
 *
 * @param createdAt when the snapshot was made
 * @param asOf the time the scores are as of, when the reputation was computed from a ledger with
 *     events (see {@link Reputation#asOf()})
 * @param policy the policy the reputation was computed with, when it was computed from a ledger
 * @param converged whether the solver converged within its tolerance
 * @param iterations how many solver iterations ran
 * @param residual the L1 change made by the last iteration
 * @param standings every contributor's standing, best first (the order of {@link
 *     Reputation#top(int)})
 * @param tiers the tier each contributor with one holds, by id (see {@link
 *     dev.wuffie.LiveReputation#tier(String)}); empty when there are none
 */
public record ReputationSnapshot(
    Instant createdAt,
    Optional<Instant> asOf,
    Optional<ScoringPolicy> policy,
    boolean converged,
    int iterations,
    double residual,
    List<Standing> standings,
    Map<String, String> tiers) {

  /**
   * Checks every field and takes an unmodifiable copy of the standings.
   *
   * @throws NullPointerException if a field or a standing is null
   * @throws IllegalArgumentException if {@code iterations} or {@code residual} is negative (or the
   *     residual NaN), the standings are not consistent (see the class javadoc), or a tier is empty
   *     or held by an id without a standing
   */
  public ReputationSnapshot {
    checkNotNull(createdAt, "createdAt is null; give the time the snapshot was made");
    checkNotNull(asOf, "asOf is null; pass Optional.empty() when there is none");
    checkNotNull(policy, "policy is null; pass Optional.empty() when there is none");
    checkArgument(iterations >= 0, "iterations %s is negative", iterations);
    checkArgument(residual >= 0, "residual %s must be a number >= 0", residual);
    checkNotNull(standings, "standings is null");
    standings = List.copyOf(standings);
    Set<String> ids = new HashSet<>();
    for (int r = 0; r < standings.size(); r++) {
      Standing s = standings.get(r);
      checkArgument(
          s.rank() == r + 1,
          "standing %s (%s) has rank %s; standings are best first with ranks 1, 2, 3, ...",
          r + 1,
          s.id(),
          s.rank());
      checkArgument(
          s.id() != null && !s.id().isEmpty(), "standing %s has no id; give every id", r + 1);
      checkArgument(ids.add(s.id()), "contributor '%s' has two standings; give one each", s.id());
      checkArgument(
          s.score() >= 0 && s.score() <= 1,
          "score %s of '%s' is not in [0, 1]; a score is a share of all reputation",
          s.score(),
          s.id());
      checkArgument(
          r == 0 || s.score() <= standings.get(r - 1).score(),
          "'%s' at rank %s has a higher score than the contributor ranked above it; standings are"
              + " best first",
          s.id(),
          s.rank());
      checkArgument(
          Double.isFinite(s.points()) && s.points() >= 0,
          "points %s of '%s' must be a finite number >= 0",
          s.points(),
          s.id());
      checkArgument(
          s.percentile() >= 0 && s.percentile() <= 100,
          "percentile %s of '%s' is not in [0, 100]",
          s.percentile(),
          s.id());
    }
    checkNotNull(tiers, "tiers is null; pass Map.of() when there are none");
    for (Map.Entry<String, String> tier : tiers.entrySet()) {
      checkArgument(
          ids.contains(tier.getKey()),
          "'%s' holds tier '%s' but has no standing; tiers are held by contributors with one",
          tier.getKey(),
          tier.getValue());
      checkArgument(
          tier.getValue() != null && !tier.getValue().isEmpty(),
          "the tier of '%s' is empty; give it a name",
          tier.getKey());
    }
    tiers = Map.copyOf(tiers);
  }

  /**
   * A snapshot of {@code reputation}, made at {@code createdAt}: {@code O(n)} for {@code n}
   * contributors.
   *
   * @throws NullPointerException if an argument is null
   */
  public static ReputationSnapshot of(Reputation reputation, Instant createdAt) {
    checkNotNull(reputation, "reputation is null");
    return of(reputation, Map.of(), createdAt);
  }

  /**
   * A snapshot of what {@code refresh} published: its reputation and the tiers assigned with it,
   * made at {@code createdAt}. A site writes one after each refresh so that a {@link
   * dev.wuffie.LiveReputation} can start from it after a restart ({@link
   * dev.wuffie.LiveReputation.Builder#startFrom}) and keep its tiers' memory. {@code O(n)}.
   *
   * @throws NullPointerException if an argument is null
   */
  public static ReputationSnapshot of(Refresh refresh, Instant createdAt) {
    checkNotNull(refresh, "refresh is null");
    return of(refresh.current(), refresh.tiers(), createdAt);
  }

  private static ReputationSnapshot of(
      Reputation reputation, Map<String, String> tiers, Instant createdAt) {
    return new ReputationSnapshot(
        createdAt,
        reputation.asOf(),
        reputation.policy(),
        reputation.converged(),
        reputation.iterations(),
        reputation.residual(),
        reputation.top(reputation.size()),
        tiers);
  }

  /** The number of contributors. */
  public int size() {
    return standings.size();
  }
}
