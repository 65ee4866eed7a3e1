package dev.wuffie.rank;

import static com.google.common.base.Preconditions.checkElementIndex;

/**
 * The outcome of one {@link RankSolver} run: a score per contributor index and how the iteration
 * ended.
 *
 * <p>The scores are the last iterate; they sum to 1 up to rounding. {@link #converged()} tells
 * whether the L1 change between the last two iterates fell below the solver's tolerance before it
 * ran out of iterations; a result that did not converge is still returned, never hidden.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class RankResult {
  private final double[] scores;
  private final boolean converged;
  private final int iterations;
  private final double residual;
  private final double damping;

  RankResult(double[] scores, boolean converged, int iterations, double residual, double damping) {
    this.scores = scores;
    this.converged = converged;
    this.iterations = iterations;
    this.residual = residual;
    this.damping = damping;
  }

  /** The number of contributors scored. */
  public int size() {
    return scores.length;
  }

  /**
   * The score of the contributor at {@code index}.
   *
   * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
   */
  public double score(int index) {
    checkElementIndex(index, scores.length, "contributor index");
    return scores[index];
  }

  /** A copy of all scores, indexed like the graph's contributors. */
  public double[] scores() {
    return scores.clone();
  }

  /** Whether the last L1 change was below the tolerance. */
  public boolean converged() {
    return converged;
  }

  /** How many iterations ran (at least 1). */
  public int iterations() {
    return iterations;
  }

  /** The L1 norm of the change made by the last iteration. */
  public double residual() {
    return residual;
  }

  /** The damping factor the scores were computed with. */
  public double damping() {
    return damping;
  }

  @Override
  public String toString() {
    return "RankResult{size="
        + scores.length
        + ", converged="
        + converged
        + ", iterations="
        + iterations
        + ", residual="
        + residual
        + "}";
  }

  /** For the solver: the scores array is taken over, not copied. */
  static RankResult of(
      double[] scores, boolean converged, int iterations, double residual, RankSolver solver) {
    return new RankResult(scores, converged, iterations, residual, solver.damping());
  }
}
