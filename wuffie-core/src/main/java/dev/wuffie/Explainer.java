package dev.wuffie;

import dev.wuffie.graph.EndorsementGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Reputation} needs to {@linkplain Reputation#explain(String) explain} a score,
 * handed to it by the {@link Scorer}: the scored graph, the trust scores at the fixed point, the
 * teleport distribution, the distrust that discounted them, and where the raw endorsements behind
 * each term come from. It builds an {@link Explanation} on demand; it never compiles or solves.
 *
 * <p>At the fixed point, the trust score {@code s_v} splits into the teleport share {@code (1 - d)
 * p_v}, the returned share {@code d p_v R} (R the mass that went back through the teleport
 * distribution: dangling scores and teleport weights) and one term {@code d s_u w_uv / W_u} per
 * endorser {@code u}. With distrust, every term is divided by the sum the discounted scores were
 * normalised by, and each distruster's discount is listed.
 *
 * <p>Immutable apart from what {@link Parts} builds lazily; safe to share between threads.
 */
final class Explainer {
  private final EndorsementGraph graph;
  private final double[] trust; // the solver's scores, before distrust
  private final double damping;
  private final double[] teleport; // normalised; null for uniform
  private final double scale; // 1 / the sum the discounted scores were divided by
  private final double returnedMass;
  private final EndorsementGraph distrust; // null when distrust did not change the scores
  private final double distrustStrength;
  private final Parts parts;

  /**
   * An explainer of the scores {@code trust} of {@code graph}.
   *
   * @param teleport the normalised teleport distribution, or null for uniform
   * @param normaliser the sum the discounted scores were divided by (1 without distrust)
   * @param distrust the distrust graph that discounted the scores, or null if none did
   */
  Explainer(
      EndorsementGraph graph,
      double[] trust,
      double damping,
      double[] teleport,
      double normaliser,
      EndorsementGraph distrust,
      double distrustStrength,
      Parts parts) {
    this.graph = graph;
    this.trust = trust;
    this.damping = damping;
    this.teleport = teleport;
    this.scale = 1 / normaliser;
    this.returnedMass = returnedMass(graph, trust);
    this.distrust = distrust;
    this.distrustStrength = distrustStrength;
    this.parts = parts;
  }

  /** The raw endorsements behind the terms of a person's explanation. */
  interface Parts {
    /** No split: terms without parts, as for a reputation scored from a bare graph. */
    Parts NONE = (v, trust) -> Map.of();

    /**
     * The raw parts of every endorsement of {@code v} (graph index) with weights of the given sign,
     * by endorser: for each, the kinds and contributions with their decayed weight before
     * saturation ({@code [0]}) and their number of events ({@code [1]}).
     */
    Map<Integer, Map<PartKey, double[]>> byEndorser(int v, boolean trust);
  }

  /** A kind, and the contribution endorsed (null for a direct endorsement). */
  record PartKey(String kind, String contribution) {}

  /** The explanation of the score {@code score} of contributor {@code v} (graph index). */
  Explanation explain(int v, double score) {
    double d = damping;
    double[] s = trust;
    double p = teleport == null ? 1.0 / s.length : teleport[v];
    Map<Integer, Map<PartKey, double[]>> trustParts = parts.byEndorser(v, true);
    List<Explanation.Term> endorsers = new ArrayList<>();
    for (int e = graph.inStart(v); e < graph.inEnd(v); e++) {
      int u = graph.source(e);
      double amount = d * s[u] * graph.weight(e) / graph.outWeight(u) * scale;
      endorsers.add(new Explanation.Term(graph.id(u), amount, split(trustParts.get(u), amount)));
    }
    List<Explanation.Term> distrusters = new ArrayList<>();
    double discount = 0;
    if (distrust != null) {
      Map<Integer, Map<PartKey, double[]>> distrustParts = parts.byEndorser(v, false);
      for (int e = distrust.inStart(v); e < distrust.inEnd(v); e++) {
        int u = distrust.source(e);
        double amount = distrustStrength * s[u] * distrust.weight(e) / distrust.outWeight(u);
        discount += amount;
        distrusters.add(
            new Explanation.Term(
                graph.id(u), amount * scale, split(distrustParts.get(u), amount * scale)));
      }
    }
    Comparator<Explanation.Term> largestFirst =
        Comparator.comparingDouble(Explanation.Term::amount)
            .reversed()
            .thenComparing(Explanation.Term::endorser);
    endorsers.sort(largestFirst);
    distrusters.sort(largestFirst);
    return new Explanation(
        graph.id(v),
        score,
        (1 - d) * p * scale,
        d * p * returnedMass * scale,
        endorsers,
        distrusters,
        Math.max(0, discount - s[v]) * scale);
  }

  /** Splits a term of {@code amount} over its raw parts, largest first. */
  private static List<Explanation.Part> split(Map<PartKey, double[]> raw, double amount) {
    if (raw == null) {
      return List.of();
    }
    double total = 0;
    for (double[] sum : raw.values()) {
      total += sum[0];
    }
    List<Explanation.Part> parts = new ArrayList<>(raw.size());
    for (Map.Entry<PartKey, double[]> entry : raw.entrySet()) {
      double[] sum = entry.getValue();
      double part = total > 0 ? amount * sum[0] / total : amount / raw.size();
      parts.add(
          new Explanation.Part(
              entry.getKey().kind(), entry.getKey().contribution(), (int) sum[1], part));
    }
    parts.sort(
        Comparator.comparingDouble(Explanation.Part::amount)
            .reversed()
            .thenComparing(Explanation.Part::kind)
            .thenComparing(
                Explanation.Part::contribution, Comparator.nullsFirst(Comparator.naturalOrder())));
    return parts;
  }

  /** The mass that went back through the teleport distribution: dangling and teleport weights. */
  private static double returnedMass(EndorsementGraph graph, double[] s) {
    double mass = 0;
    for (int u = 0; u < s.length; u++) {
      double out = graph.outWeight(u);
      mass += out == 0 ? s[u] : s[u] * graph.teleportWeight(u) / out;
    }
    return mass;
  }
}
