package dev.wuffie;

import java.util.Arrays;

/**
 * Sums of weights per ordered pair of contributors, numbered in first-seen order: no object per
 * pair. Not thread-safe.
 *
 * <p>Compilation adds the pairs one endorser at a time (its events are sorted by endorser), and
 * then each endorser's pairs are found through a dense array over the endorsed contributors,
 * cleared when the endorser changes: no hashing. A hash table of all pairs (keyed by the pair
 * packed into a long, open addressing) is built only when it is needed: for {@link #find}, when an
 * endorser comes back after another (a person with merged accounts), or for an index beyond the
 * dense array. From then on every pair goes through it. Either way the numbers and sums are the
 * same.
 */
final class PairTable {
  private static final long EMPTY = -1L;

  private long[] keys; // the hash table, null until it is needed
  private int[] slots; // pair number + 1 in each used slot's position; 0 when empty
  private int size;
  private long[] byNumber; // pair number -> key
  private double[] trust; // undecayed positive weight
  private double[] decayedTrust;
  private double[] distrust; // undecayed negative weight, as a positive amount
  private double[] decayedDistrust;
  private int[] trustCount; // the weights added to trust and not removed
  private int[] distrustCount;
  private double decayScale = 1; // what the decayed sums are multiplied by when read
  private int inEdgeOrdered = -1; // pairs 0 .. this - 1 are in (endorsed, endorser) order; -1: none
  // Once kept between refreshes: per sum, a bound on its rounding error over 2^-52 (null until)
  private double[] trustError;
  private double[] decayedTrustError;
  private double[] distrustError;
  private double[] decayedDistrustError;
  private double[] saturatedTrust; // kept: saturate(trust) per pair, NaN until computed (or null)

  private final int[] pairOf; // for the current endorser: the pair to each endorsed, or -1
  private final int[] touched; // the endorsed whose pairOf is set
  private int touchedCount;
  private final boolean[] seen; // the endorsers that had a run of their own
  private int endorser = -1; // the current endorser

  /**
   * A table for contributors {@code 0 .. contributors - 1} (larger indices work, through the hash
   * table) and about {@code expectedPairs} pairs (it grows past them).
   */
  PairTable(int contributors, int expectedPairs) {
    int pairs = Math.max(16, expectedPairs);
    byNumber = new long[pairs];
    trust = new double[pairs];
    decayedTrust = new double[pairs];
    distrust = new double[pairs];
    decayedDistrust = new double[pairs];
    trustCount = new int[pairs];
    distrustCount = new int[pairs];
    pairOf = new int[contributors];
    Arrays.fill(pairOf, -1);
    touched = new int[contributors];
    seen = new boolean[contributors];
  }

  /**
   * Adds {@code weight} (decayed: {@code weight * decay}) to the pair {@code u -> v}, and returns
   * the pair's number.
   */
  int add(int u, int v, double weight, double decay) {
    int pair = pair(u, v);
    if (weight > 0) {
      trust[pair] += weight;
      decayedTrust[pair] += weight * decay;
      trustCount[pair]++;
    } else {
      distrust[pair] -= weight;
      decayedDistrust[pair] -= weight * decay;
      distrustCount[pair]++;
    }
    if (trustError != null) {
      rounded(pair, weight, decay);
      saturatedTrust[pair] = Double.NaN;
    }
    return pair;
  }

  /**
   * Adds to the error bounds of the pair's sums of {@code weight}'s sign what one more addition or
   * subtraction of it can add: half an ulp of the term (a product) and of the result; a sum back to
   * no weight is exact again.
   */
  private void rounded(int pair, double weight, double decay) {
    double term = Math.abs(weight);
    double decayed = Math.abs(weight * decay);
    if (weight > 0) {
      trustError[pair] = trustCount[pair] == 0 ? 0 : trustError[pair] + term + trust[pair];
      decayedTrustError[pair] =
          trustCount[pair] == 0 ? 0 : decayedTrustError[pair] + decayed + decayedTrust[pair];
    } else {
      distrustError[pair] =
          distrustCount[pair] == 0 ? 0 : distrustError[pair] + term + distrust[pair];
      decayedDistrustError[pair] =
          distrustCount[pair] == 0
              ? 0
              : decayedDistrustError[pair] + decayed + decayedDistrust[pair];
    }
  }

  /**
   * Whether every sum of the pair is known to be within a relative {@code 2^-40} of the exact sum
   * of its weights (the sums are kept between refreshes, see {@link #indexAll()}). A subtraction
   * that cancels most of a sum makes its rounding error large against what is left; a live service
   * then compiles afresh.
   */
  boolean precise(int pair) {
    return precise(trust[pair], trustError[pair])
        && precise(decayedTrust[pair], decayedTrustError[pair])
        && precise(distrust[pair], distrustError[pair])
        && precise(decayedDistrust[pair], decayedDistrustError[pair]);
  }

