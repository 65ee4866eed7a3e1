package dev.wuffie;

import dev.wuffie.graph.EndorsementGraph;

/** Sorts int indices by a comparator on the indices, without boxing them. */
final class IndexSort {
  private IndexSort() {}

  /** Compares two indices. */
  @FunctionalInterface
  interface IndexComparator {
    int compare(int a, int b);
  }

  /** Returns the indices {@code 0 .. n-1} ordered by score, highest first, then by id. */
  static int[] byScoreDescendingThenId(double[] scores, EndorsementGraph graph) {
    int[] order = new int[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    sort(
        order,
        (a, b) -> {
          int byScore = Double.compare(scores[b], scores[a]);
          return byScore != 0 ? byScore : graph.id(a).compareTo(graph.id(b));
        });
    return order;
  }

  /** Returns the indices {@code 0 .. n-1} ordered by {@code comparator}. */
  static int[] ordered(int n, IndexComparator comparator) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    sort(order, comparator);
    return order;
  }

  /** Sorts {@code order} by {@code comparator}: a stable bottom-up merge sort, O(n log n). */
  static void sort(int[] order, IndexComparator comparator) {
    int n = order.length;
    int[] buffer = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n - width; lo += 2 * width) {
        int mid = lo + width;
        int hi = Math.min(lo + 2 * width, n);
        if (comparator.compare(order[mid], order[mid - 1]) >= 0) {
          continue; // already in order
        }
        System.arraycopy(order, lo, buffer, lo, hi - lo);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
          if (i < mid && (j >= hi || comparator.compare(buffer[j], buffer[i]) >= 0)) {
            order[k] = buffer[i++];
          } else {
            order[k] = buffer[j++];
          }
        }
      }
    }
  }
}
