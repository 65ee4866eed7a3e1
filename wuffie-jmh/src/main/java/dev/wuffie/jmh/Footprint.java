package dev.wuffie.jmh;

import dev.wuffie.graph.EndorsementGraph;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Measures the heap a built graph retains and the bytes one scoring run allocates, wuffie against
 * JGraphT, per endorsement and per contributor.
 *
 * <pre>
 * java -Xmx16g -XX:+UseSerialGC -cp wuffie-jmh/target/benchmarks.jar dev.wuffie.jmh.Footprint [graph...]
 * </pre>
 *
 * <p>Retained heap is the used heap after full collections with the graph reachable, minus the same
 * without it (median of {@value #REPEATS} builds); run it with {@code -XX:+UseSerialGC} so that
 * "used after a full collection" is exact. The callers' id Strings are not part of either graph:
 * both keep references to the caller's instances, so they are measured apart. wuffie's arrays are
 * also counted exactly from the graph's sizes, which splits its total into the endorsement arrays
 * and the id index (String[] plus immutable Map). Allocation per scoring run is the calling
 * thread's allocated bytes for one solve to a guaranteed L1 error of 1e-10 (wuffie on 1 thread so
 * that every allocation is on the calling thread).
 */
public final class Footprint {
  private static final int REPEATS = 3;
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private Footprint() {}

  /** Prints the footprint of each input's graphs. */
  public static void main(String[] args) {
    List<String> graphs =
        args.length > 0 ? Arrays.asList(args) : List.of("rmat-1M", "rmat-10M", "wiki-Vote");
    System.out.printf(
        "%-12s %9s %10s %10s  %-28s %12s %9s %9s%n",
        "graph", "n", "m input", "m distinct", "what", "bytes", "B/edge", "B/contrib");
    for (String name : graphs) {
      Graphs.Endorsements input = Graphs.load(name);
      String[] from = input.endorserIds();
      String[] to = input.endorsedIds();
      double[] weights = input.weights();
      String[] ids = input.ids();
      int n = ids.length;

      EndorsementGraph probe = Graphs.wuffie(ids, from, to, weights);
      long m = probe.edgeCount();
      Printer out = new Printer(name, n, input.size(), m);
      probe = null;

      out.line("id Strings (caller's)", retained(() -> copies(ids)));
      long wuffie = retained(() -> Graphs.wuffie(ids, from, to, weights));
      // The graph keeps weights as floats when every one is exactly a float (as here: 1..10).
      boolean floats = true;
      for (double w : weights) {
        floats &= (float) w == w;
      }
      long arrays =
          arrayBytes(4, n + 1)
              + arrayBytes(4, m)
              + arrayBytes(floats ? 4 : 8, m)
              + arrayBytes(8, n);
      out.line("wuffie graph", wuffie);
      out.line("  endorsement arrays (exact)", arrays);
      out.line("  id index (rest)", wuffie - arrays);
      out.line("JGraphT graph", retained(() -> Graphs.jgrapht(ids, from, to, weights)));

      out.line("wuffie solve (allocated)", allocated(Implementation.WUFFIE_1T, input));
      out.line("wuffie GS solve (allocated)", allocated(Implementation.WUFFIE_GS, input));
      out.line("JGraphT solve (allocated)", allocated(Implementation.JGRAPHT, input));
    }
  }

  /** Bytes of a primitive array with compressed class pointers: 16-byte header, 8-byte aligned. */
  private static long arrayBytes(int elementBytes, long length) {
    return (16 + elementBytes * length + 7) / 8 * 8;
  }

  private static String[] copies(String[] ids) {
    String[] out = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = new String(ids[i].toCharArray());
    }
    return out;
  }

  /** The median heap retained by what {@code make} returns. */
  private static long retained(Supplier<Object> make) {
    long[] sizes = new long[REPEATS];
    for (int r = 0; r < REPEATS; r++) {
      long before = usedAfterGc();
      Object kept = make.get();
      long after = usedAfterGc();
      sizes[r] = after - before;
      Reference.reachabilityFence(kept);
    }
    Arrays.sort(sizes);
    return sizes[REPEATS / 2];
  }

  /** Bytes allocated on this thread by the second of two solves (the first warms up). */
  private static long allocated(Implementation implementation, Graphs.Endorsements input) {
    Implementation.Scorer scorer = implementation.build(input);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long total = 0;
    for (int r = 0; r < 2; r++) {
      long before = threads.getCurrentThreadAllocatedBytes();
      Object result = scorer.solve(RankBenchmark.L1_ERROR);
      total = threads.getCurrentThreadAllocatedBytes() - before;
      Reference.reachabilityFence(result);
    }
    return total;
  }

  private static long usedAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /** Prints rows for one input. */
  private record Printer(String name, int n, int input, long m) {
    void line(String what, long bytes) {
      System.out.printf(
          "%-12s %9d %10d %10d  %-28s %12d %9.2f %9.2f%n",
          name, n, input, m, what, bytes, (double) bytes / m, (double) bytes / n);
    }
  }
}
