package dev.wuffie;

import static com.google.common.base.Preconditions.checkArgument;

import dev.wuffie.graph.EndorsementGraph;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * A ledger snapshot compiled under a policy: the trust graph over persons (with teleport weights),
 * the distrust graph and the teleport weights, with the snapshot, the person of each contributor
 * and the weight of each kind that {@link LedgerParts} needs to split explanations into kinds and
 * contributions. See {@link ScoringPolicy} for the rules. The {@link Scorer} compiles, then solves.
 * Immutable.
 */
final class CompiledLedger {
  final LedgerSnapshot snapshot;
  final ScoringPolicy policy;
  final long asOfMillis;
  final int[] personOf; // ledger contributor index -> graph index
  final EndorsementGraph graph;
  final EndorsementGraph distrust; // null when there is no distrust to apply
  final double[] teleport;
  final KindWeight[] kindOf; // by the snapshot's kind index
  final long refused; // live events left out because the policy cannot weigh them
  final long[] refusedExamples; // the first of them, in record order
  final PairTable pairs; // the pair sums the graphs were made from, decayed to asOfMillis; for a
  // scope compiled with MemberPairs, its own pairs only
  final int[] personsById; // the graph indices in id order
  final double[] decayReleased; // per person: the part of its teleport weight decay released;
  // null when decay released all of it (no reciprocal damping)
  final int scope; // the snapshot's tag index of the scope compiled, or GLOBAL

  /** The {@link #scope} of a compile of the whole ledger. */
  static final int GLOBAL = -1;

  private CompiledLedger(
      LedgerSnapshot snapshot,
      ScoringPolicy policy,
      long asOfMillis,
      int[] personOf,
      EndorsementGraph graph,
      EndorsementGraph distrust,
      double[] teleport,
      KindWeight[] kindOf,
      long[] refusal,
      PairTable pairs,
      int[] personsById,
      double[] decayReleased,
      int scope) {
    this.snapshot = snapshot;
    this.policy = policy;
    this.asOfMillis = asOfMillis;
    this.personOf = personOf;
    this.graph = graph;
    this.distrust = distrust;
    this.teleport = teleport;
    this.kindOf = kindOf;
    this.refused = refusal[0];
    this.refusedExamples = java.util.Arrays.copyOfRange(refusal, 1, refusal.length);
    this.pairs = pairs;
    this.personsById = personsById;
    this.decayReleased = decayReleased;
    this.scope = scope;
  }

  /** How many refused events {@link #refusedExamples} holds at most. */
  static final int REFUSED_EXAMPLES = 10;

  /**
   * Compiles {@code snapshot} under {@code policy}, in named steps: the kinds checked, persons
   * numbered, the live events summed per pair of persons, the sums saturated, reciprocal pairs
   * damped, the trust graph built, the distrust graph built, and the teleport weights set.
   *
   * <p>Every step runs in an order fixed by the ledger's content, not by the order events were
   * recorded in: persons by id, events by (endorser, target, kind, time, value). So the same events
   * give bit-identical scores however concurrent threads interleaved them.
   *
   * <p>A live event that the policy cannot weigh (a kind it does not know, or a value that does not
   * fit its kind) is refused: with {@code quarantine} it is left out of everything, as if
   * retracted, and counted in {@link #refused}; without, compiling throws.
   *
   * @throws UnknownKindException if, without {@code quarantine}, an event has a kind the policy
   *     does not know
   * @throws IllegalArgumentException if the ledger has no contributor, or, without {@code
   *     quarantine}, an event has a value that does not fit its kind; or if a seed is not a
   *     contributor
   */
  static CompiledLedger compile(LedgerSnapshot snapshot, ScoringPolicy policy, boolean quarantine) {
    return compile(snapshot, policy, quarantine, new int[] {GLOBAL})[0];
  }