  private static boolean precise(double sum, double error) {
    return Math.scalb(error, -52) <= Math.scalb(sum, -40);
  }

  /**
   * Takes away what {@link #add} added for the same arguments, and returns the pair's number. When
   * the last weight of a sign goes, its sums become exactly zero, and they never go below zero, so
   * rounding leaves no trace of a removed weight; otherwise the sums equal a fresh sum of the
   * weights left up to rounding.
   *
   * @throws IllegalStateException if the pair has no weight of that sign to remove
   */
  int remove(int u, int v, double weight, double decay) {
    int pair = find(u, v);
    removeFrom(pair, u, v, weight, decay);
    if (trustError != null) {
      rounded(pair, weight, decay);
      saturatedTrust[pair] = Double.NaN;
    }
    return pair;
  }

  private void removeFrom(int pair, int u, int v, double weight, double decay) {
    if (weight > 0) {
      if (pair < 0 || trustCount[pair] == 0) {
        throw new IllegalStateException("no trust to remove from pair " + u + " -> " + v);
      }
      boolean last = --trustCount[pair] == 0;
      trust[pair] = last ? 0 : Math.max(0, trust[pair] - weight);
      decayedTrust[pair] = last ? 0 : Math.max(0, decayedTrust[pair] - weight * decay);
    } else {
      if (pair < 0 || distrustCount[pair] == 0) {
        throw new IllegalStateException("no distrust to remove from pair " + u + " -> " + v);
      }
      boolean last = --distrustCount[pair] == 0;
      distrust[pair] = last ? 0 : Math.max(0, distrust[pair] + weight);
      decayedDistrust[pair] = last ? 0 : Math.max(0, decayedDistrust[pair] + weight * decay);
    }
  }

  /**
   * Sets the factor that {@link #decayedTrust} and {@link #decayedDistrust} multiply the kept sums
   * by (1 unless set): sums kept at a reference time, read at a later one.
   */
  void decayScale(double scale) {
    this.decayScale = scale;
  }

  /**
   * Indexes every pair in the hash table now, so that pairs may be added in any order from here on
   * (by a live service that keeps the table between refreshes), and starts keeping a bound on the
   * rounding error of every sum ({@link #precise}) and each pair's saturated trust ({@link
   * #saturatedTrust}): 40 more bytes per pair.
   */
  void indexAll() {
    index();
    if (trustError == null) {
      trustError = new double[byNumber.length];
      decayedTrustError = new double[byNumber.length];
      distrustError = new double[byNumber.length];
      decayedDistrustError = new double[byNumber.length];
      for (int pair = 0; pair < size; pair++) { // a sum of n terms: within n ulps of its size
        trustError[pair] = trustCount[pair] * trust[pair];
        decayedTrustError[pair] = trustCount[pair] * decayedTrust[pair];
        distrustError[pair] = distrustCount[pair] * distrust[pair];
        decayedDistrustError[pair] = distrustCount[pair] * decayedDistrust[pair];
      }
      saturatedTrust = new double[byNumber.length];
      Arrays.fill(saturatedTrust, Double.NaN);
    }
  }

  /**
   * Renumbers every pair in the order of a graph's in-edges: by endorsed contributor, then by
   * endorser. The sums, counts and error bounds move with their pairs, and {@link #find} follows.
   * The pairs added afterwards are numbered after them, in first-seen order, and {@link
   * #inEdgeOrder} merges them in. The first time, {@code O(pairs + contributors)}: a counting sort
   * by endorsed (after one by endorser unless the pairs are grouped by endorser already, as a
   * compile numbers them), a gather of every array, and the hash table built or renumbered, through
   * which every pair goes from then on. Later, the same without the sorts: the order is {@link
   * #inEdgeOrder}'s merge, and the gather reads the arrays nearly in order.
   */
  void sortByEndorsed() {
    int[] order = inEdgeOrdered >= 0 ? inEdgeOrder() : byEndorsedThenEndorser();
    long[] keysByNumber = new long[byNumber.length];
    double[] trustByNumber = new double[byNumber.length];
    double[] decayedTrustByNumber = new double[byNumber.length];
    double[] distrustByNumber = new double[byNumber.length];
    double[] decayedDistrustByNumber = new double[byNumber.length];
    int[] trustCountByNumber = new int[byNumber.length];
    int[] distrustCountByNumber = new int[byNumber.length];
    for (int i = 0; i < size; i++) { // one loop: the reads of a pair's arrays overlap
      int pair = order[i];
      keysByNumber[i] = byNumber[pair];
      trustByNumber[i] = trust[pair];
      decayedTrustByNumber[i] = decayedTrust[pair];
      distrustByNumber[i] = distrust[pair];
      decayedDistrustByNumber[i] = decayedDistrust[pair];
      trustCountByNumber[i] = trustCount[pair];
      distrustCountByNumber[i] = distrustCount[pair];
    }
    byNumber = keysByNumber;
    trust = trustByNumber;
    decayedTrust = decayedTrustByNumber;
    distrust = distrustByNumber;
    decayedDistrust = decayedDistrustByNumber;
    trustCount = trustCountByNumber;
    distrustCount = distrustCountByNumber;
    if (trustError != null) {
      trustError = gather(trustError, order);
      decayedTrustError = gather(decayedTrustError, order);
      distrustError = gather(distrustError, order);
      decayedDistrustError = gather(decayedDistrustError, order);
      saturatedTrust = gather(saturatedTrust, order);
    }
    if (keys == null) {
      index(); // from here on every pair goes through the hash table: the dense arrays are stale
    } else {
      int[] numberOf = new int[size];
      for (int i = 0; i < size; i++) {
        numberOf[order[i]] = i;
      }
      for (int slot = 0; slot < slots.length; slot++) {
        if (slots[slot] != 0) {
          slots[slot] = numberOf[slots[slot] - 1] + 1;
        }
      }
    }
    inEdgeOrdered = size;
  }

