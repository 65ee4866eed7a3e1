package dev.wuffie;

import dev.wuffie.graph.EndorsementGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A ledger kept compiled under a policy as it grows, for {@link LiveReputation}: the pair sums of
 * the last compile are kept, and a refresh adds the events recorded since, takes away the ones
 * retracted since, mints the new contributions, numbers the new contributors, and runs the last
 * steps of compilation ({@link CompiledLedger#graphs}) on the sums. No pass over the events and no
 * sort of them: a refresh costs the changed events plus a pass over the pairs and the persons.
 *
 * <p><b>Decay.</b> Under a half-life {@code h}, the decayed sums are kept at a reference time
 * {@code R} (the {@code asOf} of the last full compile): an event at time {@code t} adds {@code
 * weight * 2^((t - R) / h)}, and a refresh at {@code asOf} reads the sums times {@code 2^(-(asOf -
 * R) / h)}, which is the decayed sum at {@code asOf}. Saturation is not linear, so it is applied
 * afresh to every pair's decayed sums at every refresh: that is the pass over the pairs. The
 * saturated undecayed sum does not move with {@code asOf}: it is kept per pair (8 bytes a pair,
 * {@link PairTable#saturatedTrust}) until the pair's trust changes.
 *
 * <p><b>The graphs.</b> The kept pairs are numbered in the order of the graphs' in-edges (by
 * endorsed person, then endorser: {@link PairTable#sortByEndorsed}), so a refresh hands them to the
 * graph builders in that order, the few pairs new since merged in ({@link PairTable#inEdgeOrder}),
 * and the builders copy them in one sequential pass instead of sorting them: the graphs are the
 * ones the builders would make from the same pair weights in any order, edge for edge. Nothing is
 * kept per pair for it (the order is the numbering, so no map from pairs to edges); a refresh
 * allocates 4 bytes a pair for the merged order and radix-sorts the new pairs, and once more than
 * {@link #RESORT} of the pairs are new since the last renumbering, it renumbers them all (a gather
 * of every per-pair array, nearly in order, and the hash table's numbers rewritten). The first
 * renumbering, in {@link #full}, sorts the pairs (one counting sort, as a full compile numbers them
 * by endorser): done there rather than by the next refresh, it has fewer arrays to gather and
 * builds the hash table once. What differs from the sums of a full compile is the order in which
 * each endorser's released weight is added up: pair order, which is in-edge order here and content
 * order there; a difference of rounding.
 *
 * <p><b>Exactness.</b> The sums equal the ones a full compile would make from the same events up to
 * floating-point rounding: they are added in another order, rescaled by a product of factors
 * instead of one factor per event, and a retracted weight is subtracted (a pair whose last weight
 * of a sign goes is set to exactly zero). A bound on each sum's rounding error is kept, and a
 * compile that would leave one above {@code 2^-40} of its sum is full, so the compiled weights
 * agree with {@link CompiledLedger#compile} to a relative {@code 2^-40} (about {@code 1e-12}); new
 * contributors are numbered after the old ones instead of by id, which changes nothing but the
 * order of sums. Events recorded between two refreshes are added in content order, so the result
 * does not depend on how threads interleaved them.
 *
 * <p><b>Full compiles.</b> The first compile is full, and so is one after a merge (it renumbers
 * persons), after more changes than {@link #LARGE_CHANGE} of the ledger, when {@code asOf} moves
 * back before {@code R} (the latest event retracted) or more than {@link #MAX_HALF_LIVES}
 * half-lives past it, when a retraction cancels so much of a pair's sum that its rounding error
 * could exceed {@code 2^-40} of what is left ({@link PairTable#precise}), under a decay other than
 * {@link Decay#none()} and {@link Decay#halfLife}, and when an event the policy cannot weigh and
 * that served as an example of it is retracted. {@link #full} forces one.
 *
 * <p>Not thread-safe: {@link LiveReputation} calls it under its refresh lock.
 */
final class LiveCompiler {
  /** A refresh that changes more than this share of the ledger's events compiles in full. */
  static final double LARGE_CHANGE = 0.1;

  /**
   * A refresh whose {@code asOf} is more half-lives than this past the reference compiles in full.
   */
  static final int MAX_HALF_LIVES = 64;

  private static final int CHUNK_SHIFT = 16; // events per latest-time chunk: 2^16

  /**
   * The share of the pairs that may be numbered after the last renumbering in graph order ({@link
   * PairTable#sortByEndorsed}) before the next: each refresh sorts them (a radix sort, {@code
   * O(k)}), a renumbering costs a few passes over all pairs.
   */
  static final double RESORT = 1.0 / 16;

  private final ScoringPolicy policy;
  private final long halfLife; // ms; 0 without decay; -1 for a decay that cannot be rescaled

  private LedgerSnapshot base; // null: the next compile is full
  private long reference; // R, the time the decayed sums are kept at
  private long asOf;
  private PairTable pairs;
  private EndorsementGraph graph; // the last trust graph: its persons are the first ones
  private int[] personOf; // by contributor index, with room to grow
  private String[] personIds; // by person index, with room to grow
  private int[] personsById; // the persons in id order
  private int persons;
  private double[] activity; // ACTIVITY teleport weights at R, by person
  private double activityTotal;
  private final List<Integer> pending = new ArrayList<>(); // contributions later than asOf
  private long refused;
  private long[] refusedExamples;
  private long[] chunkLatest; // per chunk of events: the latest weighable live time, or MIN_VALUE
  private boolean lastWasIncremental;

  LiveCompiler(ScoringPolicy policy) {
    this.policy = policy;
    Decay decay = policy.decay();
    this.halfLife =
        decay == Decay.none()
            ? 0
            : decay instanceof HalfLife h ? Math.max(1, h.halfLife().toMillis()) : -1;
  }

  /**
   * Compiles {@code snapshot}: from the kept state if it can, else in full.
   *
   * @throws IllegalArgumentException as {@link CompiledLedger#compile} does; the kept state is then
   *     dropped, and the next compile is full
   */
  CompiledLedger compile(LedgerSnapshot snapshot) {
    if (base == null) {
      return full(snapshot);
    }
    long next = advanceAsOf(snapshot);
    if (!updatable(snapshot, next)) {
      return full(snapshot);
    }
    try {
      CompiledLedger compiled = update(snapshot, next);
      lastWasIncremental = true;
      return compiled;
    } catch (Imprecise e) {
      return full(snapshot);
    } catch (RuntimeException e) {
      base = null;
      throw e;
    }
  }

  /**
   * Compiles {@code snapshot} in full ({@link CompiledLedger#compile}, quarantining the events the
   * policy cannot weigh) and keeps its sums for the next refreshes.
   */
  CompiledLedger full(LedgerSnapshot snapshot) {
    base = null;
    lastWasIncremental = false;
    CompiledLedger compiled = CompiledLedger.compile(snapshot, policy, true);
    if (halfLife >= 0 && compiled.asOfMillis != Long.MIN_VALUE) {
      keep(compiled);
    }
    return compiled;
  }

  /** Whether the last compile was made from the kept state. */
  boolean lastWasIncremental() {
    return lastWasIncremental;
  }

  /** Takes over the state of a full compile. {@code O(events + contributions + persons)}. */
  private void keep(CompiledLedger compiled) {
    LedgerSnapshot snapshot = compiled.snapshot;
    reference = compiled.asOfMillis;
    asOf = reference;
    pairs = compiled.pairs;
    pairs
        .sortByEndorsed(); // before indexAll: fewer arrays to gather, and the hash table built once
    pairs.indexAll();
    graph = compiled.graph;
    personOf = compiled.personOf.clone();
    persons = compiled.graph.size();
    personIds = new String[persons];
    for (int i = 0; i < persons; i++) {
      personIds[i] = compiled.graph.id(i);
    }
    personsById = compiled.personsById;
    refused = compiled.refused;
    refusedExamples = compiled.refusedExamples.clone();
    KindWeight[] kindOf = compiled.kindOf;
    chunkLatest = new long[(snapshot.eventCount() >>> CHUNK_SHIFT) + 1];
    Arrays.fill(chunkLatest, Long.MIN_VALUE);
    for (int e = 0; e < snapshot.eventCount(); e++) {
      if (!snapshot.retracted(e) && CompiledLedger.weighable(snapshot, kindOf, e)) {
        latest(e, snapshot.timeMillis(e));
      }
    }
    activity = new double[persons];
    activityTotal = 0;
    pending.clear();
    for (int c = 0; c < snapshot.contributionCount(); c++) {
      mint(snapshot, c);
    }
    base = snapshot;
  }

  /**
   * Whether {@code snapshot}, whose {@code asOf} is {@code next}, can be compiled from the kept
   * state (see the class javadoc).
   */
  private boolean updatable(LedgerSnapshot snapshot, long next) {
    if (snapshot.mergeCount() != base.mergeCount()) {
      return false;
    }
    long changes =
        (long) snapshot.eventCount()
            - base.eventCount()
            + snapshot.retractionCount()
            - base.retractionCount();
    if (changes > LARGE_CHANGE * Math.max(1, base.liveEventCount())) {
      return false;
    }
    for (int r = base.retractionCount(); r < snapshot.retractionCount(); r++) {
      int e = snapshot.retractedEvent(r);
      for (long example : refusedExamples) {
        if (example == e) {
          return false; // the examples would need a pass over the events
        }
      }
    }
    return next >= reference
        && next != Long.MIN_VALUE
        && (halfLife == 0 || (next - reference) / halfLife <= MAX_HALF_LIVES);
  }

  /**
   * The {@code asOf} of {@code snapshot}: the policy's, or the latest weighable live event's. For
   * the latter, brings the kept per-chunk latest times up to {@code snapshot} first: rescans the
   * chunks a retraction touched and takes in the new events. (Should the compile then be full, it
   * sets them afresh.)
   */
  private long advanceAsOf(LedgerSnapshot snapshot) {
    if (policy.asOf().isPresent()) {
      return policy.asOf().get().toEpochMilli();
    }
    KindWeight[] kindOf = CompiledLedger.kinds(snapshot, policy);
    boolean[] rescanned = new boolean[chunkLatest.length];
    for (int r = base.retractionCount(); r < snapshot.retractionCount(); r++) {
      int e = snapshot.retractedEvent(r);
      if (e < base.eventCount() && !rescanned[e >>> CHUNK_SHIFT]) {
        rescanned[e >>> CHUNK_SHIFT] = true;
        chunkLatest[e >>> CHUNK_SHIFT] = chunkLatest(snapshot, kindOf, e >>> CHUNK_SHIFT);
      }
    }
    for (int e = base.eventCount(); e < snapshot.eventCount(); e++) {
      if (!snapshot.retracted(e) && CompiledLedger.weighable(snapshot, kindOf, e)) {
        latest(e, snapshot.timeMillis(e));
      }
    }
    long latest = Long.MIN_VALUE;
    for (long chunk : chunkLatest) {
      latest = Math.max(latest, chunk);
    }
    return latest;
  }

  /** The latest weighable live time among the old events of chunk {@code k}. */
  private long chunkLatest(LedgerSnapshot snapshot, KindWeight[] kindOf, int k) {
    long latest = Long.MIN_VALUE;
    int end = Math.min(base.eventCount(), (k + 1) << CHUNK_SHIFT);
    for (int e = k << CHUNK_SHIFT; e < end; e++) {
      if (!snapshot.retracted(e) && CompiledLedger.weighable(snapshot, kindOf, e)) {
        latest = Math.max(latest, snapshot.timeMillis(e));
      }
    }
    return latest;
  }

  private void latest(int e, long time) {
    int k = e >>> CHUNK_SHIFT;
    if (k >= chunkLatest.length) {
      int length = chunkLatest.length;
      chunkLatest = Arrays.copyOf(chunkLatest, Math.max(k + 1, 2 * length));
      Arrays.fill(chunkLatest, length, chunkLatest.length, Long.MIN_VALUE);
    }
    chunkLatest[k] = Math.max(chunkLatest[k], time);
  }

  /** Compiles {@code snapshot} from the kept state, which {@link #updatable} allowed. */
  private CompiledLedger update(LedgerSnapshot snapshot, long next) {
    KindWeight[] kindOf = CompiledLedger.kinds(snapshot, policy);
    number(snapshot);
    for (int r = base.retractionCount(); r < snapshot.retractionCount(); r++) {
      int e = snapshot.retractedEvent(r);
      if (e >= base.eventCount()) {
        continue; // recorded and retracted since the last compile: never added
      }
      if (!CompiledLedger.weighable(snapshot, kindOf, e)) {
        refused--;
      } else if (counts(snapshot, e)) {
        apply(snapshot, kindOf, e, false);
      }
    }
    List<Integer> added = new ArrayList<>();
    for (int e = base.eventCount(); e < snapshot.eventCount(); e++) {
      if (snapshot.retracted(e)) {
        continue;
      }
      if (!CompiledLedger.weighable(snapshot, kindOf, e)) {
        if (refusedExamples.length < CompiledLedger.REFUSED_EXAMPLES) {
          refusedExamples = Arrays.copyOf(refusedExamples, refusedExamples.length + 1);
          refusedExamples[refusedExamples.length - 1] = e;
        }
        refused++;
        continue;
      }
      if (counts(snapshot, e)) {
        added.add(e);
      }
    }
    added.sort(contentOrder(snapshot));
    for (int e : added) {
      apply(snapshot, kindOf, e, true);
    }
    boolean moved = next != asOf;
    asOf = next;
    if (moved) {
      mintPending(snapshot);
    }
    for (int c = base.contributionCount(); c < snapshot.contributionCount(); c++) {
      mint(snapshot, c);
    }
    base = snapshot;
    return graphs(snapshot, kindOf);
  }

  /** Numbers the contributors new since the last compile, by id, after the old persons. */
  private void number(LedgerSnapshot snapshot) {
    int from = base.contributorCount();
    int to = snapshot.contributorCount();
    if (to > personOf.length) {
      personOf = Arrays.copyOf(personOf, Math.max(to, 2 * personOf.length));
    }
    Integer[] fresh = new Integer[to - from];
    for (int i = from; i < to; i++) {
      fresh[i - from] = i;
    }
    Arrays.sort(fresh, Comparator.comparing(snapshot::contributor));
    int old = persons;
    for (int i : fresh) {
      if (persons == personIds.length) {
        personIds = Arrays.copyOf(personIds, Math.max(16, 2 * persons));
        activity = Arrays.copyOf(activity, personIds.length);
      }
      personIds[persons] = snapshot.contributor(i);
      personOf[i] = persons++;
    }
    if (persons > old) { // the new persons, in id order, inserted among the old ones
      int[] merged = new int[persons];
      int copied = 0; // personsById[0 .. copied) are in merged
      int at = 0;
      for (int b = old; b < persons; b++) {
        int lo = copied;
        int hi = old; // find the first old person after b, by binary search
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (personIds[personsById[mid]].compareTo(personIds[b]) < 0) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
        System.arraycopy(personsById, copied, merged, at, lo - copied);
        at += lo - copied;
        merged[at++] = b;
        copied = lo;
      }
      System.arraycopy(personsById, copied, merged, at, old - copied);
      personsById = merged;
    }
  }

  /** Whether a weighable event counts at the policy's {@code asOf} (always, by default). */
  private boolean counts(LedgerSnapshot snapshot, int e) {
    return policy.asOf().isEmpty() || snapshot.timeMillis(e) <= asOf;
  }

  /** Adds event {@code e}'s weight to its pairs' sums (or takes it away), as compiling does. */
  private void apply(LedgerSnapshot snapshot, KindWeight[] kindOf, int e, boolean add) {
    double weight = kindOf[snapshot.kind(e)].weightOf(snapshot.value(e));
    if (weight == 0 || policy.distrustStrength() == 0 && weight < 0) {
      return;
    }
    double growth = growth(snapshot.timeMillis(e));
    int u = personOf[snapshot.endorser(e)];
    int target = snapshot.target(e);
    if (!snapshot.toContribution(e)) {
      pair(u, personOf[target], weight, growth, add);
    } else {
      for (int j = 0, authors = snapshot.authorCount(target); j < authors; j++) {
        pair(
            u,
            personOf[snapshot.author(target, j)],
            weight * snapshot.share(target, j),
            growth,
            add);
      }
    }
  }

  private void pair(int u, int v, double weight, double growth, boolean add) {
    if (u == v) {
      return;
    }
    int pair = add ? pairs.add(u, v, weight, growth) : pairs.remove(u, v, weight, growth);
    if (!pairs.precise(pair)) {
      throw new Imprecise();
    }
  }

  /** A kept sum lost too much precision to a cancellation: the compile must be full. */
  private static final class Imprecise extends RuntimeException {
    private static final long serialVersionUID = 1;

    Imprecise() {
      super(null, null, false, false);
    }
  }

  /**
   * {@code 2^((time - R) / h)}: what an event at {@code time} adds to a decayed sum kept at {@code
   * R}; for {@code time <= R}, exactly the factor a full compile at {@code R} gives it.
   */
  private double growth(long time) {
    return halfLife == 0 ? 1.0 : Math.pow(2, (double) (time - reference) / halfLife);
  }

  /**
   * Adds contribution {@code c} to the activity teleport weights, or holds it until {@code asOf}.
   */
  private void mint(LedgerSnapshot snapshot, int c) {
    if (policy.teleport() != ScoringPolicy.Teleport.ACTIVITY) {
      return;
    }
    if (snapshot.contributionTimeMillis(c) > asOf) {
      pending.add(c);
      return;
    }
    double minted = growth(snapshot.contributionTimeMillis(c));
    for (int j = 0; j < snapshot.authorCount(c); j++) {
      activity[personOf[snapshot.author(c, j)]] += minted * snapshot.share(c, j);
    }
    activityTotal += minted;
  }

  private void mintPending(LedgerSnapshot snapshot) {
    List<Integer> later = new ArrayList<>(pending);
    pending.clear();
    for (int c : later) {
      mint(snapshot, c);
    }
  }

  /** The last steps of compilation on the kept sums, read at {@code asOf}. */
  private CompiledLedger graphs(LedgerSnapshot snapshot, KindWeight[] kindOf) {
    double scale = halfLife == 0 ? 1.0 : policy.decay().factor(asOf - reference);
    pairs.decayScale(scale);
    if (pairs.unsorted() > pairs.size() * RESORT) {
      pairs.sortByEndorsed();
    }
    EndorsementGraph.Builder builder = EndorsementGraph.builder(graph); // its persons come first
    for (int i = graph.size(); i < persons; i++) {
      builder.addContributor(personIds[i]);
    }
    int[] personOfNow = Arrays.copyOf(personOf, snapshot.contributorCount());
    long[] refusal = new long[1 + refusedExamples.length];
    refusal[0] = refused;
    System.arraycopy(refusedExamples, 0, refusal, 1, refusedExamples.length);
    CompiledLedger compiled =
        CompiledLedger.graphs(
            snapshot,
            policy,
            asOf,
            personOfNow,
            builder,
            pairs,
            teleport(snapshot, personOfNow, scale),
            kindOf,
            refusal,
            personsById);
    graph = compiled.graph;
    return compiled;
  }

  private double[] teleport(LedgerSnapshot snapshot, int[] personOfNow, double scale) {
    double[] teleport = new double[persons];
    switch (policy.teleport()) {
      case UNIFORM -> Arrays.fill(teleport, 1.0);
      case SEEDS ->
          teleport =
              Seeds.teleport(
                  policy.seeds(),
                  persons,
                  id -> {
                    java.util.OptionalInt i = snapshot.contributorIndex(id);
                    return i.isPresent() ? personOfNow[i.getAsInt()] : -1;
                  },
                  "ledger",
                  "remove them from the policy or add them with Ledger.addContributor");
      case ACTIVITY -> {
        if (activityTotal > 0) {
          for (int v = 0; v < persons; v++) {
            teleport[v] = activity[v] * scale;
          }
        } else {
          Arrays.fill(teleport, 1.0);
        }
      }
    }
    return teleport;
  }

  /**
   * Orders events by (endorser, target, kind, time, value), by id: the order compiling adds them.
   */
  private static Comparator<Integer> contentOrder(LedgerSnapshot snapshot) {
    Comparator<Integer> byTarget =
        Comparator.comparing(
            e ->
                snapshot.toContribution(e)
                    ? snapshot.contribution(snapshot.target(e))
                    : snapshot.contributor(snapshot.target(e)));
    return Comparator.<Integer, String>comparing(e -> snapshot.contributor(snapshot.endorser(e)))
        .thenComparing(e -> snapshot.toContribution(e))
        .thenComparing(byTarget)
        .thenComparing(e -> snapshot.kindName(snapshot.kind(e)))
        .thenComparingLong(snapshot::timeMillis)
        .thenComparingDouble(snapshot::value);
  }
}
