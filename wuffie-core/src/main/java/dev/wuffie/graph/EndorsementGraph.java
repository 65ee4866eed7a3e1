package dev.wuffie.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * An immutable weighted directed graph of endorsements between contributors, stored as compressed
 * sparse columns over dense int indices.
 *
 * <p>Contributors are numbered {@code 0 .. size() - 1} in the order the builder first saw them;
 * {@link #id(int)} and {@link #indexOf(String)} map between indices and the caller's String ids.
 * Every ordered pair {@code (u, v)} with {@code u != v} appears at most once and carries the sum of
 * the weights given to it. The endorsements a contributor {@code v} received are the edges {@code
 * e} with {@code inStart(v) <= e < inEnd(v)}, sorted by {@link #source(int)}; {@link
 * #outWeight(int)} is the total weight a contributor gave. A contributor whose out-weight is zero
 * is <em>dangling</em>.
 *
 * <pre>{@code
 * EndorsementGraph graph = EndorsementGraph.builder()
 *     .add("alice", "bob", 1.0)
 *     .add("alice", "bob", 2.0)   // summed: alice -> bob weighs 3
 *     .add("bob", "bob", 5.0)     // self-endorsement: dropped and counted
 *     .build();
 * }</pre>
 *
 * <p>Cost: building takes {@code O(n + m log d)} time for {@code n} contributors, {@code m}
 * endorsements and at most {@code d} endorsements received by one contributor (a counting sort by
 * endorsed contributor, then a sort of each one's endorsements by endorser); the built graph holds
 * 12 bytes per distinct endorsement (an int source and a double weight; up to 1/64 more when
 * duplicates were merged) and 12 bytes per contributor (an int offset and a double out-weight),
 * plus the ids and their index.
 *
 * <p>Instances are immutable and safe to share between threads. The {@link Builder} is not
 * thread-safe.
 */
public final class EndorsementGraph {

  private final IdIndex ids;
  private final int[] inStart;
  private final int[] sources;
  private final double[] weights;
  private final double[] outWeights;
  private final long droppedSelfEndorsements;
  private final long mergedDuplicates;

  private EndorsementGraph(
      IdIndex ids,
      int[] inStart,
      int[] sources,
      double[] weights,
      double[] outWeights,
      long droppedSelfEndorsements,
      long mergedDuplicates) {
    this.ids = ids;
    this.inStart = inStart;
    this.sources = sources;
    this.weights = weights;
    this.outWeights = outWeights;
    this.droppedSelfEndorsements = droppedSelfEndorsements;
    this.mergedDuplicates = mergedDuplicates;
  }

  /** Returns a new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The number of contributors {@code n}, including those without any endorsement. */
  public int size() {
    return ids.size();
  }

  /** The number of distinct endorsement pairs {@code m}, after summing duplicates. */
  public int edgeCount() {
    return inStart[ids.size()];
  }

  /** How many self-endorsements the builder was given and dropped. */
  public long droppedSelfEndorsements() {
    return droppedSelfEndorsements;
  }

  /** How many endorsements the builder folded into an earlier one for the same pair. */
  public long mergedDuplicates() {
    return mergedDuplicates;
  }

  /**
   * The id of the contributor at {@code index}.
   *
   * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
   */
  public String id(int index) {
    checkElementIndex(index, ids.size(), "contributor index");
    return ids.id(index);
  }

  /** The contributor ids, in index order, as an unmodifiable list. */
  public List<String> ids() {
    return ids.asList();
  }

  /** The index of contributor {@code id}, or empty if the graph does not contain it. */
  public OptionalInt indexOf(String id) {
    int index = ids.indexOf(id);
    return index < 0 ? OptionalInt.empty() : OptionalInt.of(index);
  }

  /** Whether the graph contains contributor {@code id}. */
  public boolean contains(String id) {
    return ids.indexOf(id) >= 0;
  }

  /** The first edge index of the endorsements that contributor {@code v} received. */
  public int inStart(int v) {
    return inStart[v];
  }

  /** One past the last edge index of the endorsements that contributor {@code v} received. */
  public int inEnd(int v) {
    return inStart[v + 1];
  }

  /** The endorser (source index) of edge {@code e}. */
  public int source(int e) {
    return sources[e];
  }

  /** The weight of edge {@code e}: the sum of all weights given to its pair, at least zero. */
  public double weight(int e) {
    return weights[e];
  }

  /** The total weight contributor {@code u} gave to others; zero if {@code u} is dangling. */
  public double outWeight(int u) {
    return outWeights[u];
  }

  /**
   * The weight of the endorsement {@code endorser -> endorsed}, or zero if there is none.
   *
   * @throws IndexOutOfBoundsException if either index is not in {@code [0, size())}
   */
  public double weight(int endorser, int endorsed) {
    checkElementIndex(endorser, ids.size(), "endorser index");
    checkElementIndex(endorsed, ids.size(), "endorsed index");
    int e = Arrays.binarySearch(sources, inStart[endorsed], inStart[endorsed + 1], endorser);
    return e >= 0 ? weights[e] : 0.0;
  }

  @Override
  public String toString() {
    return "EndorsementGraph{contributors=" + size() + ", endorsements=" + edgeCount() + "}";
  }

  /**
   * Collects endorsements and builds an {@link EndorsementGraph}.
   *
   * <p>Ids are interned: each distinct id gets the next index the first time it is seen, as an
   * endorser, an endorsed contributor or through {@link #addContributor(String)}; {@link #add(int,
   * int, double)} adds an endorsement between contributors already added, by those indices, without
   * looking their ids up again. Duplicate pairs are summed (in the order they were added, so the
   * result is deterministic); self-endorsements are dropped and counted. Weights must be finite and
   * non-negative. A rejected call changes nothing. {@link #build()} leaves the builder usable. Not
   * thread-safe.
   */
  public static final class Builder {
    private static final int MAX_EDGES = Integer.MAX_VALUE - 8;
    private static final int UNUSED_TAIL_MAX = 64; // at most 1/64 of the edge arrays

    private final IdIndex ids = new IdIndex();
    private int[] endorsers = new int[16];
    private int[] endorsed = new int[16];
    private double[] weights = new double[16];
    private int size;
    private long droppedSelfEndorsements;

    private Builder() {}

    /**
     * Adds a contributor without endorsements (no-op if already present) and returns its index.
     *
     * @throws NullPointerException if {@code id} is null
     * @throws IllegalArgumentException if {@code id} is empty
     */
    public int addContributor(String id) {
      checkId(id, "contributor");
      return ids.intern(id);
    }

    /**
     * Adds {@code weight} to the endorsement {@code endorser -> endorsed}.
     *
     * @throws NullPointerException if an id is null
     * @throws IllegalArgumentException if an id is empty, or the weight is NaN, infinite or
     *     negative
     */
    public Builder add(String endorser, String endorsed, double weight) {
      checkId(endorser, "endorser");
      checkId(endorsed, "endorsed");
      checkArgument(
          Double.isFinite(weight),
          "weight %s of endorsement '%s' -> '%s' is not a finite number; give a weight >= 0",
          weight,
          endorser,
          endorsed);
      checkArgument(
          weight >= 0,
          "weight %s of endorsement '%s' -> '%s' is negative; weights must be >= 0 (drop negative"
              + " ratings, or record them as distrust)",
          weight,
          endorser,
          endorsed);
      append(ids.intern(endorser), ids.intern(endorsed), weight);
      return this;
    }

    /**
     * Adds {@code weight} to the endorsement {@code endorser -> endorsed} between two contributors
     * given by the indices that {@link #addContributor(String)} returned. Ids added through {@link
     * #add(String, String, double)} have indices too: {@code 0, 1, 2, ...} in the order they were
     * first seen. This does what {@link #add(String, String, double)} does with the ids at those
     * indices, without looking the ids up: the fast way for a reader that interns ids itself.
     *
     * <pre>{@code
     * int alice = builder.addContributor("alice");
     * int bob = builder.addContributor("bob");
     * builder.add(alice, bob, 1.0).add(alice, bob, 2.0); // summed: alice -> bob weighs 3
     * }</pre>
     *
     * @throws IndexOutOfBoundsException if an index is not one the builder gave out, that is not in
     *     {@code [0, n)} for {@code n} contributors added so far
     * @throws IllegalArgumentException if the weight is NaN, infinite or negative
     */
    public Builder add(int endorser, int endorsed, double weight) {
      checkElementIndex(endorser, ids.size(), "endorser index");
      checkElementIndex(endorsed, ids.size(), "endorsed index");
      checkArgument(
          Double.isFinite(weight),
          "weight %s of endorsement '%s' -> '%s' is not a finite number; give a weight >= 0",
          weight,
          ids.id(endorser),
          ids.id(endorsed));
      checkArgument(
          weight >= 0,
          "weight %s of endorsement '%s' -> '%s' is negative; weights must be >= 0 (drop negative"
              + " ratings, or record them as distrust)",
          weight,
          ids.id(endorser),
          ids.id(endorsed));
      append(endorser, endorsed, weight);
      return this;
    }

    private void append(int u, int v, double weight) {
      if (u == v) {
        droppedSelfEndorsements++;
        return;
      }
      if (size == endorsers.length) {
        checkArgument(size < MAX_EDGES, "too many endorsements: at most %s fit", MAX_EDGES);
        int capacity = (int) Math.min(MAX_EDGES, (long) size * 2);
        endorsers = Arrays.copyOf(endorsers, capacity);
        this.endorsed = Arrays.copyOf(this.endorsed, capacity);
        weights = Arrays.copyOf(weights, capacity);
      }
      endorsers[size] = u;
      this.endorsed[size] = v;
      weights[size] = weight + 0.0; // turns -0.0 into 0.0
      size++;
    }

    /** Builds the graph. The builder keeps its content and can be added to and built again. */
    public EndorsementGraph build() {
      int n = ids.size();
      int m = size;
      // A stable counting sort by endorsed contributor: each edge goes to its target's bucket, in
      // the order the edges were added. One pass, so each edge is moved once.
      int[] inStart = new int[n + 1];
      for (int e = 0; e < m; e++) {
        inStart[endorsed[e] + 1]++;
      }
      for (int v = 0; v < n; v++) {
        inStart[v + 1] += inStart[v];
      }
      int[] next = Arrays.copyOf(inStart, n);
      int[] sources = new int[m];
      double[] summed = new double[m];
      for (int e = 0; e < m; e++) {
        int at = next[endorsed[e]]++;
        sources[at] = endorsers[e];
        summed[at] = weights[e];
      }
      // Then each bucket, small and contiguous, is sorted by endorser, stably: equal pairs keep the
      // order they were added in and are summed in that order, left to right, in place.
      BucketSorter sorter = new BucketSorter();
      int distinct = 0;
      for (int v = 0; v < n; v++) {
        int from = inStart[v];
        int to = inStart[v + 1];
        sorter.sortBySource(sources, summed, from, to);
        inStart[v] = distinct;
        for (int k = from; k < to; k++) {
          if (distinct > inStart[v] && sources[distinct - 1] == sources[k]) {
            summed[distinct - 1] += summed[k];
          } else {
            sources[distinct] = sources[k];
            summed[distinct] = summed[k];
            distinct++;
          }
        }
      }
      inStart[n] = distinct;
      double[] outWeights = new double[n];
      for (int e = 0; e < distinct; e++) {
        outWeights[sources[e]] += summed[e];
      }
      // A few merged duplicates leave a short unused tail: trimming it would cost a copy of it all.
      boolean trim = m - distinct > m / UNUSED_TAIL_MAX;
      return new EndorsementGraph(
          ids.copy(),
          inStart,
          trim ? Arrays.copyOf(sources, distinct) : sources,
          trim ? Arrays.copyOf(summed, distinct) : summed,
          outWeights,
          droppedSelfEndorsements,
          m - distinct);
    }

    private static void checkId(String id, String role) {
      checkNotNull(id, "%s id is null; every endorsement needs endorser and endorsed ids", role);
      checkArgument(!id.isEmpty(), "%s id is empty; give every contributor a non-empty id", role);
    }

    /** Sorts a bucket of edges by source, stably, reusing its scratch space between buckets. */
    private static final class BucketSorter {
      private static final int INSERTION_SORT_MAX = 32;

      private long[] scratchKeys = new long[0];
      private double[] scratchWeights = new double[0];

      void sortBySource(int[] sources, double[] weights, int from, int to) {
        if (to - from <= INSERTION_SORT_MAX) {
          for (int i = from + 1; i < to; i++) {
            int source = sources[i];
            double weight = weights[i];
            int j = i - 1;
            while (j >= from && sources[j] > source) {
              sources[j + 1] = sources[j];
              weights[j + 1] = weights[j];
              j--;
            }
            sources[j + 1] = source;
            weights[j + 1] = weight;
          }
          return;
        }
        // (source, position) pairs are distinct, so sorting them is stable by construction.
        int length = to - from;
        if (scratchKeys.length < length) {
          scratchKeys = new long[length];
          scratchWeights = new double[length];
        }
        for (int i = 0; i < length; i++) {
          scratchKeys[i] = (long) sources[from + i] << 32 | i;
          scratchWeights[i] = weights[from + i];
        }
        Arrays.sort(scratchKeys, 0, length);
        for (int i = 0; i < length; i++) {
          sources[from + i] = (int) (scratchKeys[i] >>> 32);
          weights[from + i] = scratchWeights[(int) scratchKeys[i]];
        }
      }
    }
  }
}
