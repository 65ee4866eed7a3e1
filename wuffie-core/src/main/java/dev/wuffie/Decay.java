package dev.wuffie;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * How much an endorsement still counts, given its age at the scoring time ({@link
 * ScoringPolicy#asOf()}): a factor in {@code [0, 1]}, 1 for a fresh endorsement.
 *
 * <p>Decay acts with the policy's model of inactivity (see {@link ScoringPolicy}): an endorser
 * whose endorsements are old passes on less of its score, and the rest goes back through the
 * teleport distribution.
 *
 * <p>An implementation must be a pure, non-increasing function of the age, and safe to call from
 * several threads. Only the stock instances can be written to JSON.
 */
@FunctionalInterface
public interface Decay {

  /**
   * The factor for an endorsement {@code ageMillis} milliseconds old.
   *
   * @param ageMillis the age, {@code >= 0}
   */
  double factor(long ageMillis);

  /** No decay (the default): every endorsement counts in full, however old. */
  static Decay none() {
    return StockDecay.NONE;
  }

  /**
   * Exponential decay: an endorsement counts half after {@code halfLife}, a quarter after twice
   * that, and so on ({@code factor = 2^(-age / halfLife)}).
   *
   * @throws IllegalArgumentException if {@code halfLife} is shorter than a millisecond
   */
  static Decay halfLife(Duration halfLife) {
    checkNotNull(halfLife, "halfLife is null");
    checkArgument(
        halfLife.compareTo(Duration.ofMillis(1)) >= 0,
        "half-life %s must be at least 1 ms (times are kept to the millisecond), e.g."
            + " Duration.ofDays(180)",
        halfLife);
    return new HalfLife(halfLife);
  }
}
