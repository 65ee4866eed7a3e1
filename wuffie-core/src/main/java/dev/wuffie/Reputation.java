package dev.wuffie;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.rank.RankResult;
import dev.wuffie.rank.RankSolver;
import java.util.ArrayList;
import java.util.Collections;
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
  private final double[] scores;
  private final int[] byRank;
  private final int[] rankOf;
  private final int[] lowerCount;

  private Reputation(EndorsementGraph graph, RankResult result) {
    this.graph = graph;
    this.result = result;
    this.scores = result.scores();
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
      return new Reputation(graph, solver.solve(graph));
    }
    return new Reputation(graph, solver.solve(graph, teleport(graph, seeds)));
  }

  /**
   * Wraps a result that {@code graph} was scored to (for callers that drive the {@link RankSolver}
   * themselves, say for a warm start).
   *
   * @throws IllegalArgumentException if the result's size differs from the graph's
   */
  public static Reputation of(EndorsementGraph graph, RankResult result) {
    checkNotNull(graph, "graph is null");
    checkNotNull(result, "result is null");
    checkArgument(
        graph.size() == result.size(),
        "result has %s scores but the graph has %s contributors; pass the graph that was scored",
        result.size(),
        graph.size());
    return new Reputation(graph, result);
  }

  /** The number of contributors. */
  public int size() {
    return scores.length;
  }

  /** Whether {@code id} is one of the contributors. */
  public boolean contains(String id) {
    return id != null && graph.contains(id);
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
   * The standing (rank, score, percentile) of {@code id}.
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
    OptionalInt index = graph.indexOf(id);
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

  /** The graph that was scored. */
  public EndorsementGraph graph() {
    return graph;
  }

  /** The solver's result, indexed like the graph. */
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

  private int index(String id) {
    checkNotNull(id, "contributor id is null");
    OptionalInt index = graph.indexOf(id);
    checkArgument(
        index.isPresent(),
        "unknown contributor '%s': it is not in the scored graph; check contains(id) or use"
            + " find(id)",
        id);
    return index.getAsInt();
  }

  private Standing standingOf(int i) {
    return new Standing(graph.id(i), rankOf[i], scores[i], percentileOf(i));
  }

  private double percentileOf(int i) {
    int others = scores.length - 1;
    return others == 0 ? 100.0 : 100.0 * lowerCount[i] / others;
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
