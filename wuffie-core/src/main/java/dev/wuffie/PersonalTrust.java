package dev.wuffie;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.wuffie.graph.EndorsementGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Trust as seen from one member, or from a weighted set of members (the <em>viewers</em>):
 * personalized PageRank over the trust graph of a {@link Reputation}, read by contributor id.
 *
 * <p><b>Semantics.</b> The scores are the global equations (see {@link dev.wuffie.rank.RankSolver})
 * with the viewers for the teleport distribution: a walk that restarts, with probability {@code 1 -
 * d} at each step, restarts at a viewer (in proportion to the viewers' weights), and so does a walk
 * at a member who endorses no one, and the weight that decay or an influence cap took from an
 * endorser. {@code score(v)} is the share of that walk's time spent at {@code v}: the trust the
 * viewers place in {@code v}, directly and through the people they trust. Exact scores sum to 1;
 * the viewers themselves hold at least {@code 1 - d} of it. Seeds of the policy play no part (the
 * viewers replace them), and neither does distrust: this is the trust graph only, before any
 * discount.
 *
 * <p><b>Accuracy.</b> The scores are computed by forward push (residual push) to an L1 error of
 * {@link #accuracy()} ({@link #DEFAULT_ACCURACY} unless asked otherwise): each score is a lower
 * bound of its exact value, and the scores fall short of the exact ones by {@link #errorBound()} or
 * less in all, {@code sum_v (exact(v) - score(v)) <= errorBound() <= accuracy()}. So the scores sum
 * to at least {@code 1 - errorBound()}, and any contributor not scored (score 0) has an exact score
 * of at most {@code errorBound()}.
 *
 * <pre>{@code
 * PersonalTrust mine = reputation.trustFrom("alice");
 * mine.top(10).forEach(t -> System.out.println(t.id() + " " + t.score())); // alice excluded
 * double circle = reputation.trustFromCircleOf("alice").score("bob");
 * }</pre>
 *
 * <p>Cost: {@code O(1 + out-degree)} per push; how many pushes depends on the graph and the
 * accuracy, not on its size: a query touches the viewers' neighbourhood, read from the same
 * compiled graph as the global scores (its out-edges are formed once per graph, 12 bytes per
 * endorsement, see {@link Reputation#trustFrom(Map, double)}). Reads: {@code score} is {@code O(1)}
 * (a hash lookup), {@code top(k)} is {@code O(t log k)} for the {@code t} scored contributors.
 * Memory: 24 bytes or so per scored contributor.
 *
 * <p>References: G. Jeh, J. Widom, "Scaling Personalized Web Search", WWW 2003; R. Andersen, F.
 * Chung, K. Lang, "Local Graph Partitioning using PageRank Vectors", FOCS 2006.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class PersonalTrust {
  /** The default L1 accuracy of {@link Reputation#trustFrom(String)}: {@value}. */
  public static final double DEFAULT_ACCURACY = 1e-4;

  /** The smallest accuracy that can be asked for: {@value} (floating-point rounding is near). */
  public static final double MIN_ACCURACY = 1e-12;

  private final EndorsementGraph graph;
  private final ToIntFunction<String> indexOf;
  private final Map<String, Double> viewers;
  private final int[] viewerIndices;
  private final double accuracy;
  private final double errorBound;
  private final long pushes;
  private final int[] contributors;
  private final double[] scores;
  private final int[] table; // open addressing: position + 1 of a contributor, 0 for none
  private final int mask;

  private PersonalTrust(
      EndorsementGraph graph,
      ToIntFunction<String> indexOf,
      Map<String, Double> viewers,
      int[] viewerIndices,
      double accuracy,
      PersonalPush.Estimate estimate) {
    this.graph = graph;
    this.indexOf = indexOf;
    this.viewers = viewers;
    this.viewerIndices = viewerIndices;
    this.accuracy = accuracy;
    this.errorBound = estimate.errorBound();
    this.pushes = estimate.pushes();
    this.contributors = estimate.contributors();
    this.scores = estimate.scores();
    int capacity = Integer.highestOneBit(Math.max(4, contributors.length * 2 - 1)) << 1;
    this.table = new int[capacity];
    this.mask = capacity - 1;
    for (int i = 0; i < contributors.length; i++) {
      int slot = slot(contributors[i]);
      while (table[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      table[slot] = i + 1;
    }
  }

  /**
   * Computes the trust of {@code viewers} (graph indices, with positive weights summing to 1) over
   * {@code graph} with damping {@code d}; {@code names} are the viewers' ids and normalised
   * weights, in the caller's order.
   */
  static PersonalTrust compute(
      EndorsementGraph graph,
      ToIntFunction<String> indexOf,
      Map<String, Double> names,
      int[] viewers,
      double[] weights,
      double d,
      double accuracy) {
    PersonalPush.Estimate estimate = PersonalPush.solve(graph, viewers, weights, d, accuracy);
    return new PersonalTrust(
        graph,
        indexOf,
        Collections.unmodifiableMap(new LinkedHashMap<>(names)),
        viewers.clone(),
        accuracy,
        estimate);
  }

  /**
   * Checks an accuracy given to {@link Reputation#trustFrom(Map, double)}.
   *
   * @throws IllegalArgumentException if it is not in {@code [MIN_ACCURACY, 1]}
   */
  static double checkAccuracy(double accuracy) {
    checkArgument(
        accuracy >= MIN_ACCURACY && accuracy <= 1,
        "accuracy %s is not in [%s, 1]; it is the L1 error allowed, e.g. %s (the default)",
        accuracy,
        MIN_ACCURACY,
        DEFAULT_ACCURACY);
    return accuracy;
  }

  /**
   * The trust the viewers place in {@code id}: a lower bound of the exact personalized score, zero
   * if the push did not reach {@code id} (its exact score is then at most {@link #errorBound()}).
   *
   * @throws UnknownContributorException if {@code id} is not a contributor of the reputation
   */
  public double score(String id) {
    checkNotNull(id, "contributor id is null");
    int v = indexOf.applyAsInt(id);
    if (v < 0) {
      throw new UnknownContributorException(
          String.format(
              "unknown contributor '%s': it is not in the scored graph; check"
                  + " Reputation.contains(id)",
              id),
          id);
    }
    int at = positionOf(v);
    return at < 0 ? 0 : scores[at];
  }

  /**
   * The {@code k} contributors the viewers trust most, best first, <em>the viewers excluded</em>
   * ("members you would trust": the viewers' own share, at least {@code 1 - d}, would head every
   * list). Equal scores are ordered by id. Fewer than {@code k} if fewer were reached.
   *
   * @throws IllegalArgumentException if {@code k} is negative
   */
  public List<Trusted> top(int k) {
    checkArgument(k >= 0, "k = %s; ask for top(k) with k >= 0", k);
    TopK heap = new TopK(Math.min(k, contributors.length));
    boolean[] viewer = new boolean[contributors.length];
    for (int v : viewerIndices) {
      int at = positionOf(v);
      if (at >= 0) {
        viewer[at] = true;
      }
    }
    for (int i = 0; i < contributors.length; i++) {
      if (!viewer[i]) {
        heap.offer(i);
      }
    }
    int[] best = heap.sorted();
    List<Trusted> top = new ArrayList<>(best.length);
    for (int i : best) {
      top.add(new Trusted(graph.id(contributors[i]), scores[i]));
    }
    return Collections.unmodifiableList(top);
  }

  /**
   * The viewers by id (the persons, where an id given was an account merged into one), with their
   * weights normalised to sum 1, in the order given.
   */
  public Map<String, Double> viewers() {
    return viewers;
  }

  /** The L1 accuracy that was asked for: {@link #errorBound()} is at most this. */
  public double accuracy() {
    return accuracy;
  }

  /**
   * A bound on the L1 distance to the exact personalized scores, {@code sum_v |exact(v) - score(v)|
   * <= errorBound()}: the residual that the push left, over {@code 1 - d} (after dense sweeps,
   * {@code 1} less the sum of the scores, the same quantity), plus {@code 2^-39 / (1 - d) + 1e-12}
   * for floating-point rounding. At most {@link #accuracy()}.
   */
  public double errorBound() {
    return errorBound;
  }

  /** How many contributors have a positive score (the push reached them). */
  public int reached() {
    return contributors.length;
  }

  /**
   * How many pushes the computation took; a dense sweep, which a query that spreads over much of
   * the graph switches to, counts as one push per contributor.
   */
  public long pushes() {
    return pushes;
  }

  @Override
  public String toString() {
    return "PersonalTrust{viewers="
        + viewers.keySet()
        + ", reached="
        + reached()
        + ", errorBound="
        + errorBound
        + "}";
  }

  private int slot(int v) {
    return (v * 0x9E3779B9) >>> 7 & mask;
  }

  private int positionOf(int v) {
    for (int slot = slot(v); ; slot = (slot + 1) & mask) {
      int at = table[slot] - 1;
      if (at < 0 || contributors[at] == v) {
        return at;
      }
    }
  }

  /**
   * One contributor the viewers trust, and how much.
   *
   * @param id the contributor id
   * @param score the viewers' trust in it (see {@link PersonalTrust#score(String)})
   */
  public record Trusted(String id, double score) {}

  /** The best {@code k} positions by score, then id: a min-heap on the worst kept. */
  private final class TopK {
    private final int[] heap;
    private int size;

    TopK(int k) {
      heap = new int[k];
    }

    void offer(int i) {
      if (heap.length == 0) {
        return;
      }
      if (size < heap.length) {
        heap[size] = i;
        up(size++);
      } else if (better(i, heap[0])) {
        heap[0] = i;
        down(0);
      }
    }

    int[] sorted() {
      int[] out = new int[size];
      for (int at = size - 1; at >= 0; at--) {
        out[at] = heap[0];
        heap[0] = heap[--size];
        down(0);
      }
      return out;
    }

    /** Higher score, or equal score and smaller id. */
    private boolean better(int a, int b) {
      if (scores[a] != scores[b]) {
        return scores[a] > scores[b];
      }
      return graph.id(contributors[a]).compareTo(graph.id(contributors[b])) < 0;
    }

    private void up(int at) {
      while (at > 0) {
        int parent = (at - 1) / 2;
        if (!better(heap[parent], heap[at])) {
          return;
        }
        swap(at, parent);
        at = parent;
      }
    }

    private void down(int at) {
      while (true) {
        int worst = at;
        for (int child = 2 * at + 1; child <= 2 * at + 2 && child < size; child++) {
          if (better(heap[worst], heap[child])) {
            worst = child;
          }
        }
        if (worst == at) {
          return;
        }
        swap(at, worst);
        at = worst;
      }
    }

    private void swap(int a, int b) {
      int t = heap[a];
      heap[a] = heap[b];
      heap[b] = t;
    }
  }
}