  /**
   * Compiles {@code snapshot} once for each of {@code scopes} (the snapshot's tag indices, or
   * {@link #GLOBAL}), as {@link #compile(LedgerSnapshot, ScoringPolicy, boolean)} does, sharing the
   * checks, the persons and the sort of the events. A scope's compile keeps the endorsements of
   * members and those of contributions with the scope's tag, and its teleport weights are the
   * decayed activity of the scope's contributions (see {@link ScopedReputation}).
   *
   * @throws UnknownKindException as {@link #compile(LedgerSnapshot, ScoringPolicy, boolean)}
   * @throws IllegalArgumentException as {@link #compile(LedgerSnapshot, ScoringPolicy, boolean)}
   */
  static CompiledLedger[] compile(
      LedgerSnapshot snapshot, ScoringPolicy policy, boolean quarantine, int[] scopes) {
    checkArgument(
        snapshot.contributorCount() > 0, "the ledger has no contributor; record something first");
    KindWeight[] kindOf = kinds(snapshot, policy);
    long[] refusal = quarantine ? refusals(snapshot, kindOf) : checkKinds(snapshot, policy, kindOf);
    long asOf =
        policy
            .asOf()
            .map(java.time.Instant::toEpochMilli)
            .orElseGet(
                () ->
                    refusal[0] == 0
                        ? snapshot.maxTimeMillis()
                        : latestWeighable(snapshot, kindOf)); // refused events set no time
    ContentOrder order = ContentOrder.of(snapshot);
    double[] weights = new double[snapshot.eventCount()]; // by event
    double[] factors = new double[snapshot.eventCount()];
    int[] events = weighed(snapshot, policy, kindOf, asOf, weights, factors);
    long[] keys = order.sort(snapshot, events);
    CompiledLedger[] compiled = new CompiledLedger[scopes.length];
    boolean share = ScopeEvents.sharesMemberPairs(policy, scopes, events, weights);
    int[][] positions = ScopeEvents.positions(snapshot, order, keys, scopes, !share);
    EndorsementGraph.Builder first = EndorsementGraph.builder();
    int[] personOf = persons(snapshot, order, first);
    int n = first.contributorCount();
    // every person, no edge: the ids each scope's graph shares
    EndorsementGraph persons = scopes.length > 1 ? first.build() : null;
    double[][] teleports = Teleports.of(snapshot, policy, personOf, n, asOf, order, scopes);
    MemberPairs members =
        share
            ? MemberPairs.of(
                pairSums(
                    snapshot,
                    personOf,
                    order,
                    events,
                    keys,
                    weights,
                    factors,
                    ScopeEvents.memberPositions(order, keys)),
                policy.saturation())
            : null;
    IntStream each = IntStream.range(0, scopes.length);
    (scopes.length > 1 ? each.parallel() : each) // each scope on its own: the same on any thread
        .forEach(
            i -> {
              EndorsementGraph.Builder builder =
                  persons == null ? first : EndorsementGraph.builder(persons);
              PairTable pairs =
                  pairSums(snapshot, personOf, order, events, keys, weights, factors, positions[i]);
              int[] personsById = new int[n]; // persons are numbered in id order
              for (int v = 0; v < n; v++) {
                personsById[v] = v;
              }
              int[] scopePersonOf = persons == null ? personOf : personOf.clone();
              compiled[i] =
                  members != null
                      ? new CompiledLedger(
                          snapshot,
                          policy,
                          asOf,
                          scopePersonOf,
                          members.graph(builder, pairs, policy.saturation()),
                          null,
                          teleports[i],
                          kindOf,
                          refusal,
                          pairs,
                          personsById,
                          null,
                          scopes[i])
                      : graphs(
                          snapshot,
                          policy,
                          asOf,
                          scopePersonOf,
                          builder,
                          pairs,
                          teleports[i],
                          kindOf,
                          refusal,
                          personsById,
                          scopes[i]);
            });
    return compiled;
  }

