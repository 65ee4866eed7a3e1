package dev.wuffie.spark;

import dev.wuffie.Endorsement;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.io.InputFormatException;
import dev.wuffie.json.PolicyJson;
import java.io.Serializable;
import java.time.Instant;
import java.util.OptionalDouble;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF6;

/**
 * The core's per-event rules as functions Spark can ship to its executors: an event's weight
 * ({@link ScoringPolicy#weigh}, which checks it as the core's {@link Endorsement} and {@link
 * ScoringPolicy#check} do), the decay factor at an age and the saturation of a summed weight.
 *
 * <p>A {@link ScoringPolicy} is not serializable; it travels as its JSON form ({@link PolicyJson})
 * and is read back once per executor JVM and function instance. So only policies with stock
 * saturation and decay can be shipped, which {@link #of} checks on the driver.
 */
final class PolicyFunctions implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String json;
  private transient volatile ScoringPolicy policy;

  private PolicyFunctions(String json, ScoringPolicy policy) {
    this.json = json;
    this.policy = policy;
  }

  /**
   * The functions of {@code policy}.
   *
   * @throws IllegalArgumentException if its saturation or decay is a custom implementation
   */
  static PolicyFunctions of(ScoringPolicy policy) {
    String json;
    try {
      json = PolicyJson.write(policy);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the Spark job ships the policy to its executors as JSON, and "
              + e.getMessage()
              + "; use a stock saturation (Saturation.linear(), log() or sqrt()) and decay"
              + " (Decay.none() or halfLife(...))",
          e);
    }
    return new PolicyFunctions(json, policy);
  }

  ScoringPolicy policy() {
    ScoringPolicy p = policy;
    if (p == null) {
      try {
        p = PolicyJson.read(json);
      } catch (InputFormatException e) {
        throw new IllegalStateException("the policy's own JSON did not read back: " + json, e);
      }
      policy = p;
    }
    return p;
  }

  /**
   * {@code (endorser, target, toContribution, kind, value, timeMillis) -> weight}: the event as the
   * core's {@link Endorsement} (whose constructor checks every field, with its messages), weighed
   * by the policy (an unknown kind or a value that does not fit the kind fails as in the core).
   */
  UDF6<String, String, Boolean, String, Double, Long, Double> weigh() {
    return (endorser, target, toContribution, kind, value, timeMillis) -> {
      Endorsement endorsement =
          new Endorsement(
              endorser,
              target,
              toContribution != null && toContribution,
              kind,
              value == null ? OptionalDouble.empty() : OptionalDouble.of(value),
              timeMillis == null ? null : Instant.ofEpochMilli(timeMillis));
      return policy().weigh(endorsement);
    };
  }

  /** {@code ageMillis -> factor}: the policy's decay. */
  UDF1<Long, Double> decay() {
    return age -> policy().decay().factor(age);
  }

  /** {@code total -> weight}: the policy's saturation of a pair's summed weight. */
  UDF1<Double, Double> saturate() {
    return total -> policy().saturation().saturate(total);
  }
}
