package dev.wuffie.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code wuffie} command. With a subcommand ({@code score}, {@code explain}) it
 * delegates; without one it scores the bundled Bitcoin OTC dataset as a demo, with negative ratings
 * as distrust.
 */
@Command(
    name = "wuffie",
    mixinStandardHelpOptions = true,
    versionProvider = WuffieCommand.Version.class,
    subcommands = {ScoreCommand.class, ExplainCommand.class, ExploreCommand.class},
    description = {
      "Reputation scores from endorsements: weighted, personalised PageRank.",
      "",
      "Without a command, scores the bundled Bitcoin OTC trust network (SNAP), with negative"
          + " ratings as distrust, and prints the top 20."
    })
final class WuffieCommand implements Callable<Integer> {
  private final boolean progress;
  @Spec private CommandSpec spec;

  /** Creates the command; {@code progress} says whether long jobs print progress to stderr. */
  WuffieCommand(boolean progress) {
    this.progress = progress;
  }

  /** Whether long jobs print progress lines to stderr. */
  boolean progress() {
    return progress;
  }

  @Override
  public Integer call() throws BadInputException {
    int exitCode =
        ScoreRun.bundled().run(spec.commandLine().getOut(), spec.commandLine().getErr(), progress);
    spec.commandLine()
        .getOut()
        .println(
            "\nScore your own edge list with 'wuffie score --input FILE', see where a score comes"
                + " from with 'wuffie explain --id ID'; see 'wuffie --help'.");
    return exitCode;
  }

  /** Reads the version from the {@code wuffie-version.properties} resource, filtered by Maven. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = Version.class.getResourceAsStream("/wuffie-version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {"wuffie " + properties.getProperty("version", "(unknown version)")};
    }
  }
}
