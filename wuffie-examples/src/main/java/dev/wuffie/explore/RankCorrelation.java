package dev.wuffie.explore;

/**
 * Rank correlations between two strict rankings of the same n members, each a permutation of {@code
 * 1..n} (as {@link dev.wuffie.Reputation} ranks are: equal scores are ordered by id), given as two
 * arrays indexed by member.
 *
 * <p>With no ties, Spearman's rho is {@code 1 - 6 sum d_i^2 / (n (n^2 - 1))}, d_i the difference of
 * member i's ranks, and Kendall's tau is {@code 1 - 4 D / (n (n - 1))}, D the number of discordant
 * pairs (ordered one way by the first ranking and the other way by the second). Both are 1 for the
 * same ranking and -1 for the reversed one.
 *
 * <p>Cost: Spearman {@code O(n)}; Kendall {@code O(n log n)}, counting the discordant pairs as the
 * inversions a merge sort undoes (Knight, 1966).
 *
 * <p>Stateless and thread-safe.
 */
final class RankCorrelation {
  private RankCorrelation() {}

  /**
   * Spearman's rho of two rankings of at least two members.
   *
   * @throws IllegalArgumentException if the arrays differ in length or hold fewer than two ranks
   */
  static double spearman(int[] first, int[] second) {
    int n = check(first, second);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double d = first[i] - second[i];
      sum += d * d;
    }
    return 1 - 6 * sum / ((double) n * ((double) n * n - 1));
  }

  /**
   * Kendall's tau of two rankings of at least two members.
   *
   * @throws IllegalArgumentException if the arrays differ in length or hold fewer than two ranks,
   *     or {@code first} is not a permutation of {@code 1..n}
   */
  static double kendall(int[] first, int[] second) {
    int n = check(first, second);
    int[] secondByFirst = new int[n];
    boolean[] seen = new boolean[n];
    for (int i = 0; i < n; i++) {
      int r = first[i] - 1;
      if (r < 0 || r >= n || seen[r]) {
        throw new IllegalArgumentException(
            "rank " + first[i] + " of member " + i + " is out of 1.." + n + " or given twice");
      }
      seen[r] = true;
      secondByFirst[r] = second[i];
    }
    long discordant = inversions(secondByFirst, new int[n], 0, n);
    return 1 - 4.0 * discordant / ((double) n * (n - 1));
  }

  private static int check(int[] first, int[] second) {
    if (first.length != second.length || first.length < 2) {
      throw new IllegalArgumentException(
          "rankings of "
              + first.length
              + " and "
              + second.length
              + " members: give two rankings of the same members, at least two");
    }
    return first.length;
  }

  /** Sorts {@code a[from, to)} and returns how many pairs in it were out of order. */
  private static long inversions(int[] a, int[] buffer, int from, int to) {
    if (to - from < 2) {
      return 0;
    }
    int mid = (from + to) >>> 1;
    long count = inversions(a, buffer, from, mid) + inversions(a, buffer, mid, to);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) {
      if (a[i] <= a[j]) {
        buffer[k++] = a[i++];
      } else {
        count += mid - i;
        buffer[k++] = a[j++];
      }
    }
    while (i < mid) {
      buffer[k++] = a[i++];
    }
    while (j < to) {
      buffer[k++] = a[j++];
    }
    System.arraycopy(buffer, from, a, from, to - from);
    return count;
  }
}
