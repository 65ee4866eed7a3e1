package dev.wuffie;

/**
 * The ranks of contributors, contributions and kinds by id: the order compilation runs in; and the
 * contributors and contributions in that order.
 */
record ContentOrder(
    int[] contributorRank,
    int[] contributionRank,
    int[] kindRank,
    int[] contributorByRank,
    int[] contributionByRank) {
  /** Runs of events with one endorser and one target longer than this are merge-sorted. */
  private static final int SHORT_RUN = 16;

  static ContentOrder of(LedgerSnapshot snapshot) {
    int[] contributors = IndexSort.byId(snapshot.contributorCount(), snapshot::contributor);
    int[] contributions = IndexSort.byId(snapshot.contributionCount(), snapshot::contribution);
    int[] kinds = IndexSort.byId(snapshot.kindCount(), snapshot::kindName);
    return new ContentOrder(
        ranks(contributors), ranks(contributions), ranks(kinds), contributors, contributions);
  }

  /**
   * Sorts {@code events} into the order of {@link #events}, as a stable sort by it would, and
   * returns the key of each, in the new order: its endorser's rank above its target's {@link
   * #targetKey}, read back by {@link #endorser(long)}, {@link #target(long)} and {@link
   * #toContribution(long)}. A radix sort by key, then each run of events with one key (most often a
   * single event) sorted by kind, time and value. {@code O(events)} plus the runs' sorts, where a
   * comparison sort of all events took {@code O(events log events)} comparisons that each read six
   * scattered arrays.
   */
  long[] sort(LedgerSnapshot snapshot, int[] events) {
    int targetBits = targetBits();
    long[] keys = new long[events.length];
    for (int i = 0; i < events.length; i++) {
      int e = events[i];
      keys[i] = (long) contributorRank[snapshot.endorser(e)] << targetBits | targetKey(snapshot, e);
    }
    IndexSort.radixSort(keys, events, bits(contributorRank.length) + targetBits);
    IndexSort.IndexComparator comparator = byKindTimeValue(snapshot);
    for (int start = 0, end; start < events.length; start = end) {
      end = start + 1;
      while (end < events.length && keys[end] == keys[start]) {
        end++;
      }
      if (end - start > SHORT_RUN) {
        int[] run = java.util.Arrays.copyOfRange(events, start, end);
        IndexSort.sort(run, comparator);
        System.arraycopy(run, 0, events, start, run.length);
      } else if (end - start > 1) {
        insertionSort(events, start, end, comparator);
      }
    }
    return keys;
  }

  /** The contributor index of the endorser of an event with {@code key}. */
  int endorser(long key) {
    return contributorByRank[(int) (key >>> targetBits())];
  }

  /** Whether an event with {@code key} endorses a contribution. */
  boolean toContribution(long key) {
    return (int) (key & ((1L << targetBits()) - 1)) >= contributorRank.length;
  }

  /**
   * The target of an event with {@code key}: a contribution index if {@link #toContribution(long)},
   * else a contributor index.
   */
  int target(long key) {
    int target = (int) (key & ((1L << targetBits()) - 1));
    int contributors = contributorRank.length;
    return target < contributors
        ? contributorByRank[target]
        : contributionByRank[target - contributors];
  }

  /** The bits of a {@link #targetKey}. */
  private int targetBits() {
    return bits(contributorRank.length + contributionRank.length);
  }

  /** The bits of the numbers {@code 0 .. n - 1}. */
  private static int bits(int n) {
    return 32 - Integer.numberOfLeadingZeros(Math.max(n - 1, 0));
  }

  /**
   * The rank of an event's target: a contributor's rank, or, after every contributor, a
   * contribution's.
   */
  private int targetKey(LedgerSnapshot snapshot, int e) {
    int target = snapshot.target(e);
    return snapshot.toContribution(e)
        ? contributorRank.length + contributionRank[target]
        : contributorRank[target];
  }

  private static void insertionSort(
      int[] events, int from, int to, IndexSort.IndexComparator comparator) {
    for (int i = from + 1; i < to; i++) {
      int e = events[i];
      int j = i - 1;
      while (j >= from && comparator.compare(events[j], e) > 0) {
        events[j + 1] = events[j];
        j--;
      }
      events[j + 1] = e;
    }
  }

  /** Compares events with one endorser and one target by (kind, time, value). */
  private IndexSort.IndexComparator byKindTimeValue(LedgerSnapshot snapshot) {
    return (a, b) -> {
      int c = kindRank[snapshot.kind(a)] - kindRank[snapshot.kind(b)];
      if (c != 0) {
        return c;
      }
      c = Long.compare(snapshot.timeMillis(a), snapshot.timeMillis(b));
      return c != 0 ? c : Double.compare(snapshot.value(a), snapshot.value(b));
    };
  }

  /** Compares events by (endorser, target, kind, time, value), through the ranks of their ids. */
  IndexSort.IndexComparator events(LedgerSnapshot snapshot) {
    return (a, b) -> {
      int c = contributorRank[snapshot.endorser(a)] - contributorRank[snapshot.endorser(b)];
      if (c != 0) {
        return c;
      }
      c = Boolean.compare(snapshot.toContribution(a), snapshot.toContribution(b));
      if (c != 0) {
        return c;
      }
      int[] targetRank = snapshot.toContribution(a) ? contributionRank : contributorRank;
      c = targetRank[snapshot.target(a)] - targetRank[snapshot.target(b)];
      if (c != 0) {
        return c;
      }
      c = kindRank[snapshot.kind(a)] - kindRank[snapshot.kind(b)];
      if (c != 0) {
        return c;
      }
      c = Long.compare(snapshot.timeMillis(a), snapshot.timeMillis(b));
      return c != 0 ? c : Double.compare(snapshot.value(a), snapshot.value(b));
    };
  }

  /** {@code rank[order[r]] = r}. */
  private static int[] ranks(int[] order) {
    int[] rank = new int[order.length];
    for (int r = 0; r < order.length; r++) {
      rank[order[r]] = r;
    }
    return rank;
  }
}
