package dev.wuffie.cli;

import dev.wuffie.explore.ExploreServer;
import dev.wuffie.explore.Explorer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wuffie explore}: scores the input as {@code score} does in policy mode ({@link
 * LedgerScoring}), prints the same summary and the page's URL, and serves the explorer ({@link
 * ExploreServer}) until the process is stopped.
 */
@Command(
    name = "explore",
    mixinStandardHelpOptions = true,
    versionProvider = WuffieCommand.Version.class,
    sortOptions = false,
    description = {
      "Serves a local web page to explore the scores: the leaderboard, where each member's score"
          + " comes from, the gaming watch, and what-if scoring under another policy; within a"
          + " scope when contributions have tags, and as one member would trust others.",
      "",
      "The input is read and scored as 'wuffie score' does with a policy option (each line an"
          + " event of its kind; the identity policy unless --policy says otherwise), or as it"
          + " scores a --ledger. Without --input, --ledger or --jdbc, it serves the bundled"
          + " Bitcoin OTC network (negative ratings as distrust).",
      "",
      "It prints the summary, then the page's URL, and serves until stopped (Ctrl-C). The page"
          + " and its API use no network but this server's.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"1:unexpected error", "2:bad usage, bad input or the port is in use"})
final class ExploreCommand implements Callable<Integer> {
  /** The port unless {@code --port} says otherwise. */
  static final int DEFAULT_PORT = 8080;

  /** The address bound unless {@code --bind} says otherwise. */
  static final String DEFAULT_BIND = "127.0.0.1";

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

  @Mixin private DatabaseOptions databaseOptions;

  @Mixin private ScoringOptions scoringOptions;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      order = 30,
      description = "The port to serve on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  private int port = DEFAULT_PORT;

  @Option(
      names = "--bind",
      paramLabel = "HOST",
      order = 31,
      description =
          "The address to serve on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 opens"
              + " the page to the network).")
  private String bind = DEFAULT_BIND;

  @Override
  public Integer call() throws BadInputException {
    if (port < 0 || port > 65_535) {
      throw new ParameterException(
          spec.commandLine(), "--port " + port + " must be from 0 to 65535 (0: any free port)");
    }
    InetSocketAddress address = new InetSocketAddress(bind, port);
    if (address.isUnresolved()) {
      throw new ParameterException(
          spec.commandLine(),
          "--bind " + bind + ": no such host; give an address such as 127.0.0.1 or 0.0.0.0");
    }
    JdbcSource database = databaseOptions.source(spec.commandLine());
    Input from = Input.of(spec.commandLine(), input, ledger, database);
    ScoreSettings scoring = scoringOptions.scoring(spec.commandLine(), ledger != null);
    if (from == null) {
      from = Input.bundled();
      scoring = scoring.distrustUnlessDropped();
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LedgerScoring scored;
    try (Progress progress = Progress.start(err, wuffie.progress())) {
      scored = LedgerScoring.run(from, scoring, progress, err);
    }
    StringWriter summary = new StringWriter();
    new ScoreRun(from, scoring, 0, null, null, null)
        .printSummary(new PrintWriter(summary, true), scored);
    out.print(summary);
    ScoreRun.warnIfNotConverged(scored.reputation(), scored.policy().solver(), err);
    Explorer explorer =
        Explorer.of(
            scored.events().ledger(),
            scored.reputation(),
            from.title(),
            summary.toString().lines().toList());
    ExploreServer server;
    try {
      server = ExploreServer.start(explorer, address, err);
      explorer.prepareInBackground();
    } catch (BindException e) {
      throw new BadInputException(
          "cannot serve on "
              + bind
              + " port "
              + port
              + " ("
              + e.getMessage()
              + "): if the port is in use, stop what uses it or give another with --port (--port 0"
              + " picks a free one)");
    } catch (IOException e) {
      throw new BadInputException("cannot serve on " + bind + " port " + port + ": " + e);
    }
    Thread stop = new Thread(server::close, "wuffie-explore-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    out.println("wuffie explore: " + server.uri());
    out.flush();
    try {
      new CountDownLatch(1).await(); // serves until the process is stopped
    } catch (InterruptedException e) {
      // The thread that runs the command was interrupted: stop serving, as on Ctrl-C.
      Thread.currentThread().interrupt();
    } finally {
      server.close();
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException e) {
        // The JVM is shutting down: the hook runs, and closing twice is harmless.
      }
    }
    return Main.OK;
  }
}
