package dev.wuffie.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.RandomAccess;

/**
 * An immutable weighted directed graph of endorsements between contributors, over dense int
 * indices.
 *
 * <p>Every ordered pair {@code (u, v)} with {@code u != v} appears at most once and carries the sum
 * of the weights given to it. {@link #outWeight(int)} is the total weight a contributor gave; a
 * contributor whose out-weight is zero is <em>dangling</em>.
 *
 * <pre>{@code
 * EndorsementGraph graph = EndorsementGraph.builder()
 *     .add("alice", "bob", 1.0)
 *     .add("alice", "bob", 2.0)   // summed: alice -> bob weighs 3
 *     .add("bob", "bob", 5.0)     // self-endorsement: dropped and counted
 *     .build();
 * }</pre>
 *
 * <p><b>Indices.</b> The graph speaks of two kinds of index, and every accessor that takes one
 * names which:
 *
 * <ul>
 *   <li>a <em>contributor index</em> is in {@code [0, size())}, in the order the builder first saw
 *       the contributors (or by degree, see {@link Builder#orderForLocality(boolean)}); {@link
 *       #id(int)} and {@link #indexOf(String)} map between indices and the caller's String ids;
 *   <li>an <em>endorsement index</em> is in {@code [0, edgeCount())}. The endorsements are stored
 *       grouped by endorsed contributor: those that contributor {@code v} received have the
 *       endorsement indices {@code inStart(v) <= e < inEnd(v)}, in increasing order of their
 *       endorser {@link #source(int)}, each with its {@link #weight(int)}. (This is the in-edge
 *       form of a compressed adjacency list: one offset per contributor, one endorser and one
 *       weight per endorsement.)
 * </ul>
 *
 * <p>An engine reads the graph through those accessors; each checks its index and throws an {@link
 * IndexOutOfBoundsException} naming the index, its kind and the bound it broke. The check is the
 * comparison that the array read under it makes anyway, so a loop over the endorsements costs what
 * the same loop over raw arrays does:
 *
 * <pre>{@code
 * for (int v = 0; v < graph.size(); v++) {
 *   double in = 0;
 *   for (int e = graph.inStart(v), end = graph.inEnd(v); e < end; e++) {
 *     in += graph.weight(e) * flow[graph.source(e)]; // source(e) endorsed v with weight(e)
 *   }
 * }
 * }</pre>
 *
 * <p>Cost: building is {@code O(m + n)} time for {@code n} contributors and {@code m} endorsements
 * (two counting sorts: by endorser, then by endorsed contributor; one sequential copy instead when
 * the endorsements were added in the graph's own order, by endorsed contributor and then by
 * endorser, each pair once, as a graph rebuilt from another's endorsements is). The built graph
 * holds 12 bytes per distinct endorsement (an int endorser and a double weight; 8 when every weight
 * is exactly a float, as small integers and halves are) and 12 bytes per contributor (an int offset
 * and a double out-weight), plus the ids: the Strings themselves and 15 to 26 bytes each for the
 * index array and hash table. No object is allocated per endorsement.
 *
 * <p>Instances are immutable and safe to share between threads. The {@link Builder} is not
 * thread-safe.
 */
public final class EndorsementGraph {
  private static final String CONTRIBUTOR = "contributor index";
  private static final String ENDORSEMENT = "endorsement index";

  private final IdIndex ids;
  private final int[] inStart;
  private final int[] sources;
  private final double[] weights; // null when every weight is exactly a float
  private final float[] floatWeights; // null otherwise
  private final double[] outWeights;
  private final double[] teleportWeights; // null when no contributor has any
  private final long droppedSelfEndorsements;
  private final long mergedDuplicates;

  private EndorsementGraph(
      IdIndex ids,
      int[] inStart,
      int[] sources,
      double[] weights,
      int edgeCount,
      double[] outWeights,
      double[] teleportWeights,
      long droppedSelfEndorsements,
      long mergedDuplicates) {
    this.ids = ids;
    this.inStart = inStart;
    this.sources = sources;
    this.floatWeights = exactFloats(weights, edgeCount);
    this.weights =
        floatWeights != null
            ? null
            : weights.length == edgeCount ? weights : Arrays.copyOf(weights, edgeCount);
    this.outWeights = outWeights;
    this.teleportWeights = teleportWeights;
    this.droppedSelfEndorsements = droppedSelfEndorsements;
    this.mergedDuplicates = mergedDuplicates;
  }

