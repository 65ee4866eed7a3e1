package dev.wuffie.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wuffie score}: scores the endorsements of an input file; see {@link ScoreJob} for what it
 * prints and writes. Option values are checked by the core (the solver and policy builders), whose
 * messages are reported as usage errors.
 */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    versionProvider = WuffieCommand.Version.class,
    sortOptions = false,
    description = {
      "Scores every contributor of an input file and prints a summary and the leaderboard.",
      "",
      "Input lines: endorser,endorsed[,weight[,time[,kind]]], separated by commas, tabs or spaces;"
          + " a header, # or %% comments, CRLF line ends and gzip are accepted. A missing weight"
          + " is 1.",
      "",
      "Without policy options the input is a weighted graph: repeated pairs are summed,"
          + " self-endorsements dropped, a time (Unix seconds) is ignored and a kind refused; the"
          + " scores are plain weighted PageRank. With any of --policy, --kinds, --half-life,"
          + " --as-of or --distrust, each line is an endorsement event: a time is Unix seconds or"
          + " ISO-8601, a missing kind is 'endorse', and the events are scored under that policy"
          + " (the identity policy unless --policy says otherwise).",
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
      order = 1,
      description = "Endorsements to score (plain or gzip).")
  private Path input;

  @Mixin private ScoringOptions scoringOptions;

  @Option(
      names = "--top",
      paramLabel = "K",
      order = 30,
      description = "Leaderboard size (default: ${DEFAULT-VALUE}).")
  private int top = ScoreJob.DEFAULT_TOP;

  @Option(
      names = "--output",
      paramLabel = "PATH",
      order = 31,
      description = "Write every contributor's score to PATH as TSV: id, score, rank.")
  private Path output;

  @Override
  public Integer call() throws BadInputException {
    if (top < 0) {
      throw new ParameterException(spec.commandLine(), "--top " + top + " must be at least 0");
    }
    Scoring scoring = scoringOptions.scoring(spec.commandLine());
    ScoreJob job = new ScoreJob(Input.file(input), scoring, top, output);
    return job.run(spec.commandLine().getOut(), spec.commandLine().getErr(), wuffie.progress());
  }
}
