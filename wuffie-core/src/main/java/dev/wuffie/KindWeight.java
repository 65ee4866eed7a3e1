package dev.wuffie;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * What one endorsement of a kind weighs: a fixed weight, its {@code scale} ({@code upvote} = 1,
 * {@code accepted} = 3), or, for a rated kind, a weight computed from the endorsement's value:
 * {@code scale * (value - neutral)} (a -10..+10 trust rating with neutral 0 and scale 1 weighs its
 * value).
 *
 * <p>A positive weight is trust and flows with the score; a negative weight is distrust (a
 * downvote, a flag, a negative rating), which never flows: the policy applies it after the scores
 * converge (see {@link ScoringPolicy}).
 *
 * @param kind the kind's name, non-empty
 * @param scale the weight of a fixed kind, or what a rated kind multiplies {@code value - neutral}
 *     by; finite
 * @param rated whether endorsements of this kind carry a value
 * @param neutral for a rated kind, the value that weighs zero; 0 for a fixed kind
 */
public record KindWeight(String kind, double scale, boolean rated, double neutral) {

  /** Checks the components. */
  public KindWeight {
    checkNotNull(kind, "kind is null");
    checkArgument(!kind.isEmpty(), "kind is empty; give every kind a name");
    checkArgument(Double.isFinite(scale), "weight %s of kind '%s' must be finite", scale, kind);
    checkArgument(
        Double.isFinite(neutral), "neutral %s of kind '%s' must be finite", neutral, kind);
    checkArgument(
        rated || neutral == 0, "kind '%s' is not rated: its neutral value must be 0", kind);
  }

  /** A kind whose every endorsement weighs {@code weight}. */
  public static KindWeight fixed(String kind, double weight) {
    return new KindWeight(kind, weight, false, 0);
  }

  /** A rated kind: an endorsement with value {@code x} weighs {@code scale * (x - neutral)}. */
  public static KindWeight rated(String kind, double neutral, double scale) {
    return new KindWeight(kind, scale, true, neutral);
  }

  /**
   * The weight of one endorsement of this kind.
   *
   * @param value the endorsement's value, NaN if it has none
   */
  double weightOf(double value) {
    return rated ? scale * (value - neutral) : scale;
  }
}
