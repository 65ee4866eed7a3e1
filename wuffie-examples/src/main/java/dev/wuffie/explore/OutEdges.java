package dev.wuffie.explore;

import dev.wuffie.Explanation;
import dev.wuffie.Reputation;
import dev.wuffie.graph.EndorsementGraph;

/**
 * The out-going endorsements of a scored graph, which stores only in-coming ones: for each endorser
 * {@code u}, the edges {@code u -> v} (edge indices of the graph, and their targets) at {@code
 * start(u) <= k < end(u)}, in target order. Built in {@code O(n + m)} with three int arrays.
 *
 * <p>Immutable; safe to share between threads.
 */
final class OutEdges {
  private final int[] start; // n + 1 offsets
  private final int[] edge; // graph edge index, by out-going position
  private final int[] target;

  private OutEdges(int[] start, int[] edge, int[] target) {
    this.start = start;
    this.edge = edge;
    this.target = target;
  }

  /** The out-going edges of {@code graph}. */
  static OutEdges of(EndorsementGraph graph) {
    int n = graph.size();
    int[] start = new int[n + 1];
    for (int e = 0; e < graph.edgeCount(); e++) {
      start[graph.source(e) + 1]++;
    }
    for (int u = 0; u < n; u++) {
      start[u + 1] += start[u];
    }
    int[] next = start.clone();
    int[] edge = new int[graph.edgeCount()];
    int[] target = new int[graph.edgeCount()];
    for (int v = 0; v < n; v++) {
      for (int e = graph.inStart(v); e < graph.inEnd(v); e++) {
        int k = next[graph.source(e)]++;
        edge[k] = e;
        target[k] = v;
      }
    }
    return new OutEdges(start, edge, target);
  }

  /** The first out-going position of {@code u}. */
  int start(int u) {
    return start[u];
  }

  /** One past the last out-going position of {@code u}. */
  int end(int u) {
    return start[u + 1];
  }

  /** The graph's edge index at out-going position {@code k}. */
  int edge(int k) {
    return edge[k];
  }

  /** The endorsed member (graph index) at out-going position {@code k}. */
  int target(int k) {
    return target[k];
  }

  /**
   * The factor by which {@code reputation}'s explanations scale a term {@code d s_u w_uv / W_u} of
   * the trust scores: 1 without distrust, else one over the sum the discounted scores were
   * normalised by. Read off the explanation of the member with the largest such term; 1 if the
   * graph has no endorsements with weight.
   */
  double scale(Reputation reputation) {
    EndorsementGraph graph = reputation.graph();
    double[] trust = reputation.result().scores();
    double damping = reputation.policy().orElseThrow().solver().damping();
    double largest = 0;
    int bestEdge = -1;
    int bestTarget = -1;
    for (int u = 0; u < graph.size(); u++) {
      for (int k = start[u]; k < start[u + 1]; k++) {
        double term = damping * trust[u] * graph.weight(edge[k]) / graph.outWeight(u);
        if (term > largest) {
          largest = term;
          bestEdge = edge[k];
          bestTarget = target[k];
        }
      }
    }
    if (bestEdge < 0) {
      return 1;
    }
    String endorser = graph.id(graph.source(bestEdge));
    for (Explanation.Term t : reputation.explain(graph.id(bestTarget)).endorsers()) {
      if (t.endorser().equals(endorser)) {
        return t.amount() / largest;
      }
    }
    throw new IllegalStateException(
        "the explanation of " + graph.id(bestTarget) + " has no term of its endorser " + endorser);
  }
}
