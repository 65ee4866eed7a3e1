package dev.wuffie.jmh;

import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.io.EdgeListReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.builder.GraphTypeBuilder;

/**
 * The benchmark inputs: seeded R-MAT graphs and the bundled real graphs, as arrays of String ids
 * and weights, and the two implementations' graphs built from them.
 *
 * <p>Input names, as the benchmarks' {@code graph} parameter takes them:
 *
 * <ul>
 *   <li>{@code rmat-1K}, {@code rmat-100K}, {@code rmat-1M}, {@code rmat-10M}, or any {@code
 *       rmat-<count>[K|M]}: that many R-MAT endorsements among a tenth as many contributors (see
 *       {@link #rmat(int, long, long)}), seed {@value #SEED};
 *   <li>{@code wiki-Vote}: {@code datasets/wiki-Vote.txt.gz} (7,115 contributors, 103,689
 *       endorsements, weight 1);
 *   <li>{@code bitcoin-otc}: {@code datasets/soc-sign-bitcoinotc.csv.gz}, negative ratings dropped
 *       (5,881 contributors, 32,029 endorsements, weights 1..10).
 * </ul>
 *
 * <p>The datasets are looked up in {@code -Dwuffie.datasets=DIR}, else in {@code datasets/} of the
 * working directory or one of its parents.
 */
final class Graphs {
  /** The seed of every generated input. */
  static final long SEED = 42;

  private Graphs() {}

  /**
   * Endorsements as parallel arrays over contributor indices, with each contributor's String id.
   * Every endorsement's ids are the same String instances as in {@code ids}, as a caller that
   * interned its ids would pass them.
   */
  record Endorsements(
      String name, String[] ids, int[] endorsers, int[] endorsed, double[] weights) {
    int contributors() {
      return ids.length;
    }

    int size() {
      return endorsers.length;
    }

    /** The endorser id of every endorsement. */
    String[] endorserIds() {
      String[] out = new String[size()];
      for (int e = 0; e < out.length; e++) {
        out[e] = ids[endorsers[e]];
      }
      return out;
    }

    /** The endorsed id of every endorsement. */
    String[] endorsedIds() {
      String[] out = new String[size()];
      for (int e = 0; e < out.length; e++) {
        out[e] = ids[endorsed[e]];
      }
      return out;
    }
  }