  /**
   * The pair numbers by endorsed contributor, then by endorser: two counting sorts, or one if the
   * pairs are grouped by endorser in increasing order already.
   */
  private int[] byEndorsedThenEndorser() {
    int n = 0;
    boolean byEndorser = true;
    for (int pair = 0; pair < size; pair++) {
      n = Math.max(n, Math.max(endorser(pair), endorsed(pair)) + 1);
      byEndorser &= pair == 0 || endorser(pair - 1) <= endorser(pair);
    }
    return countingSort(byEndorser ? null : countingSort(null, n, true), n, false);
  }

  /**
   * The pair numbers {@code order} (or {@code 0 .. size - 1}) stably sorted by endorser ({@code
   * byEndorser}) or endorsed contributor, all below {@code n}.
   */
  private int[] countingSort(int[] order, int n, boolean byEndorser) {
    int[] start = new int[n + 1];
    for (int pair = 0; pair < size; pair++) {
      start[(byEndorser ? endorser(pair) : endorsed(pair)) + 1]++;
    }
    for (int v = 0; v < n; v++) {
      start[v + 1] += start[v];
    }
    int[] sorted = new int[size];
    for (int i = 0; i < size; i++) {
      int pair = order == null ? i : order[i];
      sorted[start[byEndorser ? endorser(pair) : endorsed(pair)]++] = pair;
    }
    return sorted;
  }

  private double[] gather(double[] values, int[] order) {
    double[] gathered = new double[values.length];
    for (int i = 0; i < size; i++) {
      gathered[i] = values[order[i]];
    }
    return gathered;
  }

  /**
   * Every pair number in the order of a graph's in-edges (by endorsed contributor, then by
   * endorser), or null if {@link #sortByEndorsed} was never called: the {@code k} pairs numbered
   * since are sorted (a radix sort) and merged into the others, which are in that order already. A
   * graph built from the pairs in this order needs no sort ({@link
   * dev.wuffie.graph.EndorsementGraph.Builder}). {@code O(pairs + k)}; 4 bytes per pair for the
   * order returned.
   */
  int[] inEdgeOrder() {
    if (inEdgeOrdered < 0) {
      return null;
    }
    int fresh = size - inEdgeOrdered;
    long[] tail = new long[fresh]; // (endorsed, endorser), packed
    int[] tailPairs = new int[fresh];
    long highest = 0;
    for (int i = 0; i < fresh; i++) {
      int pair = inEdgeOrdered + i;
      tail[i] = key(endorsed(pair), endorser(pair));
      tailPairs[i] = pair;
      highest |= tail[i];
    }
    IndexSort.radixSort(tail, tailPairs, 64 - Long.numberOfLeadingZeros(highest));
    int[] order = new int[size];
    int at = 0;
    int next = 0; // the next pair of the sorted ones
    for (int i = 0; i < fresh; i++) {
      while (next < inEdgeOrdered && key(endorsed(next), endorser(next)) < tail[i]) {
        order[at++] = next++;
      }
      order[at++] = tailPairs[i];
    }
    while (next < inEdgeOrdered) {
      order[at++] = next++;
    }
    return order;
  }

  /** How many pairs were numbered after the last {@link #sortByEndorsed}, or all if none. */
  int unsorted() {
    return inEdgeOrdered < 0 ? size : size - inEdgeOrdered;
  }

  /** The number of the pair {@code u -> v}, or -1 if it was never added. */
  int find(int u, int v) {
    index();
    long key = key(u, v);
    int mask = keys.length - 1;
    for (int slot = hash(key) & mask; keys[slot] != EMPTY; slot = (slot + 1) & mask) {
      if (keys[slot] == key) {
        return slots[slot] - 1;
      }
    }
    return -1;
  }

