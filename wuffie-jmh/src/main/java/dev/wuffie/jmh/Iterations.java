package dev.wuffie.jmh;

import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.rank.RankResult;
import dev.wuffie.rank.RankSolver;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.alg.scoring.PageRank;
import org.jgrapht.graph.DefaultWeightedEdge;

/**
 * Prints how many iterations each method and stopping rule needs on each input, and the L1 error of
 * the scores it returns (against a reference solved to a guaranteed L1 error of {@code 1e-13}): the
 * counts behind {@link RankBenchmark} and {@link RefreshBenchmark}, which JMH does not report.
 *
 * <pre>
 * java -Xmx16g -cp wuffie-jmh/target/benchmarks.jar dev.wuffie.jmh.Iterations [--jgrapht] [graph...]
 * </pre>
 *
 * <p>JGraphT does not report its iteration count: with {@code --jgrapht} it is found by bisection
 * (the smallest cap on iterations that returns the same scores), which takes minutes at rmat-10M.
 */
public final class Iterations {
  private static final double L1 = RankBenchmark.L1_ERROR;
  private static final List<String> DEFAULT_GRAPHS =
      List.of("rmat-1K", "rmat-100K", "rmat-1M", "rmat-10M", "wiki-Vote", "bitcoin-otc");

  private Iterations() {}

  /** Prints one line per input and solver setting. */
  public static void main(String[] args) {
    boolean jgrapht = Arrays.asList(args).contains("--jgrapht");
    List<String> graphs =
        Arrays.stream(args).filter(a -> !a.startsWith("--")).toList().isEmpty()
            ? DEFAULT_GRAPHS
            : Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
    System.out.printf(
        "%-12s %9s %10s  %-34s %6s %10s%n",
        "graph", "n", "m", "solver (L1 1e-10 unless said)", "iters", "L1 error");
    for (String name : graphs) {
      Graphs.Endorsements input = Graphs.load(name);
      EndorsementGraph graph = Graphs.wuffie(input);
      double[] reference =
          RankSolver.builder()
              .method(RankSolver.Method.GAUSS_SEIDEL)
              .stop(RankSolver.Stop.ERROR_BOUND)
              .tolerance(1e-13)
              .maxIterations(10_000)
              .build()
              .solve(graph)
              .scores();
      Row row = new Row(name, graph, reference);
      for (RankSolver.Method method : RankSolver.Method.values()) {
        for (RankSolver.Stop stop : RankSolver.Stop.values()) {
          RankSolver solver =
              RankSolver.builder().method(method).stop(stop).tolerance(L1).threads(2).build();
          row.print(method + " " + stop, solver.solve(graph));
        }
      }

      // Warm start after 0.1% new endorsements.
      EndorsementGraph updated =
          Graphs.wuffie(Graphs.withNew(input, RefreshBenchmark.NEW_FRACTION, Graphs.SEED + 1));
      double[] updatedReference =
          RankSolver.builder()
              .method(RankSolver.Method.GAUSS_SEIDEL)
              .stop(RankSolver.Stop.ERROR_BOUND)
              .tolerance(1e-13)
              .maxIterations(10_000)
              .build()
              .solve(updated)
              .scores();
      Row refreshed = new Row(name + "+0.1%", updated, updatedReference);
      double[] uniform = new double[graph.size()];
      Arrays.fill(uniform, 1.0 / graph.size());
      for (Implementation implementation :
          List.of(Implementation.WUFFIE, Implementation.WUFFIE_GS)) {
        RankSolver solver = implementation.solver(L1);
        String method = solver.method() + " ERROR_BOUND";
        refreshed.print(method + " cold", solver.solve(updated));
        refreshed.print(
            method + " warm", solver.solve(updated, uniform, solver.solve(graph).scores()));
      }

      if (jgrapht) {
        Graph<String, DefaultWeightedEdge> g = Graphs.jgrapht(input);
        for (double tolerance :
            new double[] {L1, Implementation.JGraphTScorer.toleranceFor(L1, graph.size())}) {
          row.printJGraphT(g, tolerance);
        }
      }
    }
  }

  /** Prints results for one graph. */
  private record Row(String name, EndorsementGraph graph, double[] reference) {
    void print(String solver, RankResult result) {
      line(solver, result.iterations(), l1(result.scores(), reference));
    }

    void printJGraphT(Graph<String, DefaultWeightedEdge> g, double tolerance) {
      int cap = Implementation.JGRAPHT_MAX_ITERATIONS;
      Map<String, Double> last =
          new PageRank<>(g, Implementation.DAMPING, cap, tolerance).getScores();
      // The smallest cap that returns the same scores is the number of iterations run.
      int low = 1;
      int high = cap;
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (new PageRank<>(g, Implementation.DAMPING, mid, tolerance).getScores().equals(last)) {
          high = mid;
        } else {
          low = mid + 1;
        }
      }
      double[] scores = new double[graph.size()];
      last.forEach((id, score) -> scores[graph.indexOf(id).getAsInt()] = score);
      line(String.format("JGraphT max change < %.3g", tolerance), low, l1(scores, reference));
    }

    private void line(String solver, int iterations, double error) {
      System.out.printf(
          "%-12s %9d %10d  %-34s %6d %10.2e%n",
          name, graph.size(), graph.edgeCount(), solver, iterations, error);
    }
  }

  private static double l1(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs(a[i] - b[i]);
    }
    return sum;
  }
}
