package dev.wuffie.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code wuffie} command line: {@code java -jar wuffie.jar [score ...]}, see {@link
 * WuffieCommand} and {@link ScoreCommand}.
 *
 * <p>Exit codes: {@value #OK} success; {@value #FAILURE} unexpected error; {@value #BAD_INPUT} bad
 * usage or bad input; {@value #NOT_CONVERGED} the solver did not converge (the results are still
 * printed and written). Every error is one line on stderr, prefixed {@code wuffie: }, never a stack
 * trace.
 */
public final class Main {
  static final int OK = 0;
  static final int FAILURE = 1;
  static final int BAD_INPUT = 2;
  static final int NOT_CONVERGED = 3;

  private Main() {}

  /** Runs the command line and exits the JVM with its exit code. */
  public static void main(String... args) {
    System.exit(run(System.out, System.err, args));
  }

  /**
   * Runs the command line with {@code args}, printing to {@code out} and {@code err}, and returns
   * the exit code. Progress lines are shown only when the JVM has a console.
   */
  static int run(PrintStream out, PrintStream err, String... args) {
    PrintWriter outWriter = new PrintWriter(out, true);
    PrintWriter errWriter = new PrintWriter(err, true);
    CommandLine cli =
        new CommandLine(new WuffieCommand(System.console() != null))
            .addSubcommand(new ExampleCommand())
            .setOut(outWriter)
            .setErr(errWriter)
            .setExpandAtFiles(false)
            .setParameterExceptionHandler(Main::usageError)
            .setExecutionExceptionHandler(Main::failure);
    try {
      return cli.execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    String suggestion =
        e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()
            ? " (did you mean '" + String.join("' or '", unmatched.getSuggestions()) + "'?)"
            : "";
    cli.getErr()
        .println(
            "wuffie: "
                + e.getMessage()
                + suggestion
                + "; see '"
                + cli.getCommandSpec().qualifiedName()
                + " --help'");
    return BAD_INPUT;
  }

  private static int failure(Exception e, CommandLine cli, ParseResult parsed) {
    if (e instanceof BadInputException) {
      cli.getErr().println("wuffie: " + e.getMessage());
      return BAD_INPUT;
    }
    cli.getErr().println("wuffie: unexpected error: " + e);
    return FAILURE;
  }
}
