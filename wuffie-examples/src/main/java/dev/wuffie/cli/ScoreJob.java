package dev.wuffie.cli;

import dev.wuffie.Reputation;
import dev.wuffie.Standing;
import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.io.EdgeListReader;
import dev.wuffie.io.SeedListReader;
import dev.wuffie.rank.RankSolver;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code wuffie score}: reads an edge list (a file or the bundled dataset) and an
 * optional seed list, scores the graph, writes the optional TSV, and prints a summary and the
 * leaderboard.
 *
 * <p>{@link #run} returns exit code 0, or 3 if the solver did not converge: the scores are then
 * approximate, but still written and printed, with a warning on stderr. Bad input is thrown as a
 * {@link BadInputException}.
 *
 * @param input where the endorsements come from
 * @param dropNegative drop negative ratings instead of rejecting them
 * @param solver the solver settings
 * @param seeds the seed list, or null for a uniform teleport distribution
 * @param top how many contributors the leaderboard shows
 * @param output where to write every contributor's score, or null
 */
record ScoreJob(
    Input input, boolean dropNegative, RankSolver solver, Path seeds, int top, Path output) {
  /** Leaderboard size unless {@code --top} says otherwise. */
  static final int DEFAULT_TOP = 20;

  private static final int SHOWN_IDS = 5;

  /**
   * Where the endorsements come from: a file or a resource, both read as a stream.
   *
   * @param name the file name, used in error messages
   * @param title what the summary calls the input
   * @param size the size in bytes if known, else 0
   * @param opener opens the stream
   */
  record Input(String name, String title, long size, Opener opener) {
    /** Opens an input stream. */
    interface Opener {
      InputStream open() throws IOException;
    }

    static Input file(Path path) {
      return new Input(
          path.toString(),
          path.toString(),
          path.toFile().length(),
          () -> Files.newInputStream(path));
    }

    /** The dataset that ships in the jar, see {@code datasets/README.md} beside it. */
    static Input bundled() {
      String resource = "datasets/soc-sign-bitcoinotc.csv.gz";
      return new Input(
          resource,
          "Bitcoin OTC trust weighted signed network (SNAP), bundled " + resource,
          0,
          () -> {
            InputStream in = ScoreJob.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
              throw new IllegalStateException(resource + " is missing from the class path");
            }
            return in;
          });
    }
  }

  /** The default job: the bundled dataset, negative ratings dropped, default solver. */
  static ScoreJob bundled() {
    return new ScoreJob(Input.bundled(), true, RankSolver.defaults(), null, DEFAULT_TOP, null);
  }

  /** Runs the job, printing to {@code out} and {@code err}; returns the exit code. */
  int run(PrintWriter out, PrintWriter err, boolean showProgress) throws BadInputException {
    Map<String, Double> listedSeeds = readSeeds();
    long start = System.nanoTime();
    EdgeListReader.Result read;
    Map<String, Double> knownSeeds;
    long scoringStart;
    Reputation reputation;
    try (Progress progress = Progress.start(err, showProgress)) {
      read = readInput(progress);
      knownSeeds = knownSeeds(listedSeeds, read.graph(), err);
      progress.phase(
          String.format(
              Locale.ROOT,
              "scoring %,d contributors and %,d endorsements",
              read.graph().size(),
              read.graph().edgeCount()));
      scoringStart = System.nanoTime();
      reputation = Reputation.compute(read.graph(), solver, knownSeeds);
    }
    long end = System.nanoTime();
    if (output != null) {
      writeTsv(reputation);
    }
    printSummary(
        out,
        read,
        knownSeeds,
        reputation,
        millis(scoringStart - start),
        millis(end - scoringStart));
    printLeaderboard(out, reputation);
    if (!reputation.converged()) {
      err.printf(
          Locale.ROOT,
          "wuffie: warning: not converged after %d iterations (residual %.2e, tolerance %.2e);"
              + " the scores are approximate, raise --max-iterations%n",
          reputation.iterations(),
          reputation.residual(),
          solver.tolerance());
      return Main.NOT_CONVERGED;
    }
    return Main.OK;
  }

  private Map<String, Double> readSeeds() throws BadInputException {
    if (seeds == null) {
      return Map.of();
    }
    try {
      return SeedListReader.read(seeds);
    } catch (IOException e) {
      throw BadInputException.reading(seeds.toString(), e);
    }
  }

  private EdgeListReader.Result readInput(Progress progress) throws BadInputException {
    try (InputStream in = progress.reading(input.opener().open(), input.name(), input.size())) {
      return EdgeListReader.create().dropNegative(dropNegative).read(in, input.name());
    } catch (IOException e) {
      throw BadInputException.reading(input.name(), e);
    }
  }

  /** The listed seeds that are contributors; warns once about the others. */
  private Map<String, Double> knownSeeds(
      Map<String, Double> listed, EndorsementGraph graph, PrintWriter err)
      throws BadInputException {
    Map<String, Double> known = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    listed.forEach(
        (id, weight) -> {
          if (graph.contains(id)) {
            known.put(id, weight);
          } else {
            unknown.add(id);
          }
        });
    if (!listed.isEmpty() && known.values().stream().noneMatch(weight -> weight > 0)) {
      throw new BadInputException(
          seeds
              + ": no seed with a positive weight is a contributor of the graph"
              + (unknown.isEmpty()
                  ? ""
                  : " (" + unknown.size() + " are not: " + firstFew(unknown) + ")"));
    }
    if (!unknown.isEmpty()) {
      err.printf(
          "wuffie: warning: %d of %d seeds are not contributors of the graph and are ignored: %s%n",
          unknown.size(), listed.size(), firstFew(unknown));
    }
    return known;
  }

  private void writeTsv(Reputation reputation) throws BadInputException {
    try (BufferedWriter writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      writer.write("id\tscore\trank\n");
      for (Standing s : reputation.top(reputation.size())) {
        writer.write(s.id() + "\t" + s.score() + "\t" + s.rank() + "\n");
      }
    } catch (IOException e) {
      throw BadInputException.writing(output.toString(), e);
    }
  }

  private void printSummary(
      PrintWriter out,
      EdgeListReader.Result read,
      Map<String, Double> knownSeeds,
      Reputation reputation,
      long readMillis,
      long scoreMillis) {
    EndorsementGraph graph = read.graph();
    line(out, "input", input.title());
    line(out, "contributors", count(graph.size()));
    line(
        out,
        "endorsements",
        count(graph.edgeCount()) + " distinct pairs from " + count(read.records()) + " records");
    line(
        out,
        "dropped",
        (read.droppedNegative() > 0 ? count(read.droppedNegative()) + " negative ratings, " : "")
            + count(graph.droppedSelfEndorsements())
            + " self-endorsements");
    line(out, "duplicates", count(graph.mergedDuplicates()) + " merged (weights summed)");
    if (seeds != null) {
      line(out, "seeds", count(knownSeeds.size()) + " from " + seeds);
    }
    line(out, "damping", String.valueOf(solver.damping()));
    line(
        out,
        "converged",
        String.format(
            Locale.ROOT,
            "%s after %,d iterations (residual %.2e, tolerance %.2e)",
            reputation.converged() ? "yes" : "NO",
            reputation.iterations(),
            reputation.residual(),
            solver.tolerance()));
    line(
        out,
        "time",
        String.format(
            Locale.ROOT,
            "%,d ms (reading %,d ms, scoring %,d ms)",
            readMillis + scoreMillis,
            readMillis,
            scoreMillis));
    if (output != null) {
      line(out, "output", output + " (" + count(reputation.size()) + " rows)");
    }
  }

  /**
   * Prints the top contributors as a table. Scores get enough decimals to show 4 significant digits
   * of the smallest one (at least 6); percentiles are rounded down, so that only a leader shows
   * 100.00.
   */
  private void printLeaderboard(PrintWriter out, Reputation reputation) {
    List<Standing> leaders = reputation.top(top);
    if (leaders.isEmpty()) {
      return;
    }
    int idWidth = "id".length();
    for (Standing s : leaders) {
      idWidth = Math.max(idWidth, s.id().length());
    }
    double smallest = leaders.get(leaders.size() - 1).score();
    int decimals =
        smallest > 0 ? (int) Math.min(12, Math.max(6, 3 - Math.floor(Math.log10(smallest)))) : 6;
    int rankWidth = Math.max("rank".length(), String.valueOf(leaders.size()).length());
    String row = "%" + rankWidth + "s  %-" + idWidth + "s  %" + (decimals + 2) + "s  %10s%n";
    out.println();
    out.printf(
        Locale.ROOT, "top %d of %s contributors%n", leaders.size(), count(reputation.size()));
    out.printf(Locale.ROOT, row, "rank", "id", "score", "percentile");
    for (Standing s : leaders) {
      out.printf(
          Locale.ROOT,
          row,
          s.rank(),
          s.id(),
          String.format(Locale.ROOT, "%." + decimals + "f", s.score()),
          String.format(
              Locale.ROOT, "%.2f", s.percentile() < 100 ? Math.min(s.percentile(), 99.99) : 100));
    }
  }

  private static void line(PrintWriter out, String key, String value) {
    out.printf(Locale.ROOT, "%-14s %s%n", key, value);
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  private static String firstFew(List<String> ids) {
    return ids.size() <= SHOWN_IDS
        ? String.join(", ", ids)
        : String.join(", ", ids.subList(0, SHOWN_IDS)) + ", ...";
  }
}
