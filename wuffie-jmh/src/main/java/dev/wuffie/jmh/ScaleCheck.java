package dev.wuffie.jmh;

import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.rank.RankResult;
import dev.wuffie.rank.RankSolver;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Scale check, not run in CI: builds an R-MAT graph of 5M contributors and 50M endorsements from
 * String ids and scores it to a guaranteed L1 error of 1e-10, reporting time and heap at each step,
 * and where it ran out of memory if it did.
 *
 * <pre>
 * java -Xmx2g -cp wuffie-jmh/target/benchmarks.jar dev.wuffie.jmh.ScaleCheck [contributors endorsements]
 * </pre>
 *
 * <p>The endorsements are generated on the fly and handed straight to the builder (only the
 * contributors' id Strings are held), so the heap holds what wuffie itself needs.
 */
public final class ScaleCheck {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private ScaleCheck() {}

  /** Runs the check; exits 1 after an OutOfMemoryError. */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
    int m = args.length > 1 ? Integer.parseInt(args[1]) : 50_000_000;
    System.out.printf(
        "scale check: %,d contributors, %,d endorsements, max heap %,d MiB, %d processors%n",
        n, m, Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
    String phase = "ids";
    int added = 0;
    long start = System.nanoTime();
    try {
      String[] ids = Graphs.ids(n);
      report(phase, start);
      phase = "Builder.add";
      EndorsementGraph.Builder builder = EndorsementGraph.builder();
      for (String id : ids) {
        builder.addContributor(id);
      }
      Graphs.Rmat rmat = new Graphs.Rmat(n, Graphs.SEED);
      for (; added < m; added++) {
        long edge = rmat.next();
        builder.add(ids[(int) (edge >>> 32)], ids[(int) edge], rmat.weight());
        if ((added + 1) % 10_000_000 == 0) {
          report(String.format("added %,d", added + 1), start);
        }
      }
      phase = "Builder.build";
      EndorsementGraph graph = builder.build();
      builder = null;
      report("built " + graph, start);
      phase = "RankSolver.solve";
      RankResult result =
          RankSolver.builder()
              .stop(RankSolver.Stop.ERROR_BOUND)
              .tolerance(RankBenchmark.L1_ERROR)
              .build()
              .solve(graph);
      report("scored " + result, start);
    } catch (OutOfMemoryError e) {
      System.out.printf(
          "OutOfMemoryError in %s after %,d endorsements added, heap used %,d MiB: %s%n",
          phase, added, MEMORY.getHeapMemoryUsage().getUsed() >> 20, e.getMessage());
      StackTraceElement[] stack = e.getStackTrace();
      for (int i = 0; i < Math.min(6, stack.length); i++) {
        System.out.println("    at " + stack[i]);
      }
      System.exit(1);
    }
  }

  private static void report(String what, long start) {
    System.out.printf(
        "%8.1f s  heap used %,6d MiB  %s%n",
        (System.nanoTime() - start) / 1e9, MEMORY.getHeapMemoryUsage().getUsed() >> 20, what);
  }
}