  /**
   * The last steps, from the pair sums on: the sums saturated, reciprocal pairs damped, the trust
   * graph built on {@code builder} (which holds every person, in graph index order; {@code
   * personsById} lists them in id order) and the distrust graph. {@code O(pairs + persons)}, with
   * no pass over the events: {@link LiveCompiler} runs them on the sums it keeps up to date.
   */
  static CompiledLedger graphs(
      LedgerSnapshot snapshot,
      ScoringPolicy policy,
      long asOf,
      int[] personOf,
      EndorsementGraph.Builder builder,
      PairTable pairs,
      double[] teleport,
      KindWeight[] kindOf,
      long[] refusal,
      int[] personsById) {
    return graphs(
        snapshot,
        policy,
        asOf,
        personOf,
        builder,
        pairs,
        teleport,
        kindOf,
        refusal,
        personsById,
        GLOBAL);
  }

  /** As above, for {@code scope} (a tag index, or {@link #GLOBAL}). */
  static CompiledLedger graphs(
      LedgerSnapshot snapshot,
      ScoringPolicy policy,
      long asOf,
      int[] personOf,
      EndorsementGraph.Builder builder,
      PairTable pairs,
      double[] teleport,
      KindWeight[] kindOf,
      long[] refusal,
      int[] personsById,
      int scope) {
    double[] released = new double[builder.contributorCount()]; // per endorser: to its teleport
    double[] weights = saturated(pairs, policy.saturation(), released);
    double[] decayReleased = null;
    if (policy.reciprocalWeight() < 1) {
      decayReleased = released.clone();
      weights = reciprocalDamped(pairs, weights, policy.reciprocalWeight(), released);
    }
    int[] order = pairs.inEdgeOrder();
    EndorsementGraph graph = trustGraph(builder, pairs, order, weights, released);
    EndorsementGraph distrust = distrustGraph(pairs, order, policy.saturation(), graph);
    return new CompiledLedger(
        snapshot,
        policy,
        asOf,
        personOf,
        graph,
        distrust,
        teleport,
        kindOf,
        refusal,
        pairs,
        personsById,
        decayReleased,
        scope);
  }

  /**
   * Adds a graph contributor for every person (a contributor not merged into another), by id, and
   * returns the graph index of each ledger contributor: its person's.
   */
  private static int[] persons(
      LedgerSnapshot snapshot, ContentOrder order, EndorsementGraph.Builder builder) {
    int contributors = snapshot.contributorCount();
    int[] personOf = new int[contributors];
    for (int i : order.contributorByRank()) {
      if (snapshot.canonical(i) == i) {
        personOf[i] = builder.addContributor(snapshot.contributor(i));
      }
    }
    for (int i = 0; i < contributors; i++) {
      personOf[i] = personOf[snapshot.canonical(i)];
    }
    return personOf;
  }

  /**
   * Pair sums: the weight of every live event up to {@code asOf}, in content order, added to its
   * (endorser, endorsed) pair of persons, undecayed and decayed; an endorsement of a contribution
   * to each author's pair by share. Self-endorsements, zero weights and (without distrust) negative
   * weights are left out. {@code events} are the {@link #weighed} events sorted in content order,
   * {@code keys} their keys; a scope keeps those at {@code positions} only (all if it is null).
   */
  private static PairTable pairSums(
      LedgerSnapshot snapshot,
      int[] personOf,
      ContentOrder order,
      int[] events,
      long[] keys,
      double[] weights,
      double[] factors,
      int[] positions) {
    int[] kept = events;
    long[] keptKeys = keys;
    if (positions != null) {
      kept = new int[positions.length];
      keptKeys = new long[positions.length];
      for (int i = 0; i < positions.length; i++) {
        kept[i] = events[positions[i]];
        keptKeys[i] = keys[positions[i]];
      }
    }
    PairTable pairs = new PairTable(snapshot.contributorCount(), distinct(keptKeys));
    for (int i = 0; i < kept.length; i++) {
      double weight = weights[kept[i]];
      double factor = factors[kept[i]];
      long key = keptKeys[i];
      int u = personOf[order.endorser(key)];
      int target = order.target(key);
      if (!order.toContribution(key)) {
        int v = personOf[target];
        if (v != u) {
          pairs.add(u, v, weight, factor);
        }
      } else {
        for (int j = 0, authors = snapshot.authorCount(target); j < authors; j++) {
          int v = personOf[snapshot.author(target, j)];
          if (v != u) {
            pairs.add(u, v, weight * snapshot.share(target, j), factor);
          }
        }
      }
    }
    return pairs;
  }

