package dev.wuffie.explore;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.wuffie.Ledger;
import dev.wuffie.LedgerSnapshot;
import dev.wuffie.PersonalTrust;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code wuffie explore} serves: a ledger scored under a policy, read for the page. It keeps
 * the ledger's snapshot, the policy, the current {@link Reputation} read for the leaderboard and
 * member pages (a {@link Ranking}), the ledger's scopes ({@link Scopes}: the reputation within each
 * tag, computed once when first asked for), and the last few viewers' personal trust ({@link
 * TrustCache}). A what-if ({@link #whatIf(ScoringPolicy)}) re-scores the same snapshot under
 * another policy and compares the rankings.
 *
 * <pre>{@code
 * Reputation reputation = Reputation.compute(ledger, policy);
 * Explorer explorer = Explorer.of(ledger, reputation, "my site", List.of());
 * ExploreServer server =
 *     ExploreServer.start(explorer, new InetSocketAddress("127.0.0.1", 0), new PrintWriter(System.err, true));
 * }</pre>
 *
 * <p>Cost: building it is {@code O(n)} over the reputation's n members (the ranking is the
 * reputation's); a leaderboard page is {@code O(limit)}, a search {@code O(n)}, a member {@code
 * O(in-degree log in-degree + out-degree log out-degree)} (the first one {@code O(n + m)} more, to
 * form the out-going endorsements); the scopes as {@link Scopes} says; a viewer's trust one forward
 * push ({@link PersonalTrust}) and {@code O(t log k)} per page; a what-if is a full scoring plus
 * {@code O(n log n)}.
 *
 * <p>Immutable once built (the ledger must not change while it is explored); safe to share between
 * the server's threads.
 */
public final class Explorer {
  private final Ledger ledger;
  private final LedgerSnapshot snapshot;
  private final ScoringPolicy policy;
  private final Reputation reputation;
  private final String title;
  private final List<String> summary;
  private final Ranking ranking;
  private final Analysis analysis;
  private final Scopes scopes;
  private final TrustCache trust;

  private Explorer(Ledger ledger, Reputation reputation, String title, List<String> summary) {
    this.ledger = ledger;
    this.snapshot = ledger.snapshot();
    this.policy = reputation.policy().orElseThrow();
    this.reputation = reputation;
    this.title = title;
    this.summary = List.copyOf(summary);
    this.ranking = new Ranking(reputation);
    this.analysis = Analysis.of(reputation, snapshot, policy);
    this.scopes = Scopes.of(ledger, snapshot, reputation, policy);
    this.trust = new TrustCache(reputation);
  }

  /**
   * An explorer of {@code reputation}, which was computed from {@code ledger} with {@link
   * Reputation#compute(Ledger, ScoringPolicy)}.
   *
   * @param title what the page calls the input
   * @param summary the summary lines that {@code wuffie score} prints for the input
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code reputation} was not computed from a ledger
   */
  public static Explorer of(
      Ledger ledger, Reputation reputation, String title, List<String> summary) {
    checkNotNull(ledger, "ledger is null");
    checkNotNull(reputation, "reputation is null");
    checkNotNull(title, "title is null");
    checkNotNull(summary, "summary is null");
    checkArgument(
        reputation.policy().isPresent(),
        "the reputation was computed from a bare graph; explore a reputation computed from a"
            + " ledger with Reputation.compute(ledger, policy)");
    return new Explorer(ledger, reputation, title, summary);
  }

  /** The current reputation. */
  Reputation reputation() {
    return reputation;
  }

  /** The policy the current reputation was computed with. */
  ScoringPolicy policy() {
    return policy;
  }

  /**
   * Starts computing the gaming watch, the score history and the scopes' reputations on daemon
   * threads, so that the first page that shows them need not wait (the history is a full scoring
   * per month of the ledger's span; the scopes one solve of them all); without this call they are
   * computed on first use. Returns at once.
   */
  public void prepareInBackground() {
    analysis.prepareInBackground();
    scopes.prepareInBackground();
  }

  /** The analyses of the current reputation (gaming watch, history, health). */
  Analysis analysis() {
    return analysis;
  }

  /** The scopes of the ledger. */
  Scopes scopes() {
    return scopes;
  }

  /** What the page calls the input. */
  String title() {
    return title;
  }

  /** The summary lines {@code wuffie score} prints for the input. */
  List<String> summary() {
    return summary;
  }

  /**
   * The reading of the whole ledger's reputation ({@code scope} null), or of the scope of tag
   * {@code scope}; empty if no contribution has that tag.
   */
  Optional<Ranking> ranking(String scope) {
    return scope == null ? Optional.of(ranking) : scopes.ranking(scope);
  }

  /**
   * One member in {@code within} (a ranking of this explorer, of scope {@code scope} or null for
   * the whole ledger): standing, explanation, what it passes on and its flags in the gaming watch
   * (of the global score); empty if {@code id} is not a contributor. An alias merged into a person
   * reads the person.
   */
  Optional<Views.Member> member(String id, Ranking within, String scope) {
    return within.member(id, scope, analysis::flags);
  }

  /** The monthly score history of {@code id}, or empty if it is not a contributor. */
  Optional<Views.History> history(String id) {
    return reputation.find(id).map(s -> analysis.history(s.id()));
  }

  /**
   * The members {@code from} would trust ({@link Reputation#trustFrom(String)}), best first, {@code
   * from} excluded: {@code limit} of them from the {@code offset + 1}-th; empty if {@code from} is
   * not a contributor. An alias reads the person it was merged into.
   */
  Optional<Views.TrustedPage> trusted(String from, int offset, int limit) {
    return reputation
        .find(from)
        .map(
            viewer -> {
              PersonalTrust view = trust.from(viewer.id());
              List<PersonalTrust.Trusted> top =
                  view.top((int) Math.min(Integer.MAX_VALUE, (long) offset + limit));
              List<Views.TrustedRow> rows = new ArrayList<>();
              for (int i = offset; i < top.size(); i++) {
                PersonalTrust.Trusted t = top.get(i);
                rows.add(new Views.TrustedRow(i + 1, t.id(), t.score(), reputation.rank(t.id())));
              }
              return new Views.TrustedPage(
                  viewer.id(),
                  view.score(viewer.id()),
                  view.reached() - view.viewers().size(),
                  offset,
                  rows,
                  view.reached(),
                  view.errorBound(),
                  view.accuracy(),
                  reputation.result().damping());
            });
  }

  /**
   * Re-scores the explored ledger under {@code whatIf} and compares it with the current scores.
   *
   * @throws IllegalArgumentException if the ledger cannot be scored under {@code whatIf} (a kind it
   *     does not know, a seed that is not a contributor); the message says which
   */
  WhatIf whatIf(ScoringPolicy whatIf) {
    long start = System.nanoTime();
    Reputation after = Reputation.compute(ledger, whatIf);
    long nanos = System.nanoTime() - start;
    return WhatIf.compare(reputation, after, nanos);
  }
}