  /** The input called {@code name} (see the class javadoc). */
  static Endorsements load(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("rmat-")) {
      long endorsements = count(name.substring("rmat-".length()));
      return rmat(name, endorsements, Math.max(10, endorsements / 10), SEED);
    }
    return switch (lower) {
      case "wiki-vote" -> dataset(name, "wiki-Vote.txt.gz");
      case "bitcoin-otc" -> dataset(name, "soc-sign-bitcoinotc.csv.gz");
      default ->
          throw new IllegalArgumentException(
              "unknown graph '" + name + "'; use rmat-1K .. rmat-10M, wiki-Vote or bitcoin-otc");
    };
  }

  private static long count(String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    long scale = 1;
    if (upper.endsWith("K")) {
      scale = 1_000;
    } else if (upper.endsWith("M")) {
      scale = 1_000_000;
    }
    String digits = scale == 1 ? upper : upper.substring(0, upper.length() - 1);
    return Long.parseLong(digits) * scale;
  }

  /**
   * {@code endorsements} R-MAT endorsements among {@code contributors} contributors.
   *
   * @see Rmat
   */
  static Endorsements rmat(int endorsements, long contributors, long seed) {
    return rmat("rmat-" + endorsements, endorsements, contributors, seed);
  }

  private static Endorsements rmat(String name, long endorsements, long contributors, long seed) {
    int m = Math.toIntExact(endorsements);
    int n = Math.toIntExact(contributors);
    Rmat rmat = new Rmat(n, seed);
    int[] from = new int[m];
    int[] to = new int[m];
    double[] weights = new double[m];
    for (int e = 0; e < m; e++) {
      long edge = rmat.next();
      from[e] = (int) (edge >>> 32);
      to[e] = (int) edge;
      weights[e] = rmat.weight();
    }
    return new Endorsements(name, ids(n), from, to, weights);
  }

  /** Contributor ids {@code "0" .. "n-1"}. */
  static String[] ids(int n) {
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = Integer.toString(i);
    }
    return ids;
  }

  /**
   * A stream of R-MAT edges with communities. R-MAT (D. Chakrabarti, Y. Zhan, C. Faloutsos, "R-MAT:
   * A Recursive Model for Graph Mining", SDM 2004), with the Graph500 skew a=0.57, b=0.19, c=0.19,
   * d=0.05, gives power-law in- and out-degrees, but on its own it is an expander on which PageRank
   * converges in about 20 iterations, as on uniform random graphs, which flatters any engine. So
   * the contributors are split into about {@code sqrt(n)} communities of equal size (consecutive
   * pre-shuffle indices); an endorsement stays within a community (chosen uniformly, R-MAT inside)
   * with probability {@value #LOCAL}, and is a global R-MAT edge otherwise; with probability
   * {@value #RECIPROCITY} it is returned by an endorsement the other way, as in trust networks. On
   * these graphs power iteration needs about 100 iterations to an L1 change of 1e-10, like Bitcoin
   * OTC (106). Vertex labels are then shuffled by a seeded permutation, as Graph500 does, so that
   * index order says nothing about degree or community. Weights are whole numbers 1..10.
   * Self-endorsements and duplicate pairs occur, as in real input; both engines drop the former and
   * sum the latter.
   */
  static final class Rmat {
    /** The probability that an endorsement stays within its community. */
    static final double LOCAL = 0.9;

    /** The probability that an endorsement is returned. */
    static final double RECIPROCITY = 0.3;

    private final int n;
    private final int levels;
    private final int communityLevels;
    private final int[] label;
    private final SplittableRandom random;
    private long pending = -1;

    Rmat(int n, long seed) {
      this.n = n;
      this.levels = 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1));
      this.communityLevels = levels / 2;
      this.random = new SplittableRandom(seed);
      this.label = new int[n];
      for (int i = 0; i < n; i++) {
        label[i] = i;
      }
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int swap = label[i];
        label[i] = label[j];
        label[j] = swap;
      }
    }

    /** The next edge, as {@code endorser << 32 | endorsed}. */
    long next() {
      if (pending >= 0) {
        long edge = pending;
        pending = -1;
        return edge;
      }
      int u;
      int v;
      do {
        boolean local = random.nextDouble() < LOCAL;
        u = 0;
        v = 0;
        for (int level = 0; level < levels; level++) {
          int bit = 1 << level;
          double r = random.nextDouble();
          if (local && level >= levels - communityLevels) {
            if (r >= 0.5) { // the community's bits: uniform, the same for both ends
              u |= bit;
              v |= bit;
            }
          } else if (r < 0.57) {
            continue;
          } else if (r < 0.76) {
            v |= bit;
          } else if (r < 0.95) {
            u |= bit;
          } else {
            u |= bit;
            v |= bit;
          }
        }
      } while (u >= n || v >= n);
      if (random.nextDouble() < RECIPROCITY) {
        pending = (long) label[v] << 32 | label[u];
      }
      return (long) label[u] << 32 | label[v];
    }

    /** A weight for the next edge. */
    double weight() {
      return 1 + random.nextInt(10);
    }
  }

  /**
   * {@code input} plus {@code fraction * size} new endorsements, each from the endorser of a random
   * existing endorsement to the endorsed of another (so new endorsements follow the degree
   * distribution: the popular get more), weights 1..10, from {@code seed}.
   */
  static Endorsements withNew(Endorsements input, double fraction, long seed) {
    int m = input.size();
    int added = (int) Math.max(1, Math.round(m * fraction));
    SplittableRandom random = new SplittableRandom(seed);
    int[] from = Arrays.copyOf(input.endorsers(), m + added);
    int[] to = Arrays.copyOf(input.endorsed(), m + added);
    double[] weights = Arrays.copyOf(input.weights(), m + added);
    for (int e = m; e < m + added; e++) {
      from[e] = input.endorsers()[random.nextInt(m)];
      to[e] = input.endorsed()[random.nextInt(m)];
      weights[e] = 1 + random.nextInt(10);
    }
    return new Endorsements(input.name() + "+" + added, input.ids(), from, to, weights);
  }

  private static Endorsements dataset(String name, String file) {
    Path path = datasets().resolve(file);
    EndorsementGraph graph;
    try {
      graph = EdgeListReader.create().dropNegative(true).read(path).graph();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int m = graph.edgeCount();
    int[] from = new int[m];
    int[] to = new int[m];
    double[] weights = new double[m];
    int k = 0;
    for (int v = 0; v < graph.size(); v++) {
      for (int e = graph.inStart(v); e < graph.inEnd(v); e++) {
        from[k] = graph.source(e);
        to[k] = v;
        weights[k] = graph.weight(e);
        k++;
      }
    }
    return new Endorsements(name, graph.ids().toArray(new String[0]), from, to, weights);
  }

  private static Path datasets() {
    String configured = System.getProperty("wuffie.datasets");
    if (configured != null) {
      return Paths.get(configured);
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("datasets");
      if (Files.isRegularFile(candidate.resolve("wiki-Vote.txt.gz"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "datasets/ not found above "
            + Paths.get("").toAbsolutePath()
            + "; run from the repository or pass -Dwuffie.datasets=DIR");
  }

  /**
   * Builds wuffie's graph from String ids and weights: every contributor first (so isolated ones
   * count, as in JGraphT), then every endorsement.
   */
  static EndorsementGraph wuffie(String[] ids, String[] from, String[] to, double[] weights) {
    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    for (String id : ids) {
      builder.addContributor(id);
    }
    for (int e = 0; e < from.length; e++) {
      builder.add(from[e], to[e], weights[e]);
    }
    return builder.build();
  }

  /** Builds wuffie's graph from {@code input}. */
  static EndorsementGraph wuffie(Endorsements input) {
    return wuffie(input.ids(), input.endorserIds(), input.endorsedIds(), input.weights());
  }

  /**
   * Builds the same graph in JGraphT, with String vertices: every contributor first, then every
   * endorsement; duplicate pairs summed and self-loops dropped, as wuffie does.
   */
  static Graph<String, DefaultWeightedEdge> jgrapht(
      String[] ids, String[] from, String[] to, double[] weights) {
    Graph<String, DefaultWeightedEdge> graph =
        GraphTypeBuilder.<String, DefaultWeightedEdge>directed()
            .weighted(true)
            .allowingMultipleEdges(false)
            .allowingSelfLoops(false)
            .edgeClass(DefaultWeightedEdge.class)
            .buildGraph();
    for (String id : ids) {
      graph.addVertex(id);
    }
    for (int e = 0; e < from.length; e++) {
      String u = from[e];
      String v = to[e];
      if (u.equals(v)) {
        continue;
      }
      DefaultWeightedEdge edge = graph.getEdge(u, v);
      if (edge == null) {
        graph.setEdgeWeight(graph.addEdge(u, v), weights[e]);
      } else {
        graph.setEdgeWeight(edge, graph.getEdgeWeight(edge) + weights[e]);
      }
    }
    return graph;
  }

  /** Builds JGraphT's graph from {@code input}. */
  static Graph<String, DefaultWeightedEdge> jgrapht(Endorsements input) {
    return jgrapht(input.ids(), input.endorserIds(), input.endorsedIds(), input.weights());
  }
}