  /**
   * The live events up to {@code asOf} whose weight counts (not zero, and not negative without
   * distrust), in record order, with the weight and decay factor of each put into {@code weights}
   * and {@code factors} by event. An event at the same time as the one before it takes its factor.
   */
  private static int[] weighed(
      LedgerSnapshot snapshot,
      ScoringPolicy policy,
      KindWeight[] kindOf,
      long asOf,
      double[] weights,
      double[] factors) {
    int[] events = liveEvents(snapshot, asOf, kindOf);
    Decay decay = policy.decay();
    boolean distrust = policy.distrustStrength() != 0;
    int count = 0;
    long lastTime = 0;
    double lastFactor = Double.NaN;
    for (int e : events) {
      double weight = kindOf[snapshot.kind(e)].weightOf(snapshot.value(e));
      if (weight == 0 || !distrust && weight < 0) {
        continue;
      }
      long time = snapshot.timeMillis(e);
      if (time != lastTime || Double.isNaN(lastFactor)) {
        lastFactor = decay.factor(asOf - time);
        lastTime = time;
      }
      weights[e] = weight;
      factors[e] = lastFactor;
      events[count++] = e;
    }
    return java.util.Arrays.copyOf(events, count);
  }

  /** The number of distinct keys in sorted {@code keys}. */
  private static int distinct(long[] keys) {
    int distinct = keys.length == 0 ? 0 : 1;
    for (int i = 1; i < keys.length; i++) {
      if (keys[i] != keys[i - 1]) {
        distinct++;
      }
    }
    return distinct;
  }

  /**
   * Saturation: the trust weight of every pair, {@code min(saturate(sum), saturate(decayed sum))};
   * what decay takes away ({@code saturate(sum)} minus the weight) is added to the endorser's
   * {@code released} weight. The weights are computed on all processors for many pairs (each on its
   * own, so the result is the same), the released weights added up in pair order. A kept table
   * ({@link LiveCompiler}) keeps {@code saturate(sum)}, which does not move with {@code asOf}.
   */
  private static double[] saturated(PairTable pairs, Saturation saturation, double[] released) {
    int size = pairs.size();
    double[] weights = new double[size];
    double[] full = new double[size];
    int chunks = size < PARALLEL_PAIRS ? 1 : 64;
    java.util.stream.IntStream.range(0, chunks)
        .parallel()
        .forEach(
            chunk -> {
              for (int pair = (int) ((long) size * chunk / chunks),
                      end = (int) ((long) size * (chunk + 1) / chunks);
                  pair < end;
                  pair++) {
                if (pairs.trust(pair) > 0) {
                  full[pair] = pairs.saturatedTrust(pair, saturation);
                  weights[pair] =
                      Math.min(full[pair], saturation.saturate(pairs.decayedTrust(pair)));
                }
              }
            });
    for (int pair = 0; pair < size; pair++) { // in pair order, as before: the same sums
      released[pairs.endorser(pair)] += full[pair] - weights[pair];
    }
    return weights;
  }

  /** From this many pairs on, saturation runs on all processors (it is two logarithms a pair). */
  private static final int PARALLEL_PAIRS = 1 << 16;

