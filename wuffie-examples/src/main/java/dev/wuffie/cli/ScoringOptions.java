package dev.wuffie.cli;

import dev.wuffie.rank.RankSolver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that say how to score, shared by {@code score} and {@code explain} (a picocli mixin).
 * {@link #scoring(CommandLine)} checks them and returns a {@link ScoreSettings}.
 */
final class ScoringOptions {
  @Option(
      names = "--policy",
      paramLabel = "PATH",
      order = 10,
      description =
          "Scoring policy, a JSON file: kinds, saturation, halfLife, asOf, teleport, distrust"
              + " strength, solver (every field optional; see the README).")
  private Path policy;

  @Option(
      names = "--kinds",
      paramLabel = "NAME=W,...",
      order = 11,
      description =
          "Kinds of the input's fifth field: a line of kind NAME weighs W x its weight field."
              + " Lines without a kind are of kind 'endorse' (W = 1). With --ledger, an event of"
              + " kind NAME weighs W.")
  private List<String> kinds = List.of();

  @Option(
      names = "--half-life",
      paramLabel = "DURATION",
      order = 12,
      converter = Times.DurationConverter.class,
      description =
          "Endorsements lose half their weight every DURATION: ISO-8601 (P180D, PT12H) or a"
              + " number and a unit s, m, h, d, w (180d, 12h). Every line needs a time.")
  private Duration halfLife;

  @Option(
      names = "--as-of",
      paramLabel = "TIME",
      order = 13,
      converter = Times.TimeConverter.class,
      description =
          "Score as of TIME: Unix seconds, an ISO-8601 instant or a date (default: the latest"
              + " time in the input); later endorsements are ignored. Every line needs a time.")
  private Instant asOf;

  @Option(
      names = "--distrust",
      order = 14,
      description =
          "Apply negative weights as distrust instead of rejecting them: after convergence,"
              + " each distruster takes a share of its own score from those it distrusts.")
  private boolean distrust;

  @Option(
      names = "--drop-negative",
      order = 15,
      description = "Drop negative weights instead of rejecting them (the contributors stay).")
  private boolean dropNegative;

  @Option(
      names = "--seeds",
      paramLabel = "PATH",
      order = 20,
      description =
          "Trusted contributors to teleport to: one id and an optional weight a line"
              + " (default: the policy's teleport, else everyone alike).")
  private Path seeds;

  @Option(
      names = "--damping",
      paramLabel = "D",
      order = 21,
      description =
          "Probability of following an endorsement rather than jumping, in [0, 1)"
              + " (default: "
              + RankSolver.DEFAULT_DAMPING
              + ", or the policy's).")
  private Double damping;

  @Option(
      names = "--tolerance",
      paramLabel = "T",
      order = 22,
      description =
          "Stop when an iteration changes the scores by less, in L1 norm (default: "
              + RankSolver.DEFAULT_TOLERANCE
              + ", or the policy's).")
  private Double tolerance;

  @Option(
      names = "--max-iterations",
      paramLabel = "N",
      order = 23,
      description =
          "Give up after N iterations, with exit code 3 (default: "
              + RankSolver.DEFAULT_MAX_ITERATIONS
              + ", or the policy's).")
  private Integer maxIterations;

  /**
   * Checks the options and returns them as a {@link ScoreSettings}; {@code ledger} says whether the
   * input is a ledger file, for which negative weights come from the policy's kinds.
   *
   * @throws ParameterException for a malformed {@code --kinds}, conflicting options or a solver
   *     setting out of range
   */
  ScoreSettings scoring(CommandLine cli, boolean ledger) {
    if (ledger && (distrust || dropNegative)) {
      throw new ParameterException(
          cli,
          (distrust ? "--distrust" : "--drop-negative")
              + " is for --input: in a ledger, the events of the policy's negative kinds"
              + " (downvote, flag) are distrust");
    }
    if (distrust && dropNegative) {
      throw new ParameterException(
          cli,
          "--distrust and --drop-negative exclude each other: negative weights are either applied"
              + " as distrust or dropped");
    }
    ScoreSettings scoring =
        new ScoreSettings(
            policy,
            kinds(cli),
            halfLife,
            asOf,
            distrust,
            dropNegative,
            damping,
            tolerance,
            maxIterations,
            seeds);
    try {
      scoring.solver(RankSolver.defaults());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cli, e.getMessage(), e);
    }
    return scoring;
  }

  private Map<String, Double> kinds(CommandLine cli) {
    Map<String, Double> parsed = new LinkedHashMap<>();
    for (String option : kinds) {
      for (String pair : option.split(",", -1)) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? "" : pair.substring(0, equals).trim();
        String weight = equals < 0 ? "" : pair.substring(equals + 1).trim();
        if (name.isEmpty() || weight.isEmpty()) {
          throw new ParameterException(
              cli,
              "--kinds '"
                  + option
                  + "': expected NAME=WEIGHT pairs separated by commas, such as --kinds"
                  + " upvote=1,accepted=3,downvote=-1");
        }
        double w;
        try {
          w = Double.parseDouble(weight);
        } catch (NumberFormatException e) {
          throw new ParameterException(
              cli, "--kinds " + name + "=" + weight + ": the weight is not a number", e);
        }
        if (!Double.isFinite(w)) {
          throw new ParameterException(
              cli, "--kinds " + name + "=" + weight + ": the weight must be a finite number");
        }
        if (parsed.put(name, w) != null) {
          throw new ParameterException(
              cli, "--kinds: kind '" + name + "' is given twice; give each kind once");
        }
      }
    }
    return parsed;
  }
}