  /** Returns a new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a new builder that starts with the contributors of {@code graph}, at the same indices,
   * and no endorsements: for a graph over the same contributors, or over them and some new ones
   * (they get the next indices). The ids are shared with {@code graph}, not added again: {@code
   * O(1)} instead of {@code O(n)} hashing. The first new contributor adds to the shared index in
   * place if no other builder has added to it since, else it copies the index first ({@code O(n)});
   * either way {@code graph} is unchanged and may be read meanwhile from any thread.
   *
   * @throws NullPointerException if {@code graph} is null
   */
  public static Builder builder(EndorsementGraph graph) {
    checkNotNull(graph, "graph is null");
    Builder builder = new Builder();
    builder.ids = graph.ids.view();
    return builder;
  }

  /** The number of contributors {@code n}, including those without any endorsement. */
  public int size() {
    return ids.size();
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
    checkElementIndex(index, ids.size(), CONTRIBUTOR);
    return ids.id(index);
  }

  /** The contributor ids, in index order, as an unmodifiable list view. */
  public List<String> ids() {
    return new IdList(ids);
  }

  /** The index of contributor {@code id}, or empty if the graph does not contain it. */
  public OptionalInt indexOf(String id) {
    int index = id == null ? -1 : ids.indexOf(id);
    return index < 0 ? OptionalInt.empty() : OptionalInt.of(index);
  }

  /** Whether the graph contains contributor {@code id}. */
  public boolean contains(String id) {
    return id != null && ids.indexOf(id) >= 0;
  }

  /**
   * The first endorsement index of the endorsements that contributor {@code v} received.
   *
   * @throws IndexOutOfBoundsException if {@code v} is not a contributor index, in {@code [0,
   *     size())}
   */
  public int inStart(int v) {
    return inStart[checkElementIndex(v, inStart.length - 1, CONTRIBUTOR)];
  }

  /**
   * One past the last endorsement index of the endorsements that contributor {@code v} received;
   * {@code inEnd(v) - inStart(v)} is how many distinct contributors endorsed {@code v}.
   *
   * @throws IndexOutOfBoundsException if {@code v} is not a contributor index, in {@code [0,
   *     size())}
   */
  public int inEnd(int v) {
    return inStart[checkElementIndex(v, inStart.length - 1, CONTRIBUTOR) + 1];
  }

  /**
   * The endorser (contributor index) of endorsement {@code e}.
   *
   * @throws IndexOutOfBoundsException if {@code e} is not an endorsement index, in {@code [0,
   *     edgeCount())}
   */
  public int source(int e) {
    return sources[checkElementIndex(e, sources.length, ENDORSEMENT)];
  }

  /**
   * The weight of endorsement {@code e}: the sum of all weights given to its pair, at least zero.
   *
   * @throws IndexOutOfBoundsException if {@code e} is not an endorsement index, in {@code [0,
   *     edgeCount())}
   */
  public double weight(int e) {
    return floatWeights != null
        ? floatWeights[checkElementIndex(e, floatWeights.length, ENDORSEMENT)]
        : weights[checkElementIndex(e, weights.length, ENDORSEMENT)];
  }

  /**
   * The total weight contributor {@code u} gave: to others, plus its {@linkplain
   * #teleportWeight(int) teleport weight}; zero if {@code u} is dangling.
   *
   * @throws IndexOutOfBoundsException if {@code u} is not a contributor index, in {@code [0,
   *     size())}
   */
  public double outWeight(int u) {
    return outWeights[checkElementIndex(u, outWeights.length, CONTRIBUTOR)];
  }

  /**
   * The part of {@code u}'s out-weight given to nobody in particular: a walk at {@code u} takes it
   * with probability {@code teleportWeight(u) / outWeight(u)} and restarts from the teleport
   * distribution, as it does from a dangling contributor. Zero unless set with {@link
   * Builder#addTeleportWeight(int, double)}; a scoring policy uses it for the weight that decay or
   * influence limits take away from an endorser.
   *
   * @throws IndexOutOfBoundsException if {@code u} is not a contributor index, in {@code [0,
   *     size())}
   */
  public double teleportWeight(int u) {
    checkElementIndex(u, outWeights.length, CONTRIBUTOR);
    return teleportWeights == null ? 0.0 : teleportWeights[u];
  }