  /**
   * Reciprocal damping: a pair whose reverse pair also trusts keeps {@code factor} of its weight;
   * the rest is added to the endorser's {@code released} weight. Returns the new weights.
   */
  private static double[] reciprocalDamped(
      PairTable pairs, double[] weights, double factor, double[] released) {
    double[] damped = weights.clone();
    for (int pair = 0; pair < pairs.size(); pair++) {
      int back = pairs.find(pairs.endorsed(pair), pairs.endorser(pair));
      if (weights[pair] > 0 && back >= 0 && weights[back] > 0) {
        damped[pair] = weights[pair] * factor;
        released[pairs.endorser(pair)] += weights[pair] - damped[pair];
      }
    }
    return damped;
  }

  /**
   * The trust graph: every pair of positive weight, and the released weights as teleport. The pairs
   * go to the builder in {@code order} ({@link PairTable#inEdgeOrder}), which then needs no sort,
   * or (null) in pair order.
   */
  private static EndorsementGraph trustGraph(
      EndorsementGraph.Builder builder,
      PairTable pairs,
      int[] order,
      double[] weights,
      double[] released) {
    builder.expectEndorsements(pairs.size());
    for (int i = 0; i < pairs.size(); i++) {
      int pair = order == null ? i : order[i];
      if (weights[pair] > 0) {
        builder.add(pairs.endorser(pair), pairs.endorsed(pair), weights[pair]);
      }
    }
    for (int u = 0; u < released.length; u++) {
      builder.addTeleportWeight(u, released[u]);
    }
    return builder.build();
  }

  /**
   * The distrust graph over the same persons, or null if no pair distrusts: every distrusting pair
   * saturated as trust is (in {@code order}, as the trust graph), with a teleport weight per
   * distruster of its released distrust plus its trust out-weight, so that a distruster's opinion
   * is split over everything it gave.
   */
  private static EndorsementGraph distrustGraph(
      PairTable pairs, int[] order, Saturation saturation, EndorsementGraph graph) {
    boolean anyDistrust = false;
    for (int pair = 0; pair < pairs.size() && !anyDistrust; pair++) {
      anyDistrust = pairs.distrust(pair) > 0;
    }
    if (!anyDistrust) {
      return null;
    }
    int n = graph.size();
    EndorsementGraph.Builder negative = EndorsementGraph.builder(graph);
    double[] releasedDistrust = new double[n];
    for (int i = 0; i < pairs.size(); i++) {
      int pair = order == null ? i : order[i];
      if (pairs.distrust(pair) > 0) {
        double full = saturation.saturate(pairs.distrust(pair));
        double w = Math.min(full, saturation.saturate(pairs.decayedDistrust(pair)));
        negative.add(pairs.endorser(pair), pairs.endorsed(pair), w);
        releasedDistrust[pairs.endorser(pair)] += full - w;
      }
    }
    for (int u = 0; u < n; u++) {
      // A distruster's opinion is split over everything it gave, trust and distrust alike: its
      // distrust out-weight also counts its (undecayed) trust out-weight, W_u.
      negative.addTeleportWeight(u, releasedDistrust[u] + graph.outWeight(u));
    }
    return negative.build();
  }

  /**
   * The graph index of {@code id} (an account merged into a person gives the person's), or -1 if it
   * is not a contributor.
   */
  int indexOf(String id) {
    return personIndex(snapshot, personOf, id);
  }

  /** The graph index of ledger contributor {@code id}'s person, or -1 if it is not one. */
  static int personIndex(LedgerSnapshot snapshot, int[] personOf, String id) {
    OptionalInt contributor = snapshot.contributorIndex(id);
    return contributor.isPresent() ? personOf[contributor.getAsInt()] : -1;
  }

  /** The live events up to {@code asOf} that the policy can weigh, in record order. */
  private static int[] liveEvents(LedgerSnapshot snapshot, long asOf, KindWeight[] kindOf) {
    int[] live = new int[snapshot.eventCount()];
    int count = 0;
    for (int e = 0; e < live.length; e++) {
      if (!snapshot.retracted(e)
          && snapshot.timeMillis(e) <= asOf
          && weighable(snapshot, kindOf, e)) {
        live[count++] = e;
      }
    }
    return java.util.Arrays.copyOf(live, count);
  }