  int size() {
    return size;
  }

  int endorser(int pair) {
    return (int) (pairKey(pair) >>> 32);
  }

  int endorsed(int pair) {
    return (int) pairKey(pair);
  }

  double trust(int pair) {
    return trust[pair];
  }

  /**
   * {@code saturation.saturate(trust(pair))}; once the table is kept ({@link #indexAll}), computed
   * once and kept until the pair's trust changes ({@code saturation} must be the same every time:
   * one policy's). Safe to call from several threads at once for distinct pairs.
   */
  double saturatedTrust(int pair, Saturation saturation) {
    if (saturatedTrust == null) {
      return saturation.saturate(trust[pair]);
    }
    double saturated = saturatedTrust[pair];
    if (Double.isNaN(saturated)) {
      saturated = saturation.saturate(trust[pair]);
      saturatedTrust[pair] = saturated;
    }
    return saturated;
  }

  double decayedTrust(int pair) {
    return decayedTrust[pair] * decayScale;
  }

  double distrust(int pair) {
    return distrust[pair];
  }

  double decayedDistrust(int pair) {
    return decayedDistrust[pair] * decayScale;
  }

  private long pairKey(int pair) {
    return byNumber[pair];
  }

  /** The number of the pair {@code u -> v}, added if new. */
  private int pair(int u, int v) {
    if (keys == null && u != endorser) {
      nextEndorser(u);
    }
    if (keys == null && v >= pairOf.length) {
      index();
    }
    if (keys != null) {
      return intern(u, v);
    }
    int pair = pairOf[v];
    if (pair < 0) {
      pair = append(key(u, v));
      pairOf[v] = pair;
      touched[touchedCount++] = v;
    }
    return pair;
  }

  /** Starts the run of endorser {@code u}; builds the hash table if the dense arrays cannot do. */
  private void nextEndorser(int u) {
    for (int i = 0; i < touchedCount; i++) {
      pairOf[touched[i]] = -1;
    }
    touchedCount = 0;
    endorser = u;
    if (u >= seen.length || seen[u]) {
      index(); // u comes back after another endorser, or is beyond the arrays
    } else {
      seen[u] = true;
    }
  }

  private int intern(int u, int v) {
    long key = key(u, v);
    int mask = keys.length - 1;
    int slot = hash(key) & mask;
    while (keys[slot] != EMPTY) {
      if (keys[slot] == key) {
        return slots[slot] - 1;
      }
      slot = (slot + 1) & mask;
    }
    int pair = append(key);
    keys[slot] = key;
    slots[slot] = pair + 1;
    if (size * 2 > keys.length) {
      rehash(keys.length * 2);
    }
    return pair;
  }

  /** A new pair numbered {@code size}, with no weight yet. */
  private int append(long key) {
    int pair = size++;
    if (pair == byNumber.length) {
      int grown = pair * 2;
      byNumber = Arrays.copyOf(byNumber, grown);
      trust = Arrays.copyOf(trust, grown);
      decayedTrust = Arrays.copyOf(decayedTrust, grown);
      distrust = Arrays.copyOf(distrust, grown);
      decayedDistrust = Arrays.copyOf(decayedDistrust, grown);
      trustCount = Arrays.copyOf(trustCount, grown);
      distrustCount = Arrays.copyOf(distrustCount, grown);
      if (trustError != null) {
        trustError = Arrays.copyOf(trustError, grown);
        decayedTrustError = Arrays.copyOf(decayedTrustError, grown);
        distrustError = Arrays.copyOf(distrustError, grown);
        decayedDistrustError = Arrays.copyOf(decayedDistrustError, grown);
        saturatedTrust = Arrays.copyOf(saturatedTrust, grown); // set by the add that follows
      }
    }
    byNumber[pair] = key;
    return pair;
  }

  /** Builds the hash table of every pair so far, if there is none yet. */
  private void index() {
    if (keys == null) {
      rehash(Integer.highestOneBit(Math.max(16, size * 2 - 1)) << 1);
    }
  }

  private void rehash(int capacity) {
    long[] grownKeys = new long[capacity];
    Arrays.fill(grownKeys, EMPTY);
    int[] grownSlots = new int[grownKeys.length];
    int mask = grownKeys.length - 1;
    for (int pair = 0; pair < size; pair++) {
      long key = byNumber[pair];
      int slot = hash(key) & mask;
      while (grownKeys[slot] != EMPTY) {
        slot = (slot + 1) & mask;
      }
      grownKeys[slot] = key;
      grownSlots[slot] = pair + 1;
    }
    keys = grownKeys;
    slots = grownSlots;
  }

  private static long key(int u, int v) {
    return ((long) u << 32) | (v & 0xFFFFFFFFL);
  }

  private static int hash(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