  /** Whether some contributor has a non-zero {@linkplain #teleportWeight(int) teleport weight}. */
  public boolean hasTeleportWeights() {
    return teleportWeights != null;
  }

  /**
   * The weight of the endorsement {@code endorser -> endorsed}, or zero if there is none.
   *
   * @throws IndexOutOfBoundsException if either index is not in {@code [0, size())}
   */
  public double weight(int endorser, int endorsed) {
    checkElementIndex(endorser, size(), "endorser index");
    checkElementIndex(endorsed, size(), "endorsed index");
    int e = Arrays.binarySearch(sources, inStart[endorsed], inStart[endorsed + 1], endorser);
    return e >= 0 ? weight(e) : 0.0;
  }

  /**
   * The first {@code count} weights as floats if every one of them is exactly a float (small
   * integers, halves, ...), else null: the graph then stores 8 bytes per endorsement instead of 12,
   * and iterating over it reads a third less memory, with identical results.
   */
  private static float[] exactFloats(double[] weights, int count) {
    float[] floats = new float[count];
    for (int e = 0; e < count; e++) {
      floats[e] = (float) weights[e];
      if (floats[e] != weights[e]) {
        return null;
      }
    }
    return floats;
  }

  @Override
  public String toString() {
    return "EndorsementGraph{contributors=" + size() + ", endorsements=" + edgeCount() + "}";
  }

  private static final class IdList extends AbstractList<String> implements RandomAccess {
    private final IdIndex ids;

    IdList(IdIndex ids) {
      this.ids = ids;
    }

    @Override
    public String get(int index) {
      checkElementIndex(index, ids.size());
      return ids.id(index);
    }

    @Override
    public int size() {
      return ids.size();
    }
  }

  /**
   * Collects endorsements and builds an {@link EndorsementGraph}.
   *
   * <p>Ids are interned: each distinct id gets the next index the first time it is seen, as an
   * endorser, an endorsed contributor or through {@link #addContributor(String)}; {@link #add(int,
   * int, double)} takes those indices directly, which saves the id lookups of a bulk load.
   * Duplicate pairs are summed (in the order they were added, so the result is deterministic);
   * self-endorsements are dropped and counted. Weights must be finite and non-negative. A rejected
   * call changes nothing.
   *
   * <p>{@link #build()} hands the collected endorsements over to the graph without copying them and
   * leaves the builder empty, ready for another graph. The builder stores 16 bytes per endorsement
   * in blocks, so growing never copies what it holds. Not thread-safe.
   */
  public static final class Builder {
    private static final int BLOCK = 1 << 20;
    private static final long MAX_EDGES = Integer.MAX_VALUE - 8;

    private IdIndex ids = new IdIndex();
    private int[][] endorserBlocks = new int[1][16];
    private int[][] endorsedBlocks = new int[1][16];
    private double[][] weightBlocks = new double[1][16];
    private int blocks = 1;
    private int inLastBlock;
    private long size;
    private long droppedSelfEndorsements;
    private double[] teleportWeights; // by builder index; null until one is added
    private boolean orderForLocality;
    private long lastKey = -1; // (endorsed, endorser) of the last endorsement added, packed
    private boolean inEdgeOrder = true; // every endorsement so far came after the one before

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

    /** The number of contributors added so far. */
    public int contributorCount() {
      return ids.size();
    }

    /**
     * Makes room for about {@code count} endorsements, before the first is added: the builder then
     * does not copy what it holds as it grows, and a graph whose endorsements were added in its own
     * order (by endorsed contributor, then by endorser, each pair once) takes that room over
     * instead of copying it. More endorsements still fit; room for fewer is let go at {@link
     * #build()}. Optional; a no-op once an endorsement was added. {@code O(count)} memory, 16 bytes
     * each.
     *
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public Builder expectEndorsements(int count) {
      checkArgument(count >= 0, "expected endorsement count %s must be >= 0", count);
      if (size == 0 && count > endorserBlocks[0].length) {
        endorserBlocks[0] = new int[count];
        endorsedBlocks[0] = new int[count];
        weightBlocks[0] = new double[count];
      }
      return this;
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
      checkWeight(weight, endorser, endorsed);
      checkCapacity();
      append(ids.intern(endorser), ids.intern(endorsed), weight);
      return this;
    }

    /**
     * Adds {@code weight} to the endorsement between two contributors given by their indices (as
     * returned by {@link #addContributor(String)}).
     *
     * @throws IndexOutOfBoundsException if an index is not in {@code [0, contributorCount())}
     * @throws IllegalArgumentException if the weight is NaN, infinite or negative
     */
    public Builder add(int endorser, int endorsed, double weight) {
      checkElementIndex(endorser, ids.size(), "endorser index");
      checkElementIndex(endorsed, ids.size(), "endorsed index");
      if (!(Double.isFinite(weight) && weight >= 0)) {
        checkWeight(weight, ids.id(endorser), ids.id(endorsed));
      }
      checkCapacity();
      append(endorser, endorsed, weight);
      return this;
    }

