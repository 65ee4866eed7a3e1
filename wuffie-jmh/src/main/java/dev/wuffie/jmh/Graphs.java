package dev.wuffie.jmh;

import dev.wuffie.graph.EndorsementGraph;
import java.util.SplittableRandom;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.builder.GraphTypeBuilder;

/** Seeded synthetic endorsement graphs for the benchmarks. */
final class Graphs {
  private Graphs() {}

  /** Endorsements as parallel arrays: endorser and endorsed indices and weights. */
  record Edges(int contributors, int[] endorsers, int[] endorsed, double[] weights) {
    int size() {
      return endorsers.length;
    }
  }

  /**
   * An R-MAT graph (Chakrabarti, Zhan, Faloutsos, SDM 2004) with the usual skew (a=0.57, b=0.19,
   * c=0.19, d=0.05): power-law degrees and nested communities, so PageRank needs as many iterations
   * as on real social graphs. Weights are 1..10.
   */
  static Edges rmat(int contributors, int endorsements, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int levels = 32 - Integer.numberOfLeadingZeros(Math.max(1, contributors - 1));
    int[] from = new int[endorsements];
    int[] to = new int[endorsements];
    double[] weights = new double[endorsements];
    for (int e = 0; e < endorsements; e++) {
      int u;
      int v;
      do {
        u = 0;
        v = 0;
        for (int level = 0; level < levels; level++) {
          double r = random.nextDouble();
          int bit = 1 << level;
          if (r < 0.57) {
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
      } while (u >= contributors || v >= contributors);
      from[e] = u;
      to[e] = v;
      weights[e] = 1 + random.nextInt(10);
    }
    return new Edges(contributors, from, to, weights);
  }

  static EndorsementGraph wuffie(Edges edges) {
    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    for (int i = 0; i < edges.contributors(); i++) {
      builder.addContributor(Integer.toString(i));
    }
    for (int e = 0; e < edges.size(); e++) {
      builder.add(
          Integer.toString(edges.endorsers()[e]),
          Integer.toString(edges.endorsed()[e]),
          edges.weights()[e]);
    }
    return builder.build();
  }

  /** The same graph in JGraphT: duplicates summed, self-loops dropped, as wuffie does. */
  static Graph<Integer, DefaultWeightedEdge> jgrapht(Edges edges) {
    Graph<Integer, DefaultWeightedEdge> graph =
        GraphTypeBuilder.<Integer, DefaultWeightedEdge>directed()
            .weighted(true)
            .allowingMultipleEdges(false)
            .allowingSelfLoops(false)
            .edgeClass(DefaultWeightedEdge.class)
            .buildGraph();
    for (int i = 0; i < edges.contributors(); i++) {
      graph.addVertex(i);
    }
    for (int e = 0; e < edges.size(); e++) {
      int u = edges.endorsers()[e];
      int v = edges.endorsed()[e];
      if (u == v) {
        continue;
      }
      DefaultWeightedEdge edge = graph.getEdge(u, v);
      if (edge == null) {
        graph.setEdgeWeight(graph.addEdge(u, v), edges.weights()[e]);
      } else {
        graph.setEdgeWeight(edge, graph.getEdgeWeight(edge) + edges.weights()[e]);
      }
    }
    return graph;
  }
}
