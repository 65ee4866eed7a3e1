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
   * Returns the indices {@code 0 .. n-1} ordered by score, highest first, then by id. With {@code
   * byId}, the indices in id order, a stable radix sort of them by score does it in four passes of
   * {@code O(n + 65536)} and no comparison of ids; without, a merge sort, {@code O(n log n)}
   * comparisons. Scores must be {@code +0.0} or positive.
   */
  static int[] byScoreDescendingThenId(double[] scores, EndorsementGraph graph, int[] byId) {
    int n = scores.length;
    if (byId == null || n < RADIX_MIN) {
      return ordered(
          n,
          (a, b) -> {
            int byScore = Double.compare(scores[b], scores[a]);
            return byScore != 0 ? byScore : graph.id(a).compareTo(graph.id(b));
          });
    }
    long[] keys = new long[n]; // ascending key = descending score, by its bits
    for (int i = 0; i < n; i++) {
      keys[i] = Long.MAX_VALUE - Double.doubleToLongBits(scores[i]);
    }
    int[] order = byId.clone();
    int[] buffer = new int[n];
    int[] count = new int[1 << 16];
    for (int shift = 0; shift < 64; shift += 16) {
      java.util.Arrays.fill(count, 0);
      for (int i : order) {
        count[(int) (keys[i] >>> shift) & 0xFFFF]++;
      }
      if (count[(int) (keys[order[0]] >>> shift) & 0xFFFF] == n) {
        continue; // every key has this digit: the pass would change nothing
      }
      for (int d = 0, sum = 0; d < count.length; d++) {
        int c = count[d];
        count[d] = sum;
        sum += c;
      }
      for (int i : order) {
        buffer[count[(int) (keys[i] >>> shift) & 0xFFFF]++] = i;
      }
      int[] swap = order;
      order = buffer;
      buffer = swap;
    }
    return order;
  }

  /** Below this many indices, a merge sort beats the radix sort's fixed cost. */
  private static final int RADIX_MIN = 4096;

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
