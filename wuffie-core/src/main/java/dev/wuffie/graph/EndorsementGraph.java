package dev.wuffie.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Cost: building is {@code O(n + m)} time (two counting sorts) for {@code n} contributors and
 * {@code m} endorsements; the built graph holds 12 bytes per distinct endorsement (an int source
 * and a double weight) and 12 bytes per contributor (an int offset and a double out-weight), plus
 * the ids and their index.
 *
 * <p>Instances are immutable and safe to share between threads. The {@link Builder} is not
 * thread-safe.
 */
public final class EndorsementGraph {

  private final String[] ids;
  private final Map<String, Integer> indexById;
  private final int[] inStart;
  private final int[] sources;
  private final double[] weights;
  private final double[] outWeights;
  private final long droppedSelfEndorsements;
  private final long mergedDuplicates;

  private EndorsementGraph(
      String[] ids,
      Map<String, Integer> indexById,
      int[] inStart,
      int[] sources,
      double[] weights,
      double[] outWeights,
      long droppedSelfEndorsements,
      long mergedDuplicates) {
    this.ids = ids;
    this.indexById = indexById;
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
    return ids.length;
  }

  /** The number of distinct endorsement pairs {@code m}, after summing duplicates. */
  public int edgeCount() {
    return sources.length;
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
    checkElementIndex(index, ids.length, "contributor index");
    return ids[index];
  }

  /** The contributor ids, in index order, as an unmodifiable list. */
  public List<String> ids() {
    return Collections.unmodifiableList(Arrays.asList(ids));
  }

  /** The index of contributor {@code id}, or empty if the graph does not contain it. */
  public OptionalInt indexOf(String id) {
    Integer index = indexById.get(id);
    return index == null ? OptionalInt.empty() : OptionalInt.of(index);
  }

  /** Whether the graph contains contributor {@code id}. */
  public boolean contains(String id) {
    return indexById.containsKey(id);
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
    checkElementIndex(endorser, ids.length, "endorser index");
    checkElementIndex(endorsed, ids.length, "endorsed index");
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
   * endorser, an endorsed contributor or through {@link #addContributor(String)}. Duplicate pairs
   * are summed (in the order they were added, so the result is deterministic); self-endorsements
   * are dropped and counted. Weights must be finite and non-negative. A rejected call changes
   * nothing. {@link #build()} leaves the builder usable. Not thread-safe.
   */
  public static final class Builder {
    private static final int MAX_EDGES = Integer.MAX_VALUE - 8;

    private final List<String> ids = new ArrayList<>();
    private final Map<String, Integer> indexById = new HashMap<>();
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
      return intern(id);
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
      int u = intern(endorser);
      int v = intern(endorsed);
      if (u == v) {
        droppedSelfEndorsements++;
        return this;
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
      return this;
    }

    /** Builds the graph. The builder keeps its content and can be added to and built again. */
    public EndorsementGraph build() {
      int n = ids.size();
      int m = size;
      // Two stable counting sorts (by endorser, then by endorsed) order the edges by
      // (endorsed, endorser) while keeping equal pairs in the order they were added.
      int[] byEndorser = countingSort(endorsers, m, n, null);
      int[] order = countingSort(endorsed, m, n, byEndorser);

      int[] inStart = new int[n + 1];
      int[] sources = new int[m];
      double[] summed = new double[m];
      int distinct = 0;
      int previousTarget = -1;
      int previousSource = -1;
      for (int k = 0; k < m; k++) {
        int e = order[k];
        int u = endorsers[e];
        int v = endorsed[e];
        if (v == previousTarget && u == previousSource) {
          summed[distinct - 1] += weights[e];
        } else {
          sources[distinct] = u;
          summed[distinct] = weights[e];
          inStart[v + 1]++;
          distinct++;
          previousTarget = v;
          previousSource = u;
        }
      }
      for (int v = 0; v < n; v++) {
        inStart[v + 1] += inStart[v];
      }
      double[] outWeights = new double[n];
      for (int e = 0; e < distinct; e++) {
        outWeights[sources[e]] += summed[e];
      }
      return new EndorsementGraph(
          ids.toArray(new String[0]),
          Map.copyOf(indexById),
          inStart,
          Arrays.copyOf(sources, distinct),
          Arrays.copyOf(summed, distinct),
          outWeights,
          droppedSelfEndorsements,
          m - distinct);
    }

    private int intern(String id) {
      Integer index = indexById.get(id);
      if (index != null) {
        return index;
      }
      int next = ids.size();
      ids.add(id);
      indexById.put(id, next);
      return next;
    }

    /**
     * Returns the permutation of {@code 0 .. m-1} (or of {@code within}, if given) that orders
     * {@code keys} ascending, stably.
     */
    private static int[] countingSort(int[] keys, int m, int n, int[] within) {
      int[] start = new int[n + 1];
      for (int e = 0; e < m; e++) {
        start[keys[e] + 1]++;
      }
      for (int k = 0; k < n; k++) {
        start[k + 1] += start[k];
      }
      int[] out = new int[m];
      for (int i = 0; i < m; i++) {
        int e = within == null ? i : within[i];
        out[start[keys[e]]++] = e;
      }
      return out;
    }

    private static void checkId(String id, String role) {
      checkNotNull(id, "%s id is null; every endorsement needs endorser and endorsed ids", role);
      checkArgument(!id.isEmpty(), "%s id is empty; give every contributor a non-empty id", role);
    }
  }
}