    /**
     * Adds {@code weight} to the {@linkplain EndorsementGraph#teleportWeight(int) teleport weight}
     * of the contributor with builder index {@code contributor}.
     *
     * @throws IndexOutOfBoundsException if the index is not in {@code [0, contributorCount())}
     * @throws IllegalArgumentException if the weight is NaN, infinite or negative
     */
    public Builder addTeleportWeight(int contributor, double weight) {
      checkElementIndex(contributor, ids.size(), "contributor index");
      checkArgument(
          Double.isFinite(weight) && weight >= 0,
          "teleport weight %s of '%s' must be finite and >= 0",
          weight,
          ids.id(contributor));
      if (weight == 0) {
        return this;
      }
      if (teleportWeights == null || teleportWeights.length <= contributor) {
        int length = Math.max(contributor + 1, ids.size());
        teleportWeights =
            teleportWeights == null
                ? new double[length]
                : Arrays.copyOf(teleportWeights, Math.max(length, 2 * teleportWeights.length));
      }
      teleportWeights[contributor] += weight;
      return this;
    }

    /** Builds the graph from everything added, and empties the builder. */
    public EndorsementGraph build() {
      int n = ids.size();
      int[] label = orderForLocality ? degreeOrder() : null;
      int m = (int) size;
      int[] inStart = new int[n + 1];
      int[] sources;
      double[] weights;
      int distinct;
      if (label == null && inEdgeOrder && blocks == 1) { // the graph takes the block over
        int[] endorsers = endorserBlocks[0];
        sources = endorsers.length == m ? endorsers : Arrays.copyOf(endorsers, m);
        weights = weightBlocks[0]; // the graph copies the first m if it is longer
        countInEdges(endorsedBlocks[0], m, inStart);
        distinct = m;
      } else {
        sources = new int[m];
        weights = new double[m];
        if (label == null && inEdgeOrder) {
          copyInEdgeOrder(inStart, sources, weights);
          distinct = m;
        } else {
          sortByEndorsedThenEndorser(label, inStart, sources, weights);
          distinct = sumDuplicates(inStart, sources, weights);
        }
      }
      int[] finalSources = distinct == m ? sources : Arrays.copyOf(sources, distinct);
      double[] outWeights = new double[n];
      for (int e = 0; e < distinct; e++) {
        outWeights[finalSources[e]] += weights[e];
      }
      double[] teleport = null;
      if (teleportWeights != null) {
        teleport = new double[n];
        for (int u = 0; u < Math.min(n, teleportWeights.length); u++) {
          teleport[relabel(label, u)] = teleportWeights[u];
          outWeights[relabel(label, u)] += teleportWeights[u];
        }
      }
      EndorsementGraph graph =
          new EndorsementGraph(
              label == null ? ids.view() : ids.permutedCopy(label),
              inStart,
              finalSources,
              weights,
              distinct,
              outWeights,
              teleport,
              droppedSelfEndorsements,
              m - distinct);
      reset();
      return graph;
    }

