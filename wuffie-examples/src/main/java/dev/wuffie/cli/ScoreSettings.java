package dev.wuffie.cli;

import dev.wuffie.Decay;
import dev.wuffie.KindWeight;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.io.InputFormatException;
import dev.wuffie.json.PolicyJson;
import dev.wuffie.rank.RankSolver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to score, as the options of {@code score} and {@code explain} say, already checked for
 * syntax. Without a policy option ({@code --policy}, {@code --kinds}, {@code --half-life}, {@code
 * --as-of}, {@code --distrust}) the input is scored as a plain weighted graph; with one, it is read
 * into a ledger and scored under {@link #policy()}.
 *
 * @param policyFile the JSON policy to start from, or null for {@link ScoringPolicy#identity()}
 * @param kinds the rated kinds of {@code --kinds}: each line of kind NAME weighs W times its weight
 *     field
 * @param halfLife the half-life, or null for the policy's decay
 * @param asOf the scoring time, or null for the policy's
 * @param distrust apply negative weights as distrust
 * @param dropNegative drop negative weights
 * @param damping the damping, or null for the policy's (default 0.85)
 * @param tolerance the tolerance, or null for the policy's
 * @param maxIterations the iteration cap, or null for the policy's
 * @param seeds the seed list, or null for the policy's teleport
 */
record ScoreSettings(
    Path policyFile,
    Map<String, Double> kinds,
    Duration halfLife,
    Instant asOf,
    boolean distrust,
    boolean dropNegative,
    Double damping,
    Double tolerance,
    Integer maxIterations,
    Path seeds) {

  ScoreSettings {
    kinds = Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
  }

  /** The bundled job's scoring: the identity policy with negative ratings as distrust. */
  static ScoreSettings bundled() {
    return new ScoreSettings(null, Map.of(), null, null, true, false, null, null, null, null);
  }

  /** This scoring with negative weights applied as distrust, unless they are dropped. */
  ScoreSettings distrustUnlessDropped() {
    return dropNegative
        ? this
        : new ScoreSettings(
            policyFile,
            kinds,
            halfLife,
            asOf,
            true,
            false,
            damping,
            tolerance,
            maxIterations,
            seeds);
  }

  /** Whether any policy option is given, so that the input is read into a ledger. */
  boolean policyMode() {
    return policyFile != null || !kinds.isEmpty() || halfLife != null || asOf != null || distrust;
  }

  /**
   * The solver: {@code base} with the damping, tolerance and iteration cap that are given.
   *
   * @throws IllegalArgumentException if a given value is out of range
   */
  RankSolver solver(RankSolver base) {
    RankSolver.Builder solver = base.toBuilder();
    if (damping != null) {
      solver.damping(damping);
    }
    if (tolerance != null) {
      solver.tolerance(tolerance);
    }
    if (maxIterations != null) {
      solver.maxIterations(maxIterations);
    }
    return solver.build();
  }

  /**
   * The policy to score a ledger with: the {@code --policy} file or the identity policy; the kind
   * {@value ScoringPolicy#IDENTITY_KIND} (rated, scale 1) unless it declares it, since lines
   * without a kind field are of that kind; then the kinds of {@code --kinds} (rated), {@code
   * --half-life}, {@code --as-of} and the solver options. Seeds are set once the input is read.
   *
   * @throws BadInputException if the policy file cannot be read
   */
  ScoringPolicy policy() throws BadInputException {
    ScoringPolicy base = policyFile == null ? ScoringPolicy.identity() : readPolicyFile();
    ScoringPolicy.Builder builder = base.toBuilder();
    if (!base.kinds().containsKey(ScoringPolicy.IDENTITY_KIND)) {
      builder.kind(KindWeight.rated(ScoringPolicy.IDENTITY_KIND, 0, 1));
    }
    kinds.forEach((name, weight) -> builder.kind(KindWeight.rated(name, 0, weight)));
    if (halfLife != null) {
      builder.decay(Decay.halfLife(halfLife));
    }
    if (asOf != null) {
      builder.asOf(asOf);
    }
    return builder.solver(solver(base.solver())).build();
  }

  /**
   * The policy to score a ledger file with: the {@code --policy} file or the default policy ({@link
   * ScoringPolicy#builder()}, whose kinds are those a site records), then the kinds of {@code
   * --kinds} as fixed weights (a ledger's events carry their kind, and a rated kind's events their
   * value: declare rated kinds in a policy file), {@code --half-life}, {@code --as-of} and the
   * solver options. Seeds are set once the ledger is read.
   *
   * @throws BadInputException if the policy file cannot be read
   */
  ScoringPolicy ledgerPolicy() throws BadInputException {
    ScoringPolicy base = policyFile == null ? ScoringPolicy.builder().build() : readPolicyFile();
    ScoringPolicy.Builder builder = base.toBuilder();
    kinds.forEach((name, weight) -> builder.kind(KindWeight.fixed(name, weight)));
    if (halfLife != null) {
      builder.decay(Decay.halfLife(halfLife));
    }
    if (asOf != null) {
      builder.asOf(asOf);
    }
    return builder.solver(solver(base.solver())).build();
  }

  private ScoringPolicy readPolicyFile() throws BadInputException {
    try {
      return PolicyJson.read(policyFile);
    } catch (InputFormatException e) {
      throw new BadInputException(e.getMessage());
    } catch (IOException e) {
      throw BadInputException.reading(policyFile.toString(), e);
    }
  }

  /**
   * What needs a time on every line, for messages ({@code "--half-life"}, {@code "the policy's
   * halfLife (policy.json)"}), or null if times are optional.
   */
  String timeNeededBy(ScoringPolicy policy) {
    if (policy.decay() != Decay.none()) {
      return halfLife != null ? "--half-life" : "the halfLife of " + policyFile;
    }
    if (policy.asOf().isPresent()) {
      return asOf != null ? "--as-of" : "the asOf of " + policyFile;
    }
    return null;
  }
}
