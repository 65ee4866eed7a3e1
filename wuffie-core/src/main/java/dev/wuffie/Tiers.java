package dev.wuffie;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Privilege tiers a site grants by reputation ("can edit", "trusted", "moderator candidate"), with
 * hysteresis so that members do not flap between tiers on small changes.
 *
 * <p>Each tier has a threshold on a contributor's {@linkplain Reputation#percentile(String)
 * percentile} or {@linkplain Reputation#points(String) points}. A contributor is promoted into a
 * tier when its value reaches the threshold, and stays in it until the value falls below the
 * <em>low-water mark</em>: the threshold times the builder's {@link Builder#lowWater(double)}
 * (default {@value #DEFAULT_LOW_WATER}; a member of a 90th-percentile tier is demoted below the
 * 81st). Tiers are declared from lowest to highest; a contributor's tier is the highest it belongs
 * to.
 *
 * <pre>{@code
 * Tiers tiers = Tiers.builder()
 *     .percentile("trusted", 75)
 *     .points("moderator-candidate", 20)
 *     .build();
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads; {@link #assign} is a pure function
 * of its arguments.
 */
public final class Tiers {
  /** Default low-water mark, as a fraction of each threshold: {@value}. */
  public static final double DEFAULT_LOW_WATER = 0.9;

  /** What a tier's threshold is measured on. */
  public enum Measure {
    /** {@link Reputation#percentile(String)}, 0 to 100. */
    PERCENTILE,
    /** {@link Reputation#points(String)}: score times the number of contributors. */
    POINTS
  }

  /**
   * One tier.
   *
   * @param name the tier's name
   * @param measure what the threshold applies to
   * @param threshold the value that promotes a contributor into the tier
   */
  public record Tier(String name, Measure measure, double threshold) {}

  private final ImmutableList<Tier> tiers;
  private final double lowWater;

  private Tiers(List<Tier> tiers, double lowWater) {
    this.tiers = ImmutableList.copyOf(tiers);
    this.lowWater = lowWater;
  }

  /** A new builder, with no tier and the default low-water mark. */
  public static Builder builder() {
    return new Builder();
  }

  /** The tiers, lowest first. */
  public List<Tier> tiers() {
    return tiers;
  }

  /**
   * The tier of every contributor of {@code reputation} that has one, given the tiers they held
   * before ({@code previous}, by id; empty for the first assignment).
   */
  public Map<String, String> assign(Reputation reputation, Map<String, String> previous) {
    checkNotNull(reputation, "reputation is null");
    checkNotNull(previous, "previous is null");
    Map<String, String> assigned = new HashMap<>();
    for (String id : reputation.ids()) {
      tierOf(reputation.standing(id), previous.get(id)).ifPresent(t -> assigned.put(id, t));
    }
    return assigned;
  }

  /** The tier of a contributor with {@code standing} that held {@code previousTier} (or null). */
  Optional<String> tierOf(Standing standing, String previousTier) {
    int held = -1;
    for (int t = 0; t < tiers.size(); t++) {
      if (tiers.get(t).name().equals(previousTier)) {
        held = t;
      }
    }
    for (int t = tiers.size() - 1; t >= 0; t--) {
      Tier tier = tiers.get(t);
      double value =
          tier.measure() == Measure.PERCENTILE ? standing.percentile() : standing.points();
      // Holding a tier means holding every tier below it, so the low-water mark applies to those.
      double threshold = t <= held ? tier.threshold() * lowWater : tier.threshold();
      if (value >= threshold) {
        return Optional.of(tier.name());
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "Tiers{" + tiers + ", lowWater=" + lowWater + "}";
  }

  /** Builds {@link Tiers}. Not thread-safe. */
  public static final class Builder {
    private final List<Tier> tiers = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private double lowWater = DEFAULT_LOW_WATER;

    private Builder() {}

    /**
     * Adds a tier above the ones added so far, reached at {@code percentile}.
     *
     * @throws IllegalArgumentException if the name is empty or taken, or the percentile is not in
     *     {@code (0, 100]}
     */
    public Builder percentile(String name, double percentile) {
      checkArgument(
          percentile > 0 && percentile <= 100,
          "percentile %s of tier '%s' must be in (0, 100]",
          percentile,
          name);
      return add(new Tier(name, Measure.PERCENTILE, percentile));
    }

    /**
     * Adds a tier above the ones added so far, reached at {@code points}.
     *
     * @throws IllegalArgumentException if the name is empty or taken, or the points are not a
     *     positive finite number
     */
    public Builder points(String name, double points) {
      checkArgument(
          points > 0 && points < Double.POSITIVE_INFINITY,
          "points %s of tier '%s' must be positive",
          points,
          name);
      return add(new Tier(name, Measure.POINTS, points));
    }

    /**
     * Sets the low-water mark (default {@value #DEFAULT_LOW_WATER}).
     *
     * @throws IllegalArgumentException unless {@code 0 < fraction <= 1}
     */
    public Builder lowWater(double fraction) {
      checkArgument(
          fraction > 0 && fraction <= 1, "low-water mark %s must be in (0, 1], e.g. 0.9", fraction);
      this.lowWater = fraction;
      return this;
    }

    /** Builds the tiers. */
    public Tiers build() {
      return new Tiers(tiers, lowWater);
    }

    private Builder add(Tier tier) {
      checkNotNull(tier.name(), "tier name is null");
      checkArgument(!tier.name().isEmpty(), "tier name is empty");
      checkArgument(names.add(tier.name()), "tier '%s' is declared twice", tier.name());
      tiers.add(tier);
      return this;
    }
  }
}
