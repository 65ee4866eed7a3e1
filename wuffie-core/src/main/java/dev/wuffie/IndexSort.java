package dev.wuffie;

import dev.wuffie.graph.EndorsementGraph;

/** Sorts contributor indices into leaderboard order without boxing them. */
final class IndexSort {
  private IndexSort() {}

  /** Returns the indices {@code 0 .. n-1} ordered by score, highest first, then by id. */
  static int[] byScoreDescendingThenId(double[] scores, EndorsementGraph graph) {
    int n = scores.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    int[] buffer = new int[n];
    // Bottom-up merge sort: stable, O(n log n), on primitive ints.
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n - width; lo += 2 * width) {
        int mid = lo + width;
        int hi = Math.min(lo + 2 * width, n);
        merge(order, buffer, lo, mid, hi, scores, graph);
      }
    }
    return order;
  }

  private static void merge(
      int[] order, int[] buffer, int lo, int mid, int hi, double[] scores, EndorsementGraph graph) {
    if (!before(order[mid], order[mid - 1], scores, graph)) {
      return; // already in order
    }
    System.arraycopy(order, lo, buffer, lo, hi - lo);
    int i = lo;
    int j = mid;
    for (int k = lo; k < hi; k++) {
      if (i < mid && (j >= hi || !before(buffer[j], buffer[i], scores, graph))) {
        order[k] = buffer[i++];
      } else {
        order[k] = buffer[j++];
      }
    }
  }

  private static boolean before(int a, int b, double[] scores, EndorsementGraph graph) {
    int byScore = Double.compare(scores[b], scores[a]);
    return byScore != 0 ? byScore < 0 : graph.id(a).compareTo(graph.id(b)) < 0;
  }
}
