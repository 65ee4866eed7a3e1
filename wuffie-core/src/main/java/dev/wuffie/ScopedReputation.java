package dev.wuffie;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.wuffie.rank.RankSolver;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reputation within each scope (topic, category) of a ledger: one {@link Reputation} per tag that
 * contributions carry ({@link LedgerEntry.Contribution#tagged}), all computed by one call.
 *
 * <p><b>Definition.</b> The score within the scope of tag {@code t} is topic-sensitive PageRank
 * (Haveliwala's): the fixed point of {@link RankSolver}'s equation on the scope's graph {@code G_t}
 * with the scope's teleport distribution {@code p^t}, where
 *
 * <ul>
 *   <li>{@code G_t} is compiled exactly as the global graph is (kind weights, decay, saturation of
 *       each pair's sum, the reciprocal weight, weight released by decay going to the teleport; see
 *       {@link ScoringPolicy}), over the same persons, from the live events that are
 *       <em>endorsements of members</em> (an endorsement whose target is a contributor) or
 *       <em>endorsements of contributions tagged {@code t}</em>. Endorsements of contributions
 *       without the tag are left out: an upvote of an answer about baking says nothing of brewing.
 *   <li>{@code p^t_v} is proportional to the activity of {@code v} in the scope: the sum, over the
 *       contributions tagged {@code t} made up to {@code asOf}, of {@code decay(asOf - time)} times
 *       {@code v}'s authorship share. If that is zero for everyone (every such contribution is
 *       after {@code asOf}, or decayed to nothing), {@code p^t} is uniform, as for the global
 *       activity teleport. The policy's own teleport setting (uniform, seeds, activity) is for the
 *       global score; a scope's walk always restarts at the scope's active members.
 *   <li>Distrust and the influence cap apply to each scope as to the global score, from the same
 *       events: distrust of members, and of contributions tagged {@code t}.
 * </ul>
 *
 * <p><b>Why endorsements between members count in every scope.</b> Trust between people (a follow,
 * thanks, a trust rating) is not about a topic: a member whom the scope's active members trust is
 * likely to be worth hearing in the scope, and Haveliwala's construction keeps the whole link graph
 * for every topic and changes only where the walk restarts. The teleport, and the endorsements of
 * tagged contributions, are what make a scope differ. A consequence the tests pin down: a scope
 * that every contribution carries equals the global reputation under the policy with {@link
 * ScoringPolicy.Builder#activityPrior()} (same events, same graph, same teleport).
 *
 * <pre>{@code
 * ledger.addContribution(LedgerEntry.contribution("answer-17", now, "bob").tagged("brewing"));
 * ledger.record(Endorsement.ofContribution("alice", "answer-17", "upvote", now));
 * ScopedReputation scopes = ScopedReputation.compute(ledger, policy);
 * scopes.scope("brewing").top(10); // "top in #brewing"
 * }</pre>
 *
 * <p><b>Cost.</b> One compile of the ledger (the checks, the sort of the events, the persons and
 * one pass over the contributions for every scope's teleport shared; and, unless an event distrusts
 * or the policy damps reciprocal pairs, the endorsements between members summed, saturated and
 * weighed once for all the scopes), then per scope a pass over the events it keeps of its own (its
 * endorsements of contributions, or every event it keeps in the other case) to sum its pairs, and
 * its graph build, the scopes on all processors; one solve of every scope together ({@link
 * RankSolver#solveAll}): a single pass per iteration over the in-edges, where an endorsement that
 * weighs the same in every scope (most endorsements between members) is read once for all the
 * scopes, until every scope converged, a converged scope's entries no longer read; then each
 * scope's reputation (cap, distrust, ranks), on all processors. <b>Memory per scope:</b> its graph
 * (12 bytes per contributor and 8 to 12 bytes per endorsing pair in it, the member endorsements in
 * every scope), its pair sums (about 40 bytes per pair of its own, the member pairs' sums kept once
 * for all while compiling) and teleport (8 bytes per contributor), its reputation's arrays (about
 * 28 bytes per contributor); and while solving, 40 bytes per contributor, its teleport (8 bytes per
 * contributor, or 12 per contributor active in the scope when at most a quarter of all the scopes'
 * entries are not zero) and 16 bytes per pair whose weight is the scope's own, plus 12 bytes per
 * pair that weighs the same in every scope, once for all.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class ScopedReputation {
  private final Map<String, Reputation> scopes; // by tag, in tag order

  private ScopedReputation(Map<String, Reputation> scopes) {
    this.scopes = scopes;
  }

  /**
   * Scores what {@code ledger} holds now under {@code policy} within every tag its contributions
   * carry (none if no contribution has a tag).
   *
   * @throws NullPointerException if an argument is null
   * @throws UnknownKindException if the ledger holds live events of kinds the policy does not know
   * @throws IllegalArgumentException if the ledger has no contributor, or holds events whose value
   *     does not fit their kind
   */
  public static ScopedReputation compute(Ledger ledger, ScoringPolicy policy) {
    checkNotNull(ledger, "ledger is null");
    checkNotNull(policy, "policy is null");
    LedgerSnapshot snapshot = ledger.snapshot();
    return compute(snapshot, new Scorer(policy), tagsOf(snapshot));
  }

  /**
   * Scores what {@code ledger} holds now under {@code policy} within each of {@code tags}: fewer
   * scopes than every tag cost less.
   *
   * @throws NullPointerException if an argument or a tag is null
   * @throws UnknownKindException if the ledger holds live events of kinds the policy does not know
   * @throws IllegalArgumentException if no contribution of the ledger has one of {@code tags}, the
   *     ledger has no contributor, or holds events whose value does not fit their kind
   */
  public static ScopedReputation compute(
      Ledger ledger, ScoringPolicy policy, Collection<String> tags) {
    checkNotNull(ledger, "ledger is null");
    checkNotNull(policy, "policy is null");
    checkNotNull(tags, "tags is null");
    TreeSet<String> sorted = new TreeSet<>();
    for (String tag : tags) {
      checkNotNull(tag, "a tag is null");
      sorted.add(tag);
    }
    return compute(ledger.snapshot(), new Scorer(policy), sorted);
  }

  /**
   * Scores {@code snapshot} with {@code scorer} within each of {@code tags}, which the snapshot's
   * contributions must carry; {@link LiveReputation} scores its scopes through here.
   */
  static ScopedReputation compute(LedgerSnapshot snapshot, Scorer scorer, SortedSet<String> tags) {
    int[] indices = new int[tags.size()];
    int i = 0;
    for (String tag : tags) {
      OptionalInt index = snapshot.tagIndex(tag);
      checkArgument(
          index.isPresent(),
          "no contribution has tag '%s'; the ledger's tags are %s",
          tag,
          tagsOf(snapshot));
      indices[i++] = index.getAsInt();
    }
    Reputation[] reputations = scorer.scoreScopes(snapshot, indices);
    Map<String, Reputation> byTag = new LinkedHashMap<>();
    i = 0;
    for (String tag : tags) {
      byTag.put(tag, reputations[i++]);
    }
    return new ScopedReputation(Collections.unmodifiableMap(byTag));
  }

  /** No scope: what a live reputation publishes while no contribution carries a tag it keeps. */
  static ScopedReputation none() {
    return new ScopedReputation(Map.of());
  }

  /** The tags scored, in {@link String#compareTo} order. */
  public Set<String> scopes() {
    return scopes.keySet();
  }

  /**
   * The reputation within the scope of {@code tag}: scores, ranks, percentiles, {@code top(k)} and
   * explanations, as {@link Reputation} gives them for the whole ledger.
   *
   * @throws NullPointerException if {@code tag} is null
   * @throws IllegalArgumentException if {@code tag} was not scored
   */
  public Reputation scope(String tag) {
    checkNotNull(tag, "tag is null");
    Reputation reputation = scopes.get(tag);
    checkArgument(
        reputation != null,
        "no scope '%s'; the scopes are %s (a scope is a tag that contributions carry)",
        tag,
        scopes.keySet());
    return reputation;
  }

  /** Whether every scope's solve converged (see {@link Reputation#converged()}). */
  public boolean converged() {
    return scopes.values().stream().allMatch(Reputation::converged);
  }

  @Override
  public String toString() {
    return "ScopedReputation" + scopes.keySet();
  }

  /** Every tag that a contribution of {@code snapshot} carries, in order. */
  static TreeSet<String> tagsOf(LedgerSnapshot snapshot) {
    TreeSet<String> tags = new TreeSet<>();
    for (int k = 0; k < snapshot.tagCount(); k++) {
      tags.add(snapshot.tagName(k));
    }
    return tags;
  }
}
