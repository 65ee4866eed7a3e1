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

/** {@code wuffie explain}: where one contributor's score comes from; see {@link ExplainRun}. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    versionProvider = WuffieCommand.Version.class,
    sortOptions = false,
    description = {
      "Explains where one contributor's score comes from, term by term.",
      "",
      "Prints the contributor's standing, then the exact terms its score is the sum of:"
          + " teleport, returned (mass sent back through the teleport distribution), one term per"
          + " endorser split into kinds, one discount per distruster, and the floor at zero.",
      "",
      "The input is read and scored as 'wuffie score' does with a policy option (each line an"
          + " event of its kind; the identity policy unless --policy says otherwise), or as it"
          + " scores a --ledger. Without --input or --ledger, explains the bundled Bitcoin OTC"
          + " network scored like 'wuffie' without arguments (negative ratings as distrust).",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:unexpected error",
      "2:bad usage, bad input or unknown --id",
      "3:not converged within --max-iterations (the explanation is still printed)"
    })
final class ExplainCommand implements Callable<Integer> {
  @ParentCommand private WuffieCommand wuffie;
  @Spec private CommandSpec spec;

  @Option(
      names = "--input",
      paramLabel = "PATH",
      order = 1,
      description =
          "Endorsements to score (plain or gzip; default: the bundled Bitcoin OTC network).")
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
      names = "--id",
      paramLabel = "ID",
      order = 3,
      description = "The contributor to explain (default: the top contributor).")
  private String id;

  @Option(
      names = "--scope",
      paramLabel = "TAG",
      order = 4,
      description =
          "Explain the score within the scope of TAG (a tag of contributions): topic-sensitive PageRank, where"
              + " the endorsements of TAG's contributions and those between members count, and the"
              + " walk restarts at the members active in TAG. Tags come from a ledger's"
              + " contributions, an edge list's sixth column or a query's tags column.")
  private String scope;

  @Mixin private DatabaseOptions databaseOptions;

  @Mixin private ScoringOptions scoringOptions;

  @Option(
      names = "--terms",
      paramLabel = "K",
      order = 30,
      description =
          "Show the K largest endorser terms and the K largest distrust terms; the others are"
              + " summed on one row each (default: ${DEFAULT-VALUE}).")
  private int terms = ExplainRun.DEFAULT_TERMS;

  @Option(
      names = "--from",
      paramLabel = "ID",
      order = 31,
      description =
          "Explain the trust that contributor ID places in --id (default: the member ID trusts"
              + " most): personalized trust over the trust graph, distrust not applied, split"
              + " into the restart at ID and one term per endorser.")
  private String viewer;

  @Override
  public Integer call() throws BadInputException {
    if (terms < 0) {
      throw new ParameterException(spec.commandLine(), "--terms " + terms + " must be at least 0");
    }
    JdbcSource database = databaseOptions.source(spec.commandLine());
    Input from = Input.of(spec.commandLine(), input, ledger, database);
    if (scope != null && viewer != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--scope and --from exclude each other (trust from a member within a scope is not"
              + " built): give one of them");
    }
    ScoreSettings scoring = scoringOptions.scoring(spec.commandLine(), ledger != null);
    if (from == null) {
      from = Input.bundled();
      scoring = scoring.distrustUnlessDropped();
    }
    ExplainRun job = new ExplainRun(from, scoring, id, terms, scope, viewer);
    return job.run(spec.commandLine().getOut(), spec.commandLine().getErr(), wuffie.progress());
  }
}
