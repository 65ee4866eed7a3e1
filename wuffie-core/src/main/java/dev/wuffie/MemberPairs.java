package dev.wuffie;

import dev.wuffie.graph.EndorsementGraph;

/**
 * The endorsements between members, summed per pair of persons, saturated and weighed once for
 * every scope of a {@link CompiledLedger#compile(LedgerSnapshot, ScoringPolicy, boolean, int[])}:
 * they count in every scope, and the same way in each, except where a scope's own endorsements (of
 * its contributions) add to the same pair. Used when no event distrusts and the policy does not
 * damp reciprocal pairs ({@link ScopeEvents#sharesMemberPairs}), where a pair's weight depends on
 * its own sums alone. Immutable once built; read by the scopes' compiles on several threads at
 * once.
 *
 * <p>A scope's trust graph is then its own pairs, each with the member pair's sums added where
 * there is one, and every other member pair with its weight as computed here: the graph a compile
 * of the scope alone builds, with a pair's sums added in another order (the member events' sum
 * first) and the released weights summed in another order, so equal to rounding.
 */
final class MemberPairs {
  private final PairTable pairs;
  private final double[] full; // per pair: saturate(trust)
  private final double[] weight; // per pair: min(full, saturate(decayed trust)); 0 if no trust

  private MemberPairs(PairTable pairs, double[] full, double[] weight) {
    this.pairs = pairs;
    this.full = full;
    this.weight = weight;
  }

  /** Saturates and weighs every pair of {@code pairs} (the member endorsements' sums). */
  static MemberPairs of(PairTable pairs, Saturation saturation) {
    int size = pairs.size();
    double[] full = new double[size];
    double[] weight = new double[size];
    for (int pair = 0; pair < size; pair++) {
      if (pairs.trust(pair) > 0) {
        full[pair] = saturation.saturate(pairs.trust(pair));
        weight[pair] = Math.min(full[pair], saturation.saturate(pairs.decayedTrust(pair)));
      }
    }
    pairs.find(0, 0); // builds the table's index now, so that the scopes' look-ups only read it
    return new MemberPairs(pairs, full, weight);
  }

  /**
   * The trust graph of a scope whose own pair sums (its endorsements of contributions) are {@code
   * own}, built on {@code builder} (which holds every person): as {@link CompiledLedger}'s
   * saturation and trust graph steps make it from the sums of the member and the own endorsements
   * together. {@code O(member pairs + own pairs)}, with two saturations per own pair only.
   */
  EndorsementGraph graph(EndorsementGraph.Builder builder, PairTable own, Saturation saturation) {
    int size = own.size();
    double[] ownFull = new double[size];
    double[] ownWeight = new double[size];
    boolean[] merged = new boolean[pairs.size()]; // the member pairs the scope's own pairs add to
    for (int pair = 0; pair < size; pair++) {
      double trust = own.trust(pair);
      double decayed = own.decayedTrust(pair);
      int member = pairs.find(own.endorser(pair), own.endorsed(pair));
      if (member >= 0) {
        merged[member] = true;
        trust = pairs.trust(member) + trust;
        decayed = pairs.decayedTrust(member) + decayed;
      }
      if (trust > 0) {
        ownFull[pair] = saturation.saturate(trust);
        ownWeight[pair] = Math.min(ownFull[pair], saturation.saturate(decayed));
      }
    }
    double[] released = new double[builder.contributorCount()]; // per endorser: to its teleport
    builder.expectEndorsements(pairs.size() + size);
    for (int pair = 0; pair < pairs.size(); pair++) {
      if (!merged[pair]) {
        released[pairs.endorser(pair)] += full[pair] - weight[pair];
        if (weight[pair] > 0) {
          builder.add(pairs.endorser(pair), pairs.endorsed(pair), weight[pair]);
        }
      }
    }
    for (int pair = 0; pair < size; pair++) {
      released[own.endorser(pair)] += ownFull[pair] - ownWeight[pair];
      if (ownWeight[pair] > 0) {
        builder.add(own.endorser(pair), own.endorsed(pair), ownWeight[pair]);
      }
    }
    for (int u = 0; u < released.length; u++) {
      builder.addTeleportWeight(u, released[u]);
    }
    return builder.build();
  }
}
