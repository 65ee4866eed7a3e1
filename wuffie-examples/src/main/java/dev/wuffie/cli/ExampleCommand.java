package dev.wuffie.cli;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wuffie example NAME [ARG...]}: runs the {@code main} method of the example class {@code
 * dev.wuffie.examples.NAME} with the ARGs; {@code wuffie example --list} lists the examples. A name
 * matches ignoring case and hyphens ({@code community-site} is {@code CommunitySite}).
 *
 * <p>Examples are looked up by class name when the command runs, and only those whose class is on
 * the class path are listed or run. An unknown name is bad usage (exit code 2), reported with the
 * list of names; an example that throws is reported in one line (the first of the exception's),
 * with exit code 1.
 */
@Command(
    name = "example",
    mixinStandardHelpOptions = true,
    versionProvider = WuffieCommand.Version.class,
    description = {
      "Runs one of the examples of wuffie-examples, or lists them.",
      "",
      "NAME is matched ignoring case and hyphens: QuickStart, quickstart and quick-start are one."
    })
final class ExampleCommand implements Callable<Integer> {
  private static final String PACKAGE = "dev.wuffie.examples.";

  /** Every example the launcher knows, in the order they are listed. */
  private static final List<Example> EXAMPLES =
      List.of(
          new Example(
              "QuickStart",
              "Five members: a ledger, a policy, the leaderboard and one explanation."),
          new Example(
              "CommunitySite",
              "A Q&A site scored from its SQL database (Beer Stack Exchange in embedded H2)."),
          new Example(
              "TrustNetwork",
              "Bitcoin OTC with negative ratings as distrust: who falls against PageRank, and why."),
          new Example(
              "SybilAttack",
              "A ring of fake accounts in Bitcoin OTC: its gain under plain and seeded PageRank."),
          new Example(
              "LiveSite", "Votes from four threads while the reputation refreshes every 50 ms."));

  @Spec private CommandSpec spec;

  @Option(names = "--list", description = "List the examples, one sentence each.")
  private boolean list;

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The example.")
  private String name;

  @Parameters(
      index = "1..*",
      paramLabel = "ARG",
      description = "Arguments for the example, e.g. a JDBC URL for CommunitySite.")
  private List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    List<Example> present = EXAMPLES.stream().filter(e -> find(e.name()).isPresent()).toList();
    if (list) {
      PrintWriter out = spec.commandLine().getOut();
      for (Example example : present) {
        out.printf("%-14s %s%n", example.name(), example.sentence());
      }
      out.println("\nRun one with 'java -jar wuffie.jar example NAME'.");
      return Main.OK;
    }
    if (name == null) {
      throw new ParameterException(
          spec.commandLine(), "give the NAME of an example, or --list to see them");
    }
    Optional<Example> match =
        present.stream().filter(e -> e.name().equalsIgnoreCase(name.replace("-", ""))).findFirst();
    if (match.isEmpty()) {
      throw new BadInputException(
          "unknown example '"
              + name
              + "'; the examples are "
              + present.stream().map(Example::name).collect(Collectors.joining(", "))
              + " (see 'wuffie example --list')");
    }
    String example = match.get().name();
    try {
      find(example)
          .orElseThrow()
          .getMethod("main", String[].class)
          .invoke(null, (Object) args.toArray(new String[0]));
    } catch (InvocationTargetException e) {
      String cause = e.getCause().toString().lines().findFirst().orElse("");
      spec.commandLine().getErr().println("wuffie: example " + example + " failed: " + cause);
      return Main.FAILURE;
    }
    return Main.OK;
  }

  /** The example's class, if it is on the class path. */
  private static Optional<Class<?>> find(String name) {
    try {
      return Optional.of(
          Class.forName(PACKAGE + name, false, ExampleCommand.class.getClassLoader()));
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * An example the launcher knows.
   *
   * @param name its class's simple name in {@code dev.wuffie.examples}
   * @param sentence what it shows, in one sentence
   */
  private record Example(String name, String sentence) {}
}
