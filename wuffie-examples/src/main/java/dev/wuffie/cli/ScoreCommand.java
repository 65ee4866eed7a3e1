package dev.wuffie.cli;

import dev.wuffie.rank.RankSolver;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wuffie score}: scores the endorsements of an edge list file; see {@link ScoreJob} for what
 * it prints and writes. Option values are checked by the core ({@link RankSolver.Builder}), whose
 * messages are reported as usage errors.
 */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    versionProvider = WuffieCommand.Version.class,
    sortOptions = false,
    description = {
      "Scores every contributor of an edge list and prints a summary and the leaderboard.",
      "",
      "Input lines: endorser,endorsed[,weight[,timestamp]], separated by commas, tabs or spaces;"
          + " a header, # or %% comments, CRLF line ends and gzip are accepted. Repeated pairs are"
          + " summed and self-endorsements dropped.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:unexpected error",
      "2:bad usage or bad input",
      "3:not converged within --max-iterations (results still written)"
    })
final class ScoreCommand implements Callable<Integer> {
  @ParentCommand private WuffieCommand wuffie;
  @Spec private CommandSpec spec;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "PATH",
      description = "Edge list to score (plain or gzip).")
  private Path input;

  @Option(
      names = "--damping",
      paramLabel = "D",
      description =
          "Probability of following an endorsement rather than jumping, in [0, 1)"
              + " (default: ${DEFAULT-VALUE}).")
  private double damping = RankSolver.DEFAULT_DAMPING;

  @Option(
      names = "--tolerance",
      paramLabel = "T",
      description =
          "Stop when an iteration changes the scores by less, in L1 norm"
              + " (default: ${DEFAULT-VALUE}).")
  private double tolerance = RankSolver.DEFAULT_TOLERANCE;

  @Option(
      names = "--max-iterations",
      paramLabel = "N",
      description = "Give up after N iterations, with exit code 3 (default: ${DEFAULT-VALUE}).")
  private int maxIterations = RankSolver.DEFAULT_MAX_ITERATIONS;

  @Option(
      names = "--seeds",
      paramLabel = "PATH",
      description =
          "Trusted contributors to teleport to: one id and an optional weight a line"
              + " (default: everyone, uniformly).")
  private Path seeds;

  @Option(
      names = "--top",
      paramLabel = "K",
      description = "Leaderboard size (default: ${DEFAULT-VALUE}).")
  private int top = ScoreJob.DEFAULT_TOP;

  @Option(
      names = "--output",
      paramLabel = "PATH",
      description = "Write every contributor's score to PATH as TSV: id, score, rank.")
  private Path output;

  @Option(
      names = "--drop-negative",
      description = "Drop negative weights (ratings) instead of rejecting the input.")
  private boolean dropNegative;

  @Override
  public Integer call() throws BadInputException {
    if (top < 0) {
      throw new ParameterException(spec.commandLine(), "--top " + top + " must be at least 0");
    }
    RankSolver solver;
    try {
      solver =
          RankSolver.builder()
              .damping(damping)
              .tolerance(tolerance)
              .maxIterations(maxIterations)
              .build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    ScoreJob job =
        new ScoreJob(ScoreJob.Input.file(input), dropNegative, solver, seeds, top, output);
    return job.run(spec.commandLine().getOut(), spec.commandLine().getErr(), wuffie.progress());
  }
}
