package dev.wuffie.cli;

import dev.wuffie.jdbc.ScoreSink;
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
 * {@code wuffie score}: scores the endorsements of an input file; see {@link ScoreRun} for what it
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
      "Input lines (--input): endorser,endorsed[,weight[,time[,kind[,tags]]]], separated by"
          + " commas, tabs or spaces; a header, # or %% comments, CRLF line ends and gzip are"
          + " accepted. A missing weight is 1; a time is Unix seconds or ISO-8601; a missing kind"
          + " is 'endorse'; tags (brewing|yeast) put the endorsed work in scopes (--scope).",
      "",
      "Without policy options the input is a weighted graph: repeated pairs are summed,"
          + " self-endorsements dropped, and the scores are plain weighted PageRank. With any of"
          + " --policy, --kinds, --half-life, --as-of or --distrust, each line is an endorsement"
          + " event of its kind, and the events are scored under that policy (the identity"
          + " policy unless --policy says otherwise).",
      "",
      "A database (--jdbc URL --events SQL): the query's columns endorser, endorsed and the"
          + " optional weight, time, kind are the input's fields, matched by name; the rows score"
          + " as a file of the same lines would.",
      "",
      "A ledger (--ledger) is JSON Lines, one entry a line: contributors, contributions,"
          + " endorsement events, retractions and merges, as a site exports them. It is read as"
          + " one batch and scored under --policy, else the default policy (upvote 1, accepted"
          + " 3, thanks 1, downvote -1, ...).",
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
      paramLabel = "PATH",
      order = 1,
      description = "Endorsements to score, an edge list (plain or gzip); or give --ledger.")
  private Path input;

  @Option(
      names = "--ledger",
      paramLabel = "PATH",
      order = 2,
      description =
          "A ledger to score instead: JSON Lines (plain or gzip), one entry a line, as"
              + " LedgerJson writes it.")
  private Path ledger;

  @Option(
      names = "--scope",
      paramLabel = "TAG",
      order = 4,
      description =
          "Score within the scope of TAG (a tag of contributions): topic-sensitive PageRank, where"
              + " the endorsements of TAG's contributions and those between members count, and the"
              + " walk restarts at the members active in TAG. Tags come from a ledger's"
              + " contributions, an edge list's sixth column or a query's tags column.")
  private String scope;

  @Mixin private DatabaseOptions databaseOptions;

  @Mixin private ScoringOptions scoringOptions;

  @Option(
      names = "--top",
      paramLabel = "K",
      order = 30,
      description = "Leaderboard size (default: ${DEFAULT-VALUE}).")
  private int top = ScoreRun.DEFAULT_TOP;

  @Option(
      names = "--output",
      paramLabel = "PATH",
      order = 31,
      description = "Write every contributor's score to PATH as TSV: id, score, rank.")
  private Path output;

  @Option(
      names = "--snapshot",
      paramLabel = "PATH",
      order = 32,
      description =
          "Write the reputation snapshot to PATH as JSON (every contributor's standing, the"
              + " policy, convergence), atomically: a reader sees the old file or the new one.")
  private Path snapshot;

  @Option(
      names = "--write-table",
      paramLabel = "NAME",
      order = 33,
      description =
          "With --jdbc, write every contributor's standing to table NAME of that database (id,"
              + " score, rank, percentile, points, tier, refreshed_at), creating it if needed;"
              + " rows of contributors no longer scored are deleted.")
  private String writeTable;

  @Option(
      names = "--from",
      paramLabel = "ID",
      order = 34,
      description =
          "Show the leaderboard as seen from contributor ID: personalized trust (PageRank"
              + " restarting at ID, over the trust graph, distrust not applied, L1 error <="
              + " 1e-4), ID itself excluded, with each member's global rank.")
  private String viewer;

  @Override
  public Integer call() throws BadInputException {
    if (top < 0) {
      throw new ParameterException(spec.commandLine(), "--top " + top + " must be at least 0");
    }
    JdbcSource database = databaseOptions.source(spec.commandLine());
    Input from = Input.of(spec.commandLine(), input, ledger, database);
    if (from == null) {
      throw new ParameterException(
          spec.commandLine(),
          "give the endorsements to score: --input PATH (an edge list), --ledger PATH (a"
              + " ledger, JSON Lines) or --jdbc URL --events SQL (a database)");
    }
    if (writeTable != null && database == null) {
      throw new ParameterException(
          spec.commandLine(), "--write-table writes to the --jdbc database: give --jdbc URL too");
    }
    if (writeTable != null) {
      try {
        ScoreSink.builder(database, writeTable);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--write-table: " + e.getMessage(), e);
      }
    }
    if (scope != null && viewer != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--scope and --from exclude each other (trust from a member within a scope is not"
              + " built): give one of them");
    }
    ScoreSettings scoring = scoringOptions.scoring(spec.commandLine(), ledger != null);
    ScoreRun job = new ScoreRun(from, scoring, top, output, snapshot, writeTable, scope, viewer);
    return job.run(spec.commandLine().getOut(), spec.commandLine().getErr(), wuffie.progress());
  }
}
