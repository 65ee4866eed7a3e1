package dev.wuffie.spring;

import dev.wuffie.LiveReputation;
import dev.wuffie.PersonalTrust;
import dev.wuffie.Reputation;
import dev.wuffie.ScopedReputation;
import dev.wuffie.Standing;
import dev.wuffie.UnknownContributorException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a site's pages ask of wuffie beyond the global scores, one call each: "top in #brewing"
 * ({@link #top(String, int)}), a member's standing within a scope ({@link #standing(String,
 * String)}), "members you would trust" ({@link #trustedBy(String, int)}) and "how much do the
 * people X trusts trust Y" ({@link #circleTrust(String, String)}). Every call reads the latest
 * state that the {@link LiveReputation} published (never blocking, never waiting for a refresh);
 * scopes come from {@code wuffie.scopes}.
 *
 * <pre>{@code
 * @GetMapping("/scopes/{tag}/top")
 * List<Standing> top(@PathVariable String tag) {
 *   return reputations.top(tag, 10);
 * }
 * }</pre>
 *
 * <p>Errors a web layer maps: {@link UnknownScopeException} (a 404) for a scope not published,
 * {@link UnknownContributorException} (a 404) for a member the published reputation does not know,
 * {@link IllegalArgumentException} (a 400) for a bad {@code k} or a member who endorses no one (in
 * {@code circleTrust}), and {@link IllegalStateException} (a 503) before the first refresh.
 *
 * <p>Cost: a scope's {@code top(k)} is {@code O(k)}; {@code standing} {@code O(1)}; the trust
 * queries are forward pushes over the published reputation's trust graph to {@link
 * PersonalTrust#DEFAULT_ACCURACY} (see {@link Reputation#trustFrom(String)}), the first of them on
 * each published graph also forming its out-edges ({@code O(n + m)}). Thread-safe.
 */
public final class WuffieReputations {
  private final LiveReputation live;
  private final SortedSet<String> asked; // the tags of wuffie.scopes; null: every tag, or none

  WuffieReputations(LiveReputation live, List<String> scopes) {
    this.live = live;
    this.asked = scopes.isEmpty() || scopes.contains("*") ? null : new TreeSet<>(scopes);
  }

  /**
   * The scopes published with the latest reputation, in order: the tags of {@code wuffie.scopes}
   * that a contribution carried at that refresh (every such tag with {@code *}). Empty before the
   * first refresh and when no scopes are kept.
   */
  public Set<String> scopes() {
    return live.scopes().map(ScopedReputation::scopes).orElse(Set.of());
  }

  /**
   * The latest reputation within the scope of {@code tag}: scores, ranks, {@code top(k)}, {@code
   * explain(id)}.
   *
   * @throws NullPointerException if {@code tag} is null
   * @throws UnknownScopeException if no such scope is published
   * @throws IllegalStateException before the first refresh
   */
  public Reputation scope(String tag) {
    Objects.requireNonNull(tag, "scope tag is null");
    latest();
    ScopedReputation scopes =
        live.scopes()
            .orElseThrow(
                () ->
                    new UnknownScopeException(
                        "no scope '"
                            + tag
                            + "': wuffie keeps no scopes here; list the tags to keep in"
                            + " wuffie.scopes, or * for every tag",
                        tag));
    if (!scopes.scopes().contains(tag)) {
      String why =
          asked == null
              ? "no contribution carries tag '" + tag + "'"
              : asked.contains(tag)
                  ? "wuffie.scopes keeps it, but no contribution carried it at the last refresh"
                  : "wuffie.scopes does not keep it (it keeps " + asked + ")";
      throw new UnknownScopeException(
          "no scope '" + tag + "': " + why + "; the scopes are " + scopes.scopes(), tag);
    }
    return scopes.scope(tag);
  }

  /**
   * The best {@code k} members within the scope of {@code tag}, best first ("top in #brewing").
   *
   * @throws NullPointerException if {@code tag} is null
   * @throws IllegalArgumentException if {@code k} is negative
   * @throws UnknownScopeException if no such scope is published
   * @throws IllegalStateException before the first refresh
   */
  public List<Standing> top(String tag, int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k = " + k + "; ask for the top k with k >= 0");
    }
    return scope(tag).top(k);
  }

  /**
   * The standing of member {@code id} within the scope of {@code tag}: score, rank, percentile,
   * points.
   *
   * @throws NullPointerException if an argument is null
   * @throws UnknownScopeException if no such scope is published
   * @throws UnknownContributorException if the scope's reputation does not know {@code id}
   * @throws IllegalStateException before the first refresh
   */
  public Standing standing(String tag, String id) {
    Objects.requireNonNull(id, "member id is null");
    return scope(tag).standing(id);
  }

  /**
   * The {@code k} members that {@code viewer} would trust most, {@code viewer} excluded, best
   * first: personalized PageRank from {@code viewer} over the latest reputation's trust graph
   * ({@link Reputation#trustFrom(String)}), to within {@link PersonalTrust#DEFAULT_ACCURACY} in L1.
   * Through the members {@code viewer} endorses and the ones they endorse, it is "trusted by the
   * people you trust".
   *
   * @throws NullPointerException if {@code viewer} is null
   * @throws IllegalArgumentException if {@code k} is negative
   * @throws UnknownContributorException if {@code viewer} is not a scored member
   * @throws IllegalStateException before the first refresh
   */
  public List<PersonalTrust.Trusted> trustedBy(String viewer, int k) {
    Objects.requireNonNull(viewer, "viewer id is null");
    if (k < 0) {
      throw new IllegalArgumentException("k = " + k + "; ask for the top k with k >= 0");
    }
    return latest().trustFrom(viewer).top(k);
  }

  /**
   * How much the circle of {@code member} (the members it endorses, weighted by its endorsements)
   * trusts {@code target}: {@link Reputation#trustFromCircleOf(String)}'s score of {@code target},
   * a lower bound within {@link PersonalTrust#DEFAULT_ACCURACY} of the exact one.
   *
   * @throws NullPointerException if an argument is null
   * @throws UnknownContributorException if {@code member} or {@code target} is not a scored member
   * @throws IllegalArgumentException if {@code member} endorses no one
   * @throws IllegalStateException before the first refresh
   */
  public double circleTrust(String member, String target) {
    Objects.requireNonNull(member, "member id is null");
    Objects.requireNonNull(target, "target id is null");
    Reputation reputation = latest();
    reputation.standing(target); // an unknown target: UnknownContributorException before the push
    return reputation.trustFromCircleOf(member).score(target);
  }

  private Reputation latest() {
    return live.latest()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no scores yet: wuffie publishes them at its first refresh, once the ledger"
                        + " holds a member; try again shortly"));
  }
}