  /** Whether the policy can weigh event {@code e}: its kind is known and its value fits it. */
  static boolean weighable(LedgerSnapshot snapshot, KindWeight[] kindOf, int e) {
    KindWeight kind = kindOf[snapshot.kind(e)];
    return kind != null && kind.rated() == snapshot.hasValue(e);
  }

  /** The policy's weight of each of the snapshot's kinds, null for a kind it does not know. */
  static KindWeight[] kinds(LedgerSnapshot snapshot, ScoringPolicy policy) {
    int kinds = snapshot.kindCount();
    KindWeight[] kindOf = new KindWeight[kinds];
    for (int k = 0; k < kinds; k++) {
      kindOf[k] = policy.kinds().get(snapshot.kindName(k));
    }
    return kindOf;
  }

  /**
   * The live events the policy cannot weigh: their number, then the ids of the first {@link
   * #REFUSED_EXAMPLES}.
   */
  private static long[] refusals(LedgerSnapshot snapshot, KindWeight[] kindOf) {
    long[] refusal = new long[1 + REFUSED_EXAMPLES];
    for (int e = 0, events = snapshot.eventCount(); e < events; e++) {
      if (!snapshot.retracted(e) && !weighable(snapshot, kindOf, e)) {
        if (refusal[0] < REFUSED_EXAMPLES) {
          refusal[1 + (int) refusal[0]] = e;
        }
        refusal[0]++;
      }
    }
    return java.util.Arrays.copyOf(refusal, 1 + (int) Math.min(refusal[0], REFUSED_EXAMPLES));
  }

  /**
   * The latest time among the live events the policy can weigh, or {@code Long.MIN_VALUE} if there
   * is none: the default {@code asOf} when some events are refused, so that a refused event changes
   * nothing, as if it were retracted.
   */
  private static long latestWeighable(LedgerSnapshot snapshot, KindWeight[] kindOf) {
    long latest = Long.MIN_VALUE;
    for (int e = 0, events = snapshot.eventCount(); e < events; e++) {
      if (!snapshot.retracted(e) && weighable(snapshot, kindOf, e)) {
        latest = Math.max(latest, snapshot.timeMillis(e));
      }
    }
    return latest;
  }

  /**
   * Checks every live event's kind and value, and throws naming the first problems with how to fix
   * them; returns no refusals.
   */
  private static long[] checkKinds(
      LedgerSnapshot snapshot, ScoringPolicy policy, KindWeight[] kindOf) {
    int kinds = kindOf.length;
    long[] unknown = new long[kinds];
    for (int e = 0, events = snapshot.eventCount(); e < events; e++) {
      if (snapshot.retracted(e)) {
        continue;
      }
      KindWeight kind = kindOf[snapshot.kind(e)];
      if (kind == null) {
        unknown[snapshot.kind(e)]++;
      } else if (kind.rated() != snapshot.hasValue(e)) {
        policy.check(snapshot.event(e)); // throws with the endorsement named
      }
    }
    TreeMap<String, Long> names = new TreeMap<>();
    long count = 0;
    for (int k = 0; k < kinds; k++) {
      if (unknown[k] > 0) {
        names.put(snapshot.kindName(k), unknown[k]);
        count += unknown[k];
      }
    }
    if (!names.isEmpty()) {
      TreeSet<String> described = new TreeSet<>();
      names.forEach((name, events) -> described.add(name + " (" + events + " events)"));
      throw new UnknownKindException(
          String.format(
              "the ledger has %s events of kinds the policy does not know: %s; the policy knows"
                  + " %s: declare the missing kinds with ScoringPolicy.builder().kind(...), or"
                  + " retract the events",
              count, described, policy.kinds().keySet()),
          names.firstKey());
    }
    return new long[1];
  }
}
