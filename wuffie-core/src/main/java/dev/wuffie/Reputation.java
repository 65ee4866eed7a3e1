package dev.wuffie;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.rank.RankResult;
import dev.wuffie.rank.RankSolver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * The reputation of every contributor of an endorsement graph: scores, ranks, percentiles and the
 * leaderboard, read by contributor id.
 *
 * <p>A score is the contributor's share of all reputation: scores are non-negative and sum to 1
 * (see {@link RankSolver} for the formula). Rank 1 is the highest score; equal scores are ordered
 * by id ({@link String#compareTo}), so ranks are a strict order. A percentile is the percentage of
 * the <em>other</em> contributors whose score is strictly lower: 100 for a sole leader, 0 for the
 * lowest, equal for equal scores; 100 when there is a single contributor.
 *
 * <pre>{@code
 * Reputation reputation = Reputation.compute(graph);
 * reputation.top(10).forEach(s -> System.out.println(s.rank() + " " + s.id()));
 * double bob = reputation.score("bob");
 * }</pre>
 *
 * <p>Methods taking an id throw {@link UnknownContributorException} (an {@code
 * IllegalArgumentException}) for an id the graph does not contain; {@link #find(String)} is the
 * variant that returns an empty {@code Optional} instead.
 *
 * <p>Cost: computing is the solver's cost plus an {@code O(n log n)} sort for the ranks; reads are
 * {@code O(1)} (a hash lookup), {@code top(k)} is {@code O(k)}.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class Reputation {
  private final EndorsementGraph graph;
  private final RankResult result;
  private final int iterations;
  private final boolean converged;
  private final double[] scores;
  private final ToIntFunction<String> indexOf; // -1 for an id that is not a contributor
  private final Explainer explainer;
  private final ScoringPolicy policy; // null when scored from a bare graph
  private final Instant asOf; // null when scored from a bare graph or a ledger without events
  private final long refusedEvents;
  private final long[] refusedExamples;
  private final double errorBound;
  private final int[] byRank;
  private final int[] rankOf;
  private final int[] lowerCount;
  private final PolicyHealth health;

  /**
   * A reputation of the contributors of {@code graph}, as the {@link Scorer} computed it: ranks the
   * scores and keeps the rest for the accessors.
   *
   * @param byId the contributors' indices in id order, which makes ranking a radix sort; or null
   * @param result the solver's result (the trust scores before distrust)
   * @param iterations the solver iterations that ran, over every round of the influence cap
   * @param converged whether the solver converged and the influence cap, if any, settled
   * @param scores the final scores, indexed like the graph
   * @param indexOf the graph index of a contributor id (an alias gives its person's), or -1
   * @param policy the policy scored with, or null for a bare graph
   * @param asOf the time the scores are as of, or null
   * @param refusedEvents the number of live events left out because the policy cannot weigh them
   * @param refusedExamples the ids of the first of them
   * @param errorBound the bound on the L1 error of {@code scores} (see {@link #errorBound()})
   * @param evenShares the teleport, dangling, decay, reciprocal and cap shares of {@link #health()}
   */
  Reputation(
      EndorsementGraph graph,
      int[] byId,
      RankResult result,
      int iterations,
      boolean converged,
      double[] scores,
      ToIntFunction<String> indexOf,
      Explainer explainer,
      ScoringPolicy policy,
      Instant asOf,
      long refusedEvents,
      long[] refusedExamples,
      double errorBound,
      double[] evenShares) {
    this.graph = graph;
    this.result = result;
    this.iterations = iterations;
    this.converged = converged;
    this.scores = scores;
    this.indexOf = indexOf;
    this.explainer = explainer;
    this.policy = policy;
    this.asOf = asOf;
    this.refusedEvents = refusedEvents;
    this.refusedExamples = refusedExamples;
    this.errorBound = errorBound;
    int n = scores.length;
    this.byRank = IndexSort.byScoreDescendingThenId(scores, graph, byId);
    this.rankOf = new int[n];
    this.lowerCount = new int[n];
    int runEnd = n;
    for (int r = n - 1; r >= 0; r--) {
      int i = byRank[r];
      if (r < n - 1 && scores[byRank[r + 1]] != scores[i]) {
        runEnd = r + 1;
      }
      rankOf[i] = r + 1;
      lowerCount[i] = n - runEnd;
    }
    this.health = PolicyHealth.of(evenShares, scores, byRank);
  }

  /**
   * Scores what {@code ledger} holds now under {@code policy}: compiles a {@linkplain
   * Ledger#snapshot() snapshot} into a graph (see {@link ScoringPolicy} for the rules), solves it,
   * and applies distrust. Ids of accounts merged into a person read that person's standing.
   *
   * <p>A site that rescores as events arrive keeps a {@link LiveReputation} instead: it scores the
   * same way, starting each solve from the previous scores.
   *
   * @throws NullPointerException if an argument is null
   * @throws UnknownKindException if the ledger holds live events of kinds the policy does not know
   *     (a {@link LiveReputation} leaves them out and counts them instead: {@link
   *     #refusedEvents()})
   * @throws IllegalArgumentException if the ledger has no contributor, holds events whose value
   *     does not fit their kind (a missing value), or a seed is not a contributor
   */
  public static Reputation compute(Ledger ledger, ScoringPolicy policy) {
    checkNotNull(ledger, "ledger is null");
    checkNotNull(policy, "policy is null");
    return new Scorer(policy).score(ledger.snapshot(), null);
  }

  /**
   * Scores {@code graph} with the {@linkplain RankSolver#defaults() default solver} and a uniform
   * teleport distribution.
   *
   * @throws NullPointerException if {@code graph} is null
   * @throws IllegalArgumentException if the graph has no contributors
   */
  public static Reputation compute(EndorsementGraph graph) {
    return compute(graph, RankSolver.defaults(), Map.of());
  }

  /**
   * Scores {@code graph} with {@code solver}, teleporting to the {@code seeds} (trusted
   * contributors, in proportion to their weights), or uniformly to everyone if {@code seeds} is
   * empty.
   *
   * @throws NullPointerException if an argument, a seed id or a seed weight is null
   * @throws IllegalArgumentException if the graph has no contributors, a seed id is empty, a seed
   *     is not in the graph, a seed weight is negative or not finite, or the seed weights sum to
   *     zero
   */
  public static Reputation compute(
      EndorsementGraph graph, RankSolver solver, Map<String, Double> seeds) {
    checkNotNull(graph, "graph is null");
    checkNotNull(solver, "solver is null");
    checkNotNull(seeds, "seeds is null; pass Map.of() for a uniform teleport distribution");
    return Scorer.score(graph, solver, seeds);
  }

  /** The number of contributors. */
  public int size() {
    return scores.length;
  }

  /** Whether {@code id} is one of the contributors. */
  public boolean contains(String id) {
    return id != null && indexOf.applyAsInt(id) >= 0;
  }

  /**
   * The score of {@code id}: its share of all reputation.
   *
   * @throws UnknownContributorException if {@code id} is not a contributor
   */
  public double score(String id) {
    return scores[index(id)];
  }

  /**
   * The rank of {@code id}, 1 for the highest score.
   *
   * @throws UnknownContributorException if {@code id} is not a contributor
   */
  public int rank(String id) {
    return rankOf[index(id)];
  }

  /**
   * The percentage of the other contributors whose score is strictly lower than {@code id}'s.
   *
   * @throws UnknownContributorException if {@code id} is not a contributor
   */
  public double percentile(String id) {
    return percentileOf(index(id));
  }

  /**
   * The score of {@code id} on the display scale, "wuffie points": the score times the number of
   * contributors, so that 1.0 is the average contributor, 2.0 twice the average, and the points of
   * everyone add up to the number of contributors.
   *
   * @throws UnknownContributorException if {@code id} is not a contributor
   */
  public double points(String id) {
    return scores[index(id)] * scores.length;
  }

  /**
   * Where the score of {@code id} comes from: teleport, returned share, one term per endorser
   * (largest first, each split into kinds and contributions when scored from a ledger) and one
   * discount per distruster. The terms add up to the score within the solver's tolerance; see
   * {@link Explanation}.
   *
   * <p>Cost: {@code O(in-degree log in-degree)}, plus, for the first explanation of a reputation
   * computed from a ledger, one pass over the ledger's events to index them by contributor.
   *
   * @throws UnknownContributorException if {@code id} is not a contributor
   */
  public Explanation explain(String id) {
    int v = index(id);
    return explainer.explain(v, scores[v]);
  }

  /**
   * The standing (rank, score, points, percentile) of {@code id}.
   *
   * @throws UnknownContributorException if {@code id} is not a contributor
   */
  public Standing standing(String id) {
    return standingOf(index(id));
  }

  /** The standing of {@code id}, or empty if it is not a contributor. */
  public Optional<Standing> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    int index = indexOf.applyAsInt(id);
    return index >= 0 ? Optional.of(standingOf(index)) : Optional.empty();
  }

  /**
   * The {@code k} best contributors, best first (all of them if there are fewer).
   *
   * @throws IllegalArgumentException if {@code k} is negative
   */
  public List<Standing> top(int k) {
    checkArgument(k >= 0, "k = %s; ask for top(k) with k >= 0", k);
    int count = Math.min(k, byRank.length);
    List<Standing> top = new ArrayList<>(count);
    for (int r = 0; r < count; r++) {
      top.add(standingOf(byRank[r]));
    }
    return Collections.unmodifiableList(top);
  }

  /**
   * Trust as seen from {@code viewer}: personalized PageRank over this reputation's trust graph
   * ({@link #graph()}), restarting at {@code viewer}, to the {@linkplain
   * PersonalTrust#DEFAULT_ACCURACY default accuracy}. See {@link PersonalTrust} for the semantics
   * (distrust does not enter) and {@link #trustFrom(Map, double)} for the cost.
   *
   * @throws NullPointerException if {@code viewer} is null
   * @throws UnknownContributorException if {@code viewer} is not a contributor
   */
  public PersonalTrust trustFrom(String viewer) {
    checkNotNull(viewer, "viewer id is null");
    return trustFrom(Map.of(viewer, 1.0), PersonalTrust.DEFAULT_ACCURACY);
  }

  /**
   * Trust as seen from a set of viewers, in proportion to their weights, to the {@linkplain
   * PersonalTrust#DEFAULT_ACCURACY default accuracy}: see {@link #trustFrom(Map, double)}.
   *
   * @throws NullPointerException if the map, a viewer id or a weight is null
   * @throws UnknownContributorException if a viewer is not a contributor
   * @throws IllegalArgumentException if there is no viewer, a weight is negative or not finite, or
   *     the weights sum to zero
   */
  public PersonalTrust trustFrom(Map<String, Double> viewers) {
    return trustFrom(viewers, PersonalTrust.DEFAULT_ACCURACY);
  }

  /**
   * Trust as seen from a set of viewers: personalized PageRank over this reputation's trust graph
   * ({@link #graph()}) with the damping it was scored with, restarting at the viewers in proportion
   * to their weights (ids of accounts merged into a person count for that person), computed by
   * forward push to an L1 error of {@code accuracy} or less. See {@link PersonalTrust}.
   *
   * <pre>{@code
   * PersonalTrust team = reputation.trustFrom(Map.of("alice", 2.0, "bob", 1.0), 1e-6);
   * }</pre>
   *
   * <p>Cost: the push touches the viewers' neighbourhood only, {@code O(1 + out-degree)} per push,
   * without an {@code O(n)} pass. It reads the same graph the global scores were solved on; the
   * first query on a graph forms the graph's out-edges ({@code O(n + m)}), which are then kept as
   * long as the graph, 12 bytes per endorsement and 4 per contributor, with a pool of up to one
   * work space of 25 bytes per contributor for each processor. Thread-safe: queries may run on many
   * threads at once.
   *
   * @param accuracy the L1 error allowed, in {@code [PersonalTrust.MIN_ACCURACY, 1]}
   * @throws NullPointerException if the map, a viewer id or a weight is null
   * @throws UnknownContributorException if a viewer is not a contributor
   * @throws IllegalArgumentException if there is no viewer, a weight is negative or not finite, the
   *     weights sum to zero, or the accuracy is out of range
   */
  public PersonalTrust trustFrom(Map<String, Double> viewers, double accuracy) {
    checkNotNull(viewers, "viewers is null; give at least one viewer id with a weight");
    checkArgument(!viewers.isEmpty(), "no viewers; give at least one viewer id with a weight");
    PersonalTrust.checkAccuracy(accuracy);
    Map<Integer, Double> byIndex = new LinkedHashMap<>();
    double sum = 0;
    for (Map.Entry<String, Double> viewer : viewers.entrySet()) {
      String id = viewer.getKey();
      Double weight = viewer.getValue();
      checkNotNull(id, "a viewer id is null");
      checkNotNull(weight, "the weight of viewer '%s' is null", id);
      checkArgument(
          Double.isFinite(weight) && weight >= 0,
          "the weight %s of viewer '%s' is negative or not finite; give weights >= 0",
          weight,
          id);
      byIndex.merge(index(id), weight, Double::sum);
      sum += weight;
    }
    checkArgument(
        sum > 0, "the viewers' weights sum to %s; give at least one viewer a weight > 0", sum);
    return personalTrust(byIndex, sum, accuracy);
  }

  /**
   * How the circle of {@code member} trusts others: {@linkplain #trustFrom(Map) trust from} the
   * contributors {@code member} endorses, weighted by the weight of its endorsement of each (as
   * compiled in {@link #graph()}); {@code member} itself is not a viewer. "How much does alice's
   * circle trust bob" is {@code trustFromCircleOf("alice").score("bob")}.
   *
   * @throws NullPointerException if {@code member} is null
   * @throws UnknownContributorException if {@code member} is not a contributor
   * @throws IllegalArgumentException if {@code member} endorses no one (its circle is empty: ask
   *     {@link #trustFrom(String)} instead)
   */
  public PersonalTrust trustFromCircleOf(String member) {
    int u = index(member);
    OutEdges edges = OutEdges.of(graph);
    Map<Integer, Double> byIndex = new LinkedHashMap<>();
    double sum = 0;
    for (int k = edges.start[u]; k < edges.start[u + 1]; k++) {
      if (edges.probabilities[k] > 0) {
        byIndex.put(edges.targets[k], edges.probabilities[k]);
        sum += edges.probabilities[k];
      }
    }
    checkArgument(
        sum > 0,
        "'%s' endorses no one, so its circle is empty; ask trustFrom(\"%s\") for its own view",
        member,
        member);
    return personalTrust(byIndex, sum, PersonalTrust.DEFAULT_ACCURACY);
  }

  private PersonalTrust personalTrust(Map<Integer, Double> byIndex, double sum, double accuracy) {
    Map<String, Double> names = new LinkedHashMap<>();
    int[] viewers = new int[byIndex.size()];
    double[] weights = new double[byIndex.size()];
    int at = 0;
    for (Map.Entry<Integer, Double> viewer : byIndex.entrySet()) {
      if (viewer.getValue() > 0) {
        viewers[at] = viewer.getKey();
        weights[at] = viewer.getValue() / sum;
        names.put(graph.id(viewers[at]), weights[at]);
        at++;
      }
    }
    return PersonalTrust.compute(
        graph,
        indexOf,
        names,
        Arrays.copyOf(viewers, at),
        Arrays.copyOf(weights, at),
        result.damping(),
        accuracy);
  }

  /** The contributor ids, in the graph's index order. */
  public List<String> ids() {
    return graph.ids();
  }

  /**
   * Whether the solver converged within its tolerance and, under an influence cap, the cap's rounds
   * settled on the capped weights (see {@link ScoringPolicy.Builder#influenceCap(double)}).
   */
  public boolean converged() {
    return converged;
  }

  /**
   * A bound on the L1 distance between these scores and the exact solution of the equations they
   * solve (the policy's, for the ledger as scored): {@code sum_v |score(v) - exact(v)| <=
   * errorBound()}. It holds whether or not the solver converged.
   *
   * <p>From the solver's last change {@code r} (the L1 change of its last power iteration): the
   * iteration contracts by the damping {@code d} in L1, so trust scores are within {@code d / (1 -
   * d) * r} of the exact ones; distrust (a discount by at most {@code strength} times each
   * distruster's score, floored at zero, then normalised by the sum {@code Z} of what is left)
   * widens that to {@code 2 (1 + strength) / Z} times as much. {@code d / (1 - d) * 2^-39 + 1e-12}
   * (below {@code 2e-11} at the default damping) is added for floating-point rounding. Under an
   * influence cap it bounds the distance to the solution on the capped weights of the last round.
   * For {@link Reputation#compute(Ledger, ScoringPolicy)} with the default solver (tolerance {@code
   * 1e-10} on the change), it is at most about {@code 5.7e-10}; a {@link LiveReputation} refresh
   * that starts from the last scores stops once it is below the live reputation's accuracy ({@link
   * LiveReputation.Builder#accuracy(double)}).
   */
  public double errorBound() {
    return errorBound;
  }

  /**
   * How this reputation is shared out: the share spread evenly through the teleport distribution
   * (teleport, and returned from members who endorse no one, by decay, the reciprocal weight and
   * the influence cap), the top 1%'s share, the Gini coefficient, and a hint when the policy
   * flattens or concentrates too much. See {@link PolicyHealth}. Computed with the reputation, in
   * {@code O(n)}.
   */
  public PolicyHealth health() {
    return health;
  }

  /** How many solver iterations ran, over every round of the influence cap if there is one. */
  public int iterations() {
    return iterations;
  }

  /** The L1 change made by the last solver iteration. */
  public double residual() {
    return result.residual();
  }

  /** The policy this reputation was computed with, if it was computed from a ledger. */
  public Optional<ScoringPolicy> policy() {
    return Optional.ofNullable(policy);
  }

  /**
   * The time the scores are as of (the policy's {@code asOf}, or the ledger's latest live event),
   * if computed from a ledger that has events.
   */
  public Optional<Instant> asOf() {
    return Optional.ofNullable(asOf);
  }

  /**
   * The graph that was scored: for a reputation computed from a ledger, the policy's compiled trust
   * graph over persons (merged accounts excluded); under an influence cap, with the capped weights
   * and the weight taken away in the endorsers' teleport weights.
   */
  public EndorsementGraph graph() {
    return graph;
  }

  /**
   * The solver's result, indexed like the graph: the trust scores before distrust (equal to the
   * scores when there is no distrust). Under an influence cap, the result of the last round; {@link
   * #iterations()} and {@link #converged()} speak for all of them.
   */
  public RankResult result() {
    return result;
  }

  /**
   * The number of live events left out of these scores because the policy cannot weigh them: a kind
   * the policy does not know, or a value that does not fit the kind. Only a {@link LiveReputation}
   * leaves such events out (they reach the ledger when it is written to directly, not through
   * {@link LiveReputation#record}); {@link #compute(Ledger, ScoringPolicy)} refuses such a ledger
   * instead, so for its results, and for a bare graph's, this is 0.
   */
  public long refusedEvents() {
    return refusedEvents;
  }

  /**
   * The event ids of the first refused events (at most ten, in record order; see {@link
   * #refusedEvents()}), for a site to {@linkplain LedgerSnapshot#event(long) look up} and fix or
   * {@linkplain Ledger#retract(long) retract}.
   */
  public List<Long> refusedEventIds() {
    return java.util.Arrays.stream(refusedExamples).boxed().toList();
  }

  @Override
  public String toString() {
    return "Reputation{contributors="
        + size()
        + ", converged="
        + converged()
        + ", iterations="
        + iterations()
        + "}";
  }

  private int index(String id) {
    checkNotNull(id, "contributor id is null");
    int index = indexOf.applyAsInt(id);
    if (index < 0) {
      throw new UnknownContributorException(
          String.format(
              "unknown contributor '%s': it is not in the scored graph; check contains(id) or use"
                  + " find(id)",
              id),
          id);
    }
    return index;
  }

  private Standing standingOf(int i) {
    return new Standing(
        graph.id(i), rankOf[i], scores[i], scores[i] * scores.length, percentileOf(i));
  }

  private double percentileOf(int i) {
    int others = scores.length - 1;
    return others == 0 ? 100.0 : 100.0 * lowerCount[i] / others;
  }
}
