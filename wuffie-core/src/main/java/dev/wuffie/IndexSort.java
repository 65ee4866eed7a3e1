package dev.wuffie;

import dev.wuffie.graph.EndorsementGraph;
import java.util.Arrays;
import java.util.function.IntFunction;

/** Sorts int indices by a comparator on the indices, without boxing them. */
final class IndexSort {
  /** Groups of ids this small are sorted by comparing the Strings. */
  private static final int SMALL_GROUP = 16;

  /** Below this depth of {@link #byId} groups, a group is sorted by comparing the Strings. */
  private static final int MAX_ID_DEPTH = 32;

  /** Bits of a key that one pass of {@link #radixSort} orders by. */
  private static final int RADIX_BITS = 12;

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

  /**
   * Returns the indices {@code 0 .. n-1} ordered by the ids they name, as {@link String#compareTo}
   * orders them, ties in index order: the order {@code ordered(n, (a, b) ->
   * id.apply(a).compareTo(id.apply(b)))} gives.
   *
   * <p>An MSD radix sort: the next few chars of every id in a group are packed into a long (a char
   * {@code c} as {@code c + 1}, a char past the end as 0, so that a prefix comes before what it
   * begins), with the position in the group in the low bits; the longs are sorted as numbers, and
   * each run of equal chars is a group for the next chars. Each id is read a few chars at a time,
   * and {@code O(n log n)} comparisons of longs replace comparisons of Strings, which cost a cache
   * miss or two each at a hundred thousand ids and more.
   */
  static int[] byId(int n, IntFunction<String> id) {
    String[] ids = new String[n];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = id.apply(i);
      order[i] = i;
    }
    byId(ids, order, 0, n, 0, 0, new long[n], new int[n]);
    return order;
  }

  /**
   * Sorts {@code order[from .. to)} by the ids they name, which share their first {@code offset}
   * chars; {@code keys} and {@code buffer} are scratch space, of which the group uses its own
   * range.
   */
  private static void byId(
      String[] ids,
      int[] order,
      int from,
      int to,
      int offset,
      int depth,
      long[] keys,
      int[] buffer) {
    while (to - from > 1) {
      int n = to - from;
      if (n <= SMALL_GROUP || depth >= MAX_ID_DEPTH) {
        sortByComparing(ids, order, from, to);
        return;
      }
      int positionBits = 32 - Integer.numberOfLeadingZeros(n - 1);
      int charBits = packChars(ids, order, from, to, offset, positionBits, keys);
      int chars = (63 - positionBits) / charBits;
      Arrays.sort(keys, from, to);
      long positionMask = (1L << positionBits) - 1;
      for (int i = from; i < to; i++) {
        buffer[i] = order[from + (int) (keys[i] & positionMask)];
      }
      System.arraycopy(buffer, from, order, from, n);
      long lastChar = (1L << charBits) - 1;
      int start = from;
      while (start < to) {
        long chunk = keys[start] >>> positionBits;
        int end = start + 1;
        while (end < to && keys[end] >>> positionBits == chunk) {
          end++;
        }
        if (end == to && start == from) {
          break; // one group: go on with the next chars without recursing
        }
        if ((chunk & lastChar) != 0) { // else the ids of the run ended: they are equal
          byId(ids, order, start, end, offset + chars, depth + 1, keys, buffer);
        }
        start = end;
      }
      if (start == to || (keys[from] >>> positionBits & lastChar) == 0) {
        return; // every run is sorted, or the group is one run of equal ids
      }
      offset += chars;
      depth++;
    }
  }

  /**
   * Packs chars {@code offset ..} of each id in the group into {@code keys}, above its position in
   * the group: as many chars as fit in 9 bits each if none of them is above 510, else in 17 bits
   * each ({@code (63 - positionBits) / charBits} chars). Returns the bits of a char.
   */
  private static int packChars(
      String[] ids, int[] order, int from, int to, int offset, int positionBits, long[] keys) {
    for (int charBits = 9; ; charBits = 17) {
      int chars = (63 - positionBits) / charBits;
      int limit = (1 << charBits) - 2;
      boolean fits = true;
      for (int i = from; i < to && fits; i++) {
        String id = ids[order[i]];
        long packed = 0;
        for (int k = offset, end = offset + chars; k < end; k++) {
          int c = k < id.length() ? id.charAt(k) : -1;
          fits &= c <= limit;
          packed = packed << charBits | (c + 1);
        }
        keys[i] = packed << positionBits | (i - from);
      }
      if (fits) {
        return charBits;
      }
    }
  }

  /** Sorts {@code order[from .. to)} by the ids they name, stably, comparing the Strings. */
  private static void sortByComparing(String[] ids, int[] order, int from, int to) {
    if (to - from <= SMALL_GROUP) {
      for (int i = from + 1; i < to; i++) {
        int index = order[i];
        int j = i - 1;
        while (j >= from && ids[order[j]].compareTo(ids[index]) > 0) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = index;
      }
    } else {
      int[] group = Arrays.copyOfRange(order, from, to);
      sort(group, (a, b) -> ids[a].compareTo(ids[b]));
      System.arraycopy(group, 0, order, from, group.length);
    }
  }

  /**
   * Sorts {@code keys} as unsigned numbers by their low {@code bits} bits (the others must be 0),
   * stably, moving {@code values} along: an LSD radix sort, {@value #RADIX_BITS} bits a pass, that
   * skips a pass where every key has the same digit. {@code O(n bits / }{@value #RADIX_BITS}{@code
   * )}, reading and writing the arrays in order but for one write per element into one of {@code
   * 2^}{@value #RADIX_BITS} places.
   */
  static void radixSort(long[] keys, int[] values, int bits) {
    int n = keys.length;
    int passes = (bits + RADIX_BITS - 1) / RADIX_BITS;
    int[][] counts = new int[passes][1 << RADIX_BITS];
    for (long key : keys) {
      for (int p = 0; p < passes; p++) {
        counts[p][(int) (key >>> (p * RADIX_BITS)) & ((1 << RADIX_BITS) - 1)]++;
      }
    }
    long[] fromKeys = keys;
    int[] fromValues = values;
    long[] toKeys = new long[n];
    int[] toValues = new int[n];
    for (int p = 0; p < passes; p++) {
      int[] start = counts[p];
      int shift = p * RADIX_BITS;
      if (n == 0 || start[(int) (fromKeys[0] >>> shift) & ((1 << RADIX_BITS) - 1)] == n) {
        continue; // every key has this digit
      }
      for (int d = 0, sum = 0; d < start.length; d++) {
        int count = start[d];
        start[d] = sum;
        sum += count;
      }
      for (int i = 0; i < n; i++) {
        long key = fromKeys[i];
        int to = start[(int) (key >>> shift) & ((1 << RADIX_BITS) - 1)]++;
        toKeys[to] = key;
        toValues[to] = fromValues[i];
      }
      long[] swapKeys = fromKeys;
      fromKeys = toKeys;
      toKeys = swapKeys;
      int[] swapValues = fromValues;
      fromValues = toValues;
      toValues = swapValues;
    }
    if (fromKeys != keys) {
      System.arraycopy(fromKeys, 0, keys, 0, n);
      System.arraycopy(fromValues, 0, values, 0, n);
    }
  }
}
