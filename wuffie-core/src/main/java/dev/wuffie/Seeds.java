package dev.wuffie;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * The one check of seeds (trusted contributors and their teleport weights) and their resolution to
 * teleport weights, for {@link ScoringPolicy.Builder#seeds(Map)}, for the policy's seeds when a
 * ledger is scored, and for {@link Reputation#compute(dev.wuffie.graph.EndorsementGraph,
 * dev.wuffie.rank.RankSolver, Map)}.
 *
 * <p>A seed id must be present and not empty, and its weight present, finite and {@code >= 0}; the
 * weights must sum to more than zero, and every seed must be a contributor of what is scored.
 */
final class Seeds {
  private Seeds() {}

  /**
   * Checks every seed and that the weights sum to more than zero.
   *
   * @throws NullPointerException if a seed id or weight is null
   * @throws IllegalArgumentException if a seed id is empty, a weight is negative or not finite, or
   *     the weights sum to zero
   */
  static void check(Map<String, Double> seeds) {
    double sum = 0;
    for (Map.Entry<String, Double> seed : seeds.entrySet()) {
      sum += checked(seed);
    }
    checkSum(sum);
  }

  /**
   * The teleport weights of {@code seeds} over {@code n} contributors: each seed's weight added at
   * the index {@code indexOf} gives its id, in the map's iteration order. Checks each seed first.
   *
   * @param indexOf the index of a contributor id, or -1 if it is not a contributor
   * @param scored what is scored, for the message about seeds that are not contributors ({@code
   *     "graph"}, {@code "ledger"})
   * @param fix how to fix seeds that are not contributors, for the message
   * @throws NullPointerException if a seed id or weight is null
   * @throws IllegalArgumentException if a seed id is empty, a weight is negative or not finite, a
   *     seed is not a contributor, or the weights sum to zero
   */
  static double[] teleport(
      Map<String, Double> seeds, int n, ToIntFunction<String> indexOf, String scored, String fix) {
    double[] teleport = new double[n];
    TreeSet<String> unknown = new TreeSet<>();
    for (Map.Entry<String, Double> seed : seeds.entrySet()) {
      double weight = checked(seed);
      int index = indexOf.applyAsInt(seed.getKey());
      if (index >= 0) {
        teleport[index] += weight;
      } else {
        unknown.add(seed.getKey());
      }
    }
    checkArgument(
        unknown.isEmpty(),
        "%s seed(s) are not contributors of the %s: %s; %s",
        unknown.size(),
        scored,
        unknown.size() > 10 ? List.copyOf(unknown).subList(0, 10) + "..." : unknown,
        fix);
    double sum = 0;
    for (double t : teleport) {
      sum += t;
    }
    checkSum(sum);
    return teleport;
  }

  /** The weight of {@code seed}, once its id and weight are checked. */
  private static double checked(Map.Entry<String, Double> seed) {
    String id = checkNotNull(seed.getKey(), "seed id is null");
    checkArgument(!id.isEmpty(), "seed id is empty");
    Double weight = checkNotNull(seed.getValue(), "weight of seed '%s' is null", id);
    checkArgument(
        Double.isFinite(weight) && weight >= 0,
        "weight %s of seed '%s' must be finite and >= 0",
        weight,
        id);
    return weight;
  }

  private static void checkSum(double sum) {
    checkArgument(sum > 0, "seed weights sum to %s; give at least one seed a positive weight", sum);
  }
}
