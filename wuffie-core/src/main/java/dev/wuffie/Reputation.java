package dev.wuffie;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.rank.RankResult;
import dev.wuffie.rank.RankSolver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

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
 * <p>Methods taking an id throw {@link IllegalArgumentException} for an id the graph does not
 * contain; {@link #find(String)} is the variant that returns an empty {@code Optional} instead.
 *
 * <p>Cost: computing is the solver's cost plus an {@code O(n log n)} sort for the ranks; reads are
 * {@code O(1)} (a hash lookup), {@code top(k)} is {@code O(k)}.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class Reputation {
  private final EndorsementGraph graph;
  private final RankResult result;
  private final double[] teleport; // normalised; null for uniform
  private final CompiledLedger compiled; // null when scored from a bare graph
  private final double[] trust; // the solver's scores, before distrust
  private final double[] scores;
  private final boolean discounted; // whether distrust changed the scores
  private final double normaliser; // the sum the discounted scores were divided by
  private final double returnedMass; // the trust mass that went back through the teleport vector
  private final int[] byRank;
  private final int[] rankOf;
  private final int[] lowerCount;

  private Reputation(
      EndorsementGraph graph, RankResult result, double[] teleport, CompiledLedger compiled) {
    this.graph = graph;
    this.result = result;
    this.teleport = teleport;
    this.compiled = compiled;
    this.trust = result.scores();
    double[] discount = compiled == null ? null : discounted(compiled, trust);
    this.discounted = discount != null;
    if (discount == null) {
      this.scores = trust;
      this.normaliser = 1;
    } else {
      double sum = 0;
      for (double t : discount) {
        sum += t;
      }
      for (int v = 0; v < discount.length; v++) {
        discount[v] /= sum;
      }
      this.scores = discount;
      this.normaliser = sum;
    }
    this.returnedMass = returnedMass(graph, trust);
    int n = scores.length;
    this.byRank = IndexSort.byScoreDescendingThenId(scores, graph);
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
  }

  /**
   * Scores what {@code ledger} holds now under {@code policy}: compiles a {@linkplain
   * Ledger#snapshot() snapshot} into a graph (see {@link ScoringPolicy} for the rules), solves it,
   * and applies distrust. Ids of accounts merged into a person read that person's standing.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the ledger has no contributor, holds events the policy
   *     cannot weigh (an unknown kind, a missing value), or a seed is not a contributor
   */
  public static Reputation compute(Ledger ledger, ScoringPolicy policy) {
    checkNotNull(ledger, "ledger is null");
    return compute(ledger.snapshot(), policy);
  }

  /**
   * Scores a ledger snapshot under {@code policy}; see {@link #compute(Ledger, ScoringPolicy)}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException as {@link #compute(Ledger, ScoringPolicy)}
   */
  public static Reputation compute(LedgerSnapshot snapshot, ScoringPolicy policy) {
    checkNotNull(snapshot, "snapshot is null");
    checkNotNull(policy, "policy is null");
    return compute(snapshot, policy, null);
  }

  /**
   * Scores a ledger snapshot, starting the solver from {@code previous}'s trust scores (by id;
   * contributors new since then start at zero) when it is not null: a warm start, which needs fewer
   * iterations when little changed. The result agrees with a cold start within the solver's
   * tolerance. {@link LiveReputation} does this at every refresh.
   *
   * @throws NullPointerException if {@code snapshot} or {@code policy} is null
   * @throws IllegalArgumentException as {@link #compute(Ledger, ScoringPolicy)}
   */
  public static Reputation compute(
      LedgerSnapshot snapshot, ScoringPolicy policy, Reputation previous) {
    checkNotNull(snapshot, "snapshot is null");
    checkNotNull(policy, "policy is null");
    CompiledLedger compiled = CompiledLedger.compile(snapshot, policy);
    double[] start = previous == null ? null : previous.startFor(compiled.graph);
    CompiledLedger.Solved solved = compiled.solve(start);
    return new Reputation(solved.graph(), solved.result(), normalised(compiled.teleport), compiled);
  }

  /** This reputation's trust scores laid out for {@code next}, or null if none carries over. */
  private double[] startFor(EndorsementGraph next) {
    double[] start = new double[next.size()];
    double sum = 0;
    for (int v = 0; v < start.length; v++) {
      OptionalInt before = graph.indexOf(next.id(v));
      if (before.isPresent()) {
        start[v] = trust[before.getAsInt()];
        sum += start[v];
      }
    }
    return sum > 0 ? start : null;
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
   * @throws IllegalArgumentException if the graph has no contributors, a seed is not in the graph,
   *     a seed weight is negative or not finite, or the seed weights sum to zero
   */
  public static Reputation compute(
      EndorsementGraph graph, RankSolver solver, Map<String, Double> seeds) {
    checkNotNull(graph, "graph is null");
    checkNotNull(solver, "solver is null");
    checkNotNull(seeds, "seeds is null; pass Map.of() for a uniform teleport distribution");
    if (seeds.isEmpty()) {
      return new Reputation(graph, solver.solve(graph), null, null);
    }
    double[] teleport = normalised(teleport(graph, seeds));
    return new Reputation(graph, solver.solve(graph, teleport), teleport, null);
  }

  /** The number of contributors. */
  public int size() {
    return scores.length;
  }

  /** Whether {@code id} is one of the contributors. */
  public boolean contains(String id) {
    return id != null && lookup(id).isPresent();
  }

  /**
   * The score of {@code id}: its share of all reputation.
   *
   * @throws IllegalArgumentException if {@code id} is not a contributor
   */
  public double score(String id) {
    return scores[index(id)];
  }

  /**
   * The rank of {@code id}, 1 for the highest score.
   *
   * @throws IllegalArgumentException if {@code id} is not a contributor
   */
  public int rank(String id) {
    return rankOf[index(id)];
  }

  /**
   * The percentage of the other contributors whose score is strictly lower than {@code id}'s.
   *
   * @throws IllegalArgumentException if {@code id} is not a contributor
   */
  public double percentile(String id) {
    return percentileOf(index(id));
  }

  /**
   * The score of {@code id} on the display scale, "wuffie points": the score times the number of
   * contributors, so that 1.0 is the average contributor, 2.0 twice the average, and the points of
   * everyone add up to the number of contributors.
   *
   * @throws IllegalArgumentException if {@code id} is not a contributor
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
   * @throws IllegalArgumentException if {@code id} is not a contributor
   */
  public Explanation explain(String id) {
    int v = index(id);
    double d = result.damping();
    double[] s = trust;
    double p = teleport == null ? 1.0 / s.length : teleport[v];
    double scale = 1 / normaliser;
    Map<Integer, Map<CompiledLedger.PartKey, double[]>> trustParts =
        compiled == null ? Map.of() : compiled.rawParts(v, true);
    List<Explanation.Term> endorsers = new ArrayList<>();
    for (int e = graph.inStart(v); e < graph.inEnd(v); e++) {
      int u = graph.source(e);
      double amount = d * s[u] * graph.weight(e) / graph.outWeight(u) * scale;
      endorsers.add(
          new Explanation.Term(
              graph.id(u), amount, CompiledLedger.parts(trustParts.get(u), amount)));
    }
    List<Explanation.Term> distrusters = new ArrayList<>();
    double discount = 0;
    if (discounted) {
      Map<Integer, Map<CompiledLedger.PartKey, double[]>> distrustParts =
          compiled.rawParts(v, false);
      EndorsementGraph distrust = compiled.distrust;
      double strength = compiled.policy.distrustStrength();
      for (int e = distrust.inStart(v); e < distrust.inEnd(v); e++) {
        int u = distrust.source(e);
        double amount = strength * s[u] * distrust.weight(e) / distrust.outWeight(u);
        discount += amount;
        distrusters.add(
            new Explanation.Term(
                graph.id(u),
                amount * scale,
                CompiledLedger.parts(distrustParts.get(u), amount * scale)));
      }
    }
    Comparator<Explanation.Term> largestFirst =
        Comparator.comparingDouble(Explanation.Term::amount)
            .reversed()
            .thenComparing(Explanation.Term::endorser);
    endorsers.sort(largestFirst);
    distrusters.sort(largestFirst);
    return new Explanation(
        graph.id(v),
        scores[v],
        (1 - d) * p * scale,
        d * p * returnedMass * scale,
        endorsers,
        distrusters,
        Math.max(0, discount - s[v]) * scale);
  }

  /**
   * The standing (rank, score, points, percentile) of {@code id}.
   *
   * @throws IllegalArgumentException if {@code id} is not a contributor
   */
  public Standing standing(String id) {
    return standingOf(index(id));
  }

  /** The standing of {@code id}, or empty if it is not a contributor. */
  public Optional<Standing> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    OptionalInt index = lookup(id);
    return index.isPresent() ? Optional.of(standingOf(index.getAsInt())) : Optional.empty();
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

  /** The contributor ids, in the graph's index order. */
  public List<String> ids() {
    return graph.ids();
  }

  /** Whether the solver converged within its tolerance. */
  public boolean converged() {
    return result.converged();
  }

  /** How many solver iterations ran. */
  public int iterations() {
    return result.iterations();
  }

  /** The L1 change made by the last solver iteration. */
  public double residual() {
    return result.residual();
  }

  /** The policy this reputation was computed with, if it was computed from a ledger. */
  public Optional<ScoringPolicy> policy() {
    return compiled == null ? Optional.empty() : Optional.of(compiled.policy);
  }

  /**
   * The time the scores are as of (the policy's {@code asOf}, or the ledger's latest live event),
   * if computed from a ledger that has events.
   */
  public Optional<Instant> asOf() {
    return compiled == null || compiled.asOfMillis == Long.MIN_VALUE
        ? Optional.empty()
        : Optional.of(Instant.ofEpochMilli(compiled.asOfMillis));
  }

  /**
   * The graph that was scored: for a reputation computed from a ledger, the policy's compiled trust
   * graph over persons (merged accounts excluded).
   */
  public EndorsementGraph graph() {
    return graph;
  }

  /**
   * The solver's result, indexed like the graph: the trust scores before distrust (equal to the
   * scores when there is no distrust).
   */
  public RankResult result() {
    return result;
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

  private OptionalInt lookup(String id) {
    return compiled == null ? graph.indexOf(id) : compiled.indexOf(id);
  }

  private int index(String id) {
    checkNotNull(id, "contributor id is null");
    OptionalInt index = lookup(id);
    checkArgument(
        index.isPresent(),
        "unknown contributor '%s': it is not in the scored graph; check contains(id) or use"
            + " find(id)",
        id);
    return index.getAsInt();
  }

  private Standing standingOf(int i) {
    return new Standing(
        graph.id(i), rankOf[i], scores[i], scores[i] * scores.length, percentileOf(i));
  }

  private double percentileOf(int i) {
    int others = scores.length - 1;
    return others == 0 ? 100.0 : 100.0 * lowerCount[i] / others;
  }

  /** The mass that went back through the teleport distribution: dangling and teleport weights. */
  private static double returnedMass(EndorsementGraph graph, double[] s) {
    double mass = 0;
    for (int u = 0; u < s.length; u++) {
      double out = graph.outWeight(u);
      mass += out == 0 ? s[u] : s[u] * graph.teleportWeight(u) / out;
    }
    return mass;
  }

  /**
   * The trust scores discounted by distrust and floored at zero, not yet normalised; null when
   * there is no distrust, or when it would leave no score at all.
   */
  private static double[] discounted(CompiledLedger compiled, double[] s) {
    EndorsementGraph distrust = compiled.distrust;
    double strength = compiled.policy.distrustStrength();
    if (distrust == null || strength == 0) {
      return null;
    }
    double[] t = s.clone();
    for (int v = 0; v < t.length; v++) {
      double discount = 0;
      for (int e = distrust.inStart(v); e < distrust.inEnd(v); e++) {
        int u = distrust.source(e);
        discount += strength * s[u] * distrust.weight(e) / distrust.outWeight(u);
      }
      t[v] = Math.max(0, s[v] - discount);
    }
    double sum = 0;
    for (double x : t) {
      sum += x;
    }
    return sum > 0 ? t : null;
  }

  private static double[] normalised(double[] weights) {
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    double[] p = new double[weights.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = weights[i] / sum;
    }
    return p;
  }

  private static double[] teleport(EndorsementGraph graph, Map<String, Double> seeds) {
    double[] teleport = new double[graph.size()];
    TreeSet<String> unknown = new TreeSet<>();
    for (Map.Entry<String, Double> seed : seeds.entrySet()) {
      String id = checkNotNull(seed.getKey(), "seed id is null");
      Double weight = checkNotNull(seed.getValue(), "weight of seed '%s' is null", id);
      checkArgument(
          Double.isFinite(weight) && weight >= 0,
          "weight %s of seed '%s' must be finite and >= 0",
          weight,
          id);
      OptionalInt index = graph.indexOf(id);
      if (index.isPresent()) {
        teleport[index.getAsInt()] += weight;
      } else {
        unknown.add(id);
      }
    }
    checkArgument(
        unknown.isEmpty(),
        "%s seed(s) are not contributors of the graph: %s; remove them or add them to the graph",
        unknown.size(),
        unknown.size() > 10 ? List.copyOf(unknown).subList(0, 10) + "..." : unknown);
    double sum = 0;
    for (double t : teleport) {
      sum += t;
    }
    checkArgument(sum > 0, "seed weights sum to %s; give at least one seed a positive weight", sum);
    return teleport;
  }
}
