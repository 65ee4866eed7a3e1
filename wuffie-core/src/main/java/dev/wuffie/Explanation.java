package dev.wuffie;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;

/**
 * Where one contributor's score comes from: its exact split into the teleport term, the returned
 * share, one term per endorser (largest first) and, when the policy has distrust, one discount per
 * distruster.
 *
 * <p>At the solver's fixed point the trust score is {@code s_v = (1 - d) p_v + d p_v L + sum_u d
 * s_u w_uv / W_u}, where {@code L} is the mass that went back through the teleport distribution
 * (from dangling contributors and teleport weights). Distrust then takes {@code strength * s_u *
 * δ_uv / (W_u + Δ_u)} per distruster, the result is floored at zero, and all scores are divided by
 * their sum. Every amount here is already divided by that sum, so
 *
 * <pre>
 * score = teleport + returned + sum(endorsers.amount) - sum(distrusters.amount) + floor
 * </pre>
 *
 * <p>to within the solver's tolerance ({@link #total()} adds them up). Each endorser term is split
 * further into {@link Part}s: the kinds and contributions that made up its weight, in proportion to
 * their decayed weight before saturation.
 *
 * @param id the contributor explained
 * @param score its score
 * @param teleport its share of the teleport term {@code (1 - d) p_v}
 * @param returned its share of the mass that went back through the teleport distribution
 * @param endorsers one term per endorser, largest first
 * @param distrusters one discount per distruster, largest first (amounts are positive)
 * @param floor what the floor at zero gave back when distrust exceeded the trust score, else 0
 */
public record Explanation(
    String id,
    double score,
    double teleport,
    double returned,
    List<Term> endorsers,
    List<Term> distrusters,
    double floor) {

  /** Checks and copies the components. */
  public Explanation {
    checkNotNull(id, "id is null");
    endorsers = List.copyOf(endorsers);
    distrusters = List.copyOf(distrusters);
  }

  /** The sum of the terms, which equals {@link #score()} within the solver's tolerance. */
  public double total() {
    double total = teleport + returned + floor;
    for (Term term : endorsers) {
      total += term.amount();
    }
    for (Term term : distrusters) {
      total -= term.amount();
    }
    return total;
  }

  /**
   * What one endorser (or distruster) contributed.
   *
   * @param endorser the endorser's id
   * @param amount its share of the score (for a distruster: how much it took, positive)
   * @param parts the split over kinds and contributions, largest first; empty when the scores were
   *     computed from a bare graph rather than a ledger
   */
  public record Term(String endorser, double amount, List<Part> parts) {
    /** Checks and copies the components. */
    public Term {
      checkNotNull(endorser, "endorser is null");
      parts = List.copyOf(parts);
    }
  }

  /**
   * The part of a term that came from one kind, directly or through one contribution.
   *
   * @param kind the kind of the endorsements
   * @param contribution the contribution endorsed, or null for endorsements of the contributor
   * @param endorsements how many endorsements of that kind (and contribution) there were
   * @param amount their share of the term
   */
  public record Part(String kind, String contribution, int endorsements, double amount) {
    /** Checks the components. */
    public Part {
      checkNotNull(kind, "kind is null");
    }
  }
}