    /**
     * Sorts the endorsements added into {@code sources} and {@code weights}, grouped by endorsed
     * contributor (whose group starts at {@code inStart}) and within a group by endorser, the
     * endorsements of one pair in the order they were added; lets the blocks go. Two counting
     * sorts: by endorser, then (stably) by endorsed contributor.
     */
    private void sortByEndorsedThenEndorser(
        int[] label, int[] inStart, int[] sources, double[] weights) {
      int n = inStart.length - 1;
      int m = sources.length;
      int[] outStart = new int[n + 1];
      forEachBlock(
          (block, length) -> {
            int[] endorsers = endorserBlocks[block];
            int[] endorsed = endorsedBlocks[block];
            for (int i = 0; i < length; i++) {
              outStart[relabel(label, endorsers[i]) + 1]++;
              inStart[relabel(label, endorsed[i]) + 1]++;
            }
          });
      for (int u = 0; u < n; u++) {
        outStart[u + 1] += outStart[u];
        inStart[u + 1] += inStart[u];
      }
      int[] targets = new int[m];
      double[] byEndorser = new double[m];
      int[] outCursor = Arrays.copyOf(outStart, n);
      forEachBlock(
          (block, length) -> {
            int[] endorsers = endorserBlocks[block];
            int[] endorsed = endorsedBlocks[block];
            double[] blockWeights = weightBlocks[block];
            for (int i = 0; i < length; i++) {
              int at = outCursor[relabel(label, endorsers[i])]++;
              targets[at] = relabel(label, endorsed[i]);
              byEndorser[at] = blockWeights[i];
            }
            endorserBlocks[block] = null; // let the blocks go as soon as they are copied
            endorsedBlocks[block] = null;
            weightBlocks[block] = null;
          });
      int[] inCursor = Arrays.copyOf(inStart, n);
      for (int u = 0; u < n; u++) {
        for (int k = outStart[u], end = outStart[u + 1]; k < end; k++) {
          int at = inCursor[targets[k]]++;
          sources[at] = u;
          weights[at] = byEndorser[k];
        }
      }
    }

    /**
     * Copies the endorsements added, which came in the graph's own order (by endorsed contributor,
     * then by endorser, each pair once), into {@code sources} and {@code weights}, and counts each
     * contributor's into {@code inStart}; lets the blocks go. One sequential pass instead of the
     * two counting sorts, with the same result.
     */
    private void copyInEdgeOrder(int[] inStart, int[] sources, double[] weights) {
      int at = 0;
      for (int block = 0; block < blocks; block++) {
        int length = block == blocks - 1 ? inLastBlock : endorserBlocks[block].length;
        int[] endorsed = endorsedBlocks[block];
        for (int i = 0; i < length; i++) {
          inStart[endorsed[i] + 1]++;
        }
        System.arraycopy(endorserBlocks[block], 0, sources, at, length);
        System.arraycopy(weightBlocks[block], 0, weights, at, length);
        at += length;
        endorserBlocks[block] = null;
        endorsedBlocks[block] = null;
        weightBlocks[block] = null;
      }
      countInEdges(null, 0, inStart);
    }

    /**
     * Counts the first {@code count} of {@code endorsed} (if any) into {@code inStart}, shifted by
     * one, and turns the counts into offsets.
     */
    private static void countInEdges(int[] endorsed, int count, int[] inStart) {
      for (int i = 0; i < count; i++) {
        inStart[endorsed[i] + 1]++;
      }
      for (int v = 0; v < inStart.length - 1; v++) {
        inStart[v + 1] += inStart[v];
      }
    }

    /**
     * Sums the runs of equal sources within each contributor's endorsements, compacting {@code
     * sources} and {@code weights} in place and updating {@code inStart}; returns how many distinct
     * endorsements remain.
     */
    private static int sumDuplicates(int[] inStart, int[] sources, double[] weights) {
      int n = inStart.length - 1;
      int distinct = 0;
      for (int v = 0; v < n; v++) {
        int from = inStart[v];
        int to = inStart[v + 1];
        inStart[v] = distinct;
        for (int e = from; e < to; e++) {
          if (distinct > inStart[v] && sources[distinct - 1] == sources[e]) {
            weights[distinct - 1] += weights[e];
          } else {
            sources[distinct] = sources[e];
            weights[distinct] = weights[e];
            distinct++;
          }
        }
      }
      inStart[n] = distinct;
      return distinct;
    }

    /**
     * Numbers the contributors of the built graph by decreasing number of endorsements given and
     * received (ties in first-seen order) instead of in first-seen order. The most connected
     * contributors then sit together in memory, so the scores an iteration gathers are more often
     * in cache (wuffie-jmh's {@code LocalityBenchmark} measures what it buys). Ids map to the new
     * indices as usual ({@link EndorsementGraph#indexOf}); indices returned by {@link
     * #addContributor(String)} are the builder's, not the graph's. Off by default.
     */
    public Builder orderForLocality(boolean orderForLocality) {
      this.orderForLocality = orderForLocality;
      return this;
    }

