package dev.wuffie;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The raw endorsements behind each term of an explanation of a reputation scored from a ledger: for
 * a person and each of its endorsers, the kinds and contributions that made up the pair's weight.
 * Built by the {@link Scorer} from a {@link CompiledLedger}; {@link Explainer} scales the parts to
 * the terms. In a scope, the endorsements of contributions without the scope's tag are no part.
 *
 * <p>The first call indexes the snapshot's live events by the person they credit (directly or
 * through a contribution), in one pass; later calls read that index. Safe to use from several
 * threads: the index is built once, under a lock, and published through a volatile field.
 */
final class LedgerParts implements Explainer.Parts {
  private final LedgerSnapshot snapshot;
  private final int[] personOf; // ledger contributor index -> graph index
  private final KindWeight[] kindOf; // by the snapshot's kind index
  private final Decay decay;
  private final long asOfMillis;
  private final int persons;
  private final int scope; // a tag index, or CompiledLedger.GLOBAL
  private volatile int[][] eventsByPerson; // lazily: [offsets, events]

  LedgerParts(CompiledLedger compiled) {
    this.snapshot = compiled.snapshot;
    this.personOf = compiled.personOf;
    this.kindOf = compiled.kindOf;
    this.decay = compiled.policy.decay();
    this.asOfMillis = compiled.asOfMillis;
    this.persons = compiled.graph.size();
    this.scope = compiled.scope;
  }

  /**
   * The raw parts of every endorsement of {@code v} (graph index) with weights of the given sign,
   * by endorser: for each, the kinds and contributions with their decayed weight before saturation
   * and their number of events.
   */
  @Override
  public Map<Integer, Map<Explainer.PartKey, double[]>> byEndorser(int v, boolean trust) {
    int[][] index = eventIndex();
    Map<Integer, Map<Explainer.PartKey, double[]>> byEndorser = new HashMap<>();
    for (int k = index[0][v]; k < index[0][v + 1]; k++) {
      int e = index[1][k];
      double weight = kindOf[snapshot.kind(e)].weightOf(snapshot.value(e));
      if (trust ? weight <= 0 : weight >= 0) {
        continue;
      }
      double share = 1;
      String contribution = null;
      if (snapshot.toContribution(e)) {
        int c = snapshot.target(e);
        contribution = snapshot.contribution(c);
        share = 0;
        for (int j = 0; j < snapshot.authorCount(c); j++) {
          if (personOf[snapshot.author(c, j)] == v) {
            share += snapshot.share(c, j);
          }
        }
      }
      double decayed = Math.abs(weight) * share * decay.factor(asOfMillis - snapshot.timeMillis(e));
      Explainer.PartKey key =
          new Explainer.PartKey(snapshot.kindName(snapshot.kind(e)), contribution);
      double[] sum =
          byEndorser
              .computeIfAbsent(personOf[snapshot.endorser(e)], u -> new HashMap<>())
              .computeIfAbsent(key, x -> new double[2]);
      sum[0] += decayed;
      sum[1]++;
    }
    return byEndorser;
  }

  /**
   * Live events up to {@code asOf} by the person they credit (directly or through a contribution):
   * {@code [offsets by person, event numbers]}.
   */
  private int[][] eventIndex() {
    int[][] index = eventsByPerson;
    if (index == null) {
      synchronized (this) {
        index = eventsByPerson;
        if (index == null) {
          index = buildEventIndex();
          eventsByPerson = index;
        }
      }
    }
    return index;
  }

  private int[][] buildEventIndex() {
    int n = persons;
    int[] start = new int[n + 2];
    forEachCredit((e, v) -> start[v + 2]++);
    for (int v = 0; v < n; v++) {
      start[v + 2] += start[v + 1];
    }
    int[] events = new int[start[n + 1]];
    forEachCredit((e, v) -> events[start[v + 1]++] = e);
    return new int[][] {Arrays.copyOf(start, n + 1), events};
  }

  private void forEachCredit(CreditBody body) {
    for (int e = 0, events = snapshot.eventCount(); e < events; e++) {
      if (snapshot.retracted(e)
          || snapshot.timeMillis(e) > asOfMillis
          || !CompiledLedger.weighable(snapshot, kindOf, e)) {
        continue;
      }
      int target = snapshot.target(e);
      if (!snapshot.toContribution(e)) {
        body.credit(e, personOf[target]);
      } else if (scope == CompiledLedger.GLOBAL || snapshot.tagged(target, scope)) {
        for (int j = 0, authors = snapshot.authorCount(target); j < authors; j++) {
          int v = personOf[snapshot.author(target, j)];
          if (!creditedBefore(target, j, v)) { // authors merged into one person: credit once
            body.credit(e, v);
          }
        }
      }
    }
  }

  /** Whether an author of contribution {@code c} before author {@code j} is person {@code v}. */
  private boolean creditedBefore(int c, int j, int v) {
    for (int k = 0; k < j; k++) {
      if (personOf[snapshot.author(c, k)] == v) {
        return true;
      }
    }
    return false;
  }

  @FunctionalInterface
  private interface CreditBody {
    void credit(int event, int person);
  }
}
