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

  /**
   * Returns the indices {@code 0 .. n-1} ordered by score, highest first, then by id, starting from
   * {@code hint} when it is not null: an earlier order of {@code 0 .. k-1}. The hint is repaired by
   * an insertion sort, and {@code k .. n-1} are inserted by binary search: {@code O(n + moves)}
   * when the hint is still nearly right, as after a small change of the scores. When it is not
   * (more than {@code 8n} moves, or more than {@code n/16} new indices), a merge sort finishes.
   */
  static int[] byScoreDescendingThenId(double[] scores, EndorsementGraph graph, int[] hint) {
    int n = scores.length;
    IndexComparator comparator =
        (a, b) -> {
          int byScore = Double.compare(scores[b], scores[a]);
          return byScore != 0 ? byScore : graph.id(a).compareTo(graph.id(b));
        };
    int[] order = new int[n];
    int k = hint == null ? 0 : hint.length;
    if (hint != null) {
      System.arraycopy(hint, 0, order, 0, k);
    }
    for (int i = k; i < n; i++) {
      order[i] = i;
    }
    if (hint == null || n - k > n / 16 || !insertionSort(order, k, comparator, 8L * n)) {
      sort(order, comparator);
      return order;
    }
    for (int i = k; i < n; i++) {
      int lo = 0;
      int hi = i; // order[0 .. i) is sorted: find the first element after index i
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (comparator.compare(order[mid], i) <= 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      System.arraycopy(order, lo, order, lo + 1, i - lo);
      order[lo] = i;
    }
    return order;
  }

  /**
   * Sorts {@code order[0 .. to)} by insertion, unless that takes more than {@code budget} moves:
   * then returns false, with {@code order} still a permutation.
   */
  private static boolean insertionSort(
      int[] order, int to, IndexComparator comparator, long budget) {
    long moves = 0;
    for (int i = 1; i < to; i++) {
      int x = order[i];
      int j = i - 1;
      while (j >= 0 && comparator.compare(order[j], x) > 0) {
        order[j + 1] = order[j];
        j--;
        if (++moves > budget) {
          order[j + 1] = x;
          return false;
        }
      }
      order[j + 1] = x;
    }
    return true;
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