    /** {@code label[old] = new}: contributors by decreasing degree, stable, by a counting sort. */
    private int[] degreeOrder() {
      int n = ids.size();
      int[] degree = new int[n];
      forEachBlock(
          (block, length) -> {
            int[] endorsers = endorserBlocks[block];
            int[] endorsed = endorsedBlocks[block];
            for (int i = 0; i < length; i++) {
              degree[endorsers[i]]++;
              degree[endorsed[i]]++;
            }
          });
      int maxDegree = 0;
      for (int d : degree) {
        maxDegree = Math.max(maxDegree, d);
      }
      int[] start = new int[maxDegree + 2];
      for (int d : degree) {
        start[maxDegree - d + 1]++;
      }
      for (int k = 0; k <= maxDegree; k++) {
        start[k + 1] += start[k];
      }
      int[] label = new int[n];
      for (int u = 0; u < n; u++) {
        label[u] = start[maxDegree - degree[u]]++;
      }
      return label;
    }

    private static int relabel(int[] label, int index) {
      return label == null ? index : label[index];
    }

    private void append(int u, int v, double weight) {
      if (u == v) {
        droppedSelfEndorsements++;
        return;
      }
      int[] endorsers = endorserBlocks[blocks - 1];
      if (inLastBlock == endorsers.length) {
        grow();
        endorsers = endorserBlocks[blocks - 1];
      }
      long key = ((long) v << 32) | u;
      inEdgeOrder &= key > lastKey;
      lastKey = key;
      endorsers[inLastBlock] = u;
      endorsedBlocks[blocks - 1][inLastBlock] = v;
      weightBlocks[blocks - 1][inLastBlock] = weight + 0.0; // turns -0.0 into 0.0
      inLastBlock++;
      size++;
    }

    private void checkCapacity() {
      checkArgument(size < MAX_EDGES, "too many endorsements: at most %s fit", MAX_EDGES);
    }

    /** Doubles the last block up to {@link #BLOCK} entries, then starts new full-size blocks. */
    private void grow() {
      int last = blocks - 1;
      int capacity = endorserBlocks[last].length;
      if (capacity < BLOCK) {
        int doubled = Math.min(BLOCK, capacity * 2);
        endorserBlocks[last] = Arrays.copyOf(endorserBlocks[last], doubled);
        endorsedBlocks[last] = Arrays.copyOf(endorsedBlocks[last], doubled);
        weightBlocks[last] = Arrays.copyOf(weightBlocks[last], doubled);
        return;
      }
      if (blocks == endorserBlocks.length) {
        endorserBlocks = Arrays.copyOf(endorserBlocks, blocks * 2);
        endorsedBlocks = Arrays.copyOf(endorsedBlocks, blocks * 2);
        weightBlocks = Arrays.copyOf(weightBlocks, blocks * 2);
      }
      endorserBlocks[blocks] = new int[BLOCK];
      endorsedBlocks[blocks] = new int[BLOCK];
      weightBlocks[blocks] = new double[BLOCK];
      blocks++;
      inLastBlock = 0;
    }

    private void forEachBlock(BlockBody body) {
      for (int block = 0; block < blocks; block++) {
        body.run(block, block == blocks - 1 ? inLastBlock : endorserBlocks[block].length);
      }
    }

    private void reset() {
      ids = new IdIndex();
      endorserBlocks = new int[1][16];
      endorsedBlocks = new int[1][16];
      weightBlocks = new double[1][16];
      blocks = 1;
      inLastBlock = 0;
      size = 0;
      droppedSelfEndorsements = 0;
      teleportWeights = null;
      lastKey = -1;
      inEdgeOrder = true;
    }

    private static void checkId(String id, String role) {
      checkNotNull(id, "%s id is null; every endorsement needs endorser and endorsed ids", role);
      checkArgument(!id.isEmpty(), "%s id is empty; give every contributor a non-empty id", role);
    }

    private static void checkWeight(double weight, String endorser, String endorsed) {
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
    }

    @FunctionalInterface
    private interface BlockBody {
      void run(int block, int length);
    }
  }
}
