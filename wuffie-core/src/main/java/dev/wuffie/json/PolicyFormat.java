package dev.wuffie.json;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import dev.wuffie.Decay;
import dev.wuffie.Saturation;
import dev.wuffie.ScoringPolicy;
import java.time.Duration;
import java.util.List;

/** The field names of the policy format, shared by its serializer and deserializer. */
final class PolicyFormat {
  static final String KINDS = "kinds";
  static final String REPLACE_DEFAULT_KINDS = "replaceDefaultKinds";
  static final String SATURATION = "saturation";
  static final String HALF_LIFE = "halfLife";
  static final String AS_OF = "asOf";
  static final String TELEPORT = "teleport";
  static final String DISTRUST_STRENGTH = "distrustStrength";
  static final String INFLUENCE_CAP = "influenceCap";
  static final String RECIPROCAL_WEIGHT = "reciprocalWeight";
  static final String SOLVER = "solver";

  /** The fields of a policy object, in the order they are written. */
  static final List<String> FIELDS =
      ImmutableList.of(
          KINDS,
          REPLACE_DEFAULT_KINDS,
          SATURATION,
          HALF_LIFE,
          AS_OF,
          TELEPORT,
          DISTRUST_STRENGTH,
          INFLUENCE_CAP,
          RECIPROCAL_WEIGHT,
          SOLVER);

  static final String RATED = "rated";
  static final String WEIGHT = "weight";
  static final String NEUTRAL = "neutral";
  static final String SCALE = "scale";
  static final List<String> KIND_FIELDS = ImmutableList.of(RATED, WEIGHT, NEUTRAL, SCALE);

  static final String UNIFORM = "uniform";
  static final String ACTIVITY = "activity";
  static final String SEEDS = "seeds";

  static final String DAMPING = "damping";
  static final String TOLERANCE = "tolerance";
  static final String MAX_ITERATIONS = "maxIterations";
  static final String METHOD = "method";
  static final String STOP = "stop";
  static final List<String> SOLVER_FIELDS =
      ImmutableList.of(DAMPING, TOLERANCE, MAX_ITERATIONS, METHOD, STOP);

  private static final long SECONDS_PER_DAY = 86_400;

  private PolicyFormat() {}

  /**
   * The name of a stock saturation.
   *
   * @throws IllegalArgumentException if {@code saturation} is not one of the stock instances
   */
  static String saturationName(Saturation saturation) {
    checkArgument(
        saturation == Saturation.linear()
            || saturation == Saturation.log()
            || saturation == Saturation.sqrt(),
        "cannot write the custom saturation %s as JSON: only Saturation.linear(), log() and sqrt()"
            + " have a name; use one of them, or keep such policies in code",
        saturation);
    return saturation.toString();
  }

  /**
   * Checks that {@code policy} can be written: its saturation and decay are stock instances.
   *
   * @throws IllegalArgumentException if it cannot
   */
  static void checkWritable(ScoringPolicy policy) {
    saturationName(policy.saturation());
    checkArgument(
        policy.decay() == Decay.none() || policy.halfLife().isPresent(),
        "cannot write the custom decay %s as JSON: only Decay.none() and Decay.halfLife(...) have"
            + " a form; use one of them, or keep such policies in code",
        policy.decay());
  }

  /**
   * An ISO-8601 duration that reads back equal: {@code P180D} for whole days, else {@code PT..}.
   */
  static String durationText(Duration duration) {
    if (duration.getNano() == 0 && duration.getSeconds() % SECONDS_PER_DAY == 0) {
      return "P" + duration.getSeconds() / SECONDS_PER_DAY + "D";
    }
    return duration.toString();
  }
}
