package dev.wuffie.cli;

import dev.wuffie.LedgerEntry;
import dev.wuffie.LedgerSnapshot;
import dev.wuffie.PersonalTrust;
import dev.wuffie.Reputation;
import dev.wuffie.Standing;
import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.io.EdgeListReader;
import dev.wuffie.jdbc.ScoreSink;
import dev.wuffie.json.ReputationJson;
import dev.wuffie.json.ReputationSnapshot;
import dev.wuffie.rank.RankSolver;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run of {@code wuffie score}: reads the endorsements (an edge list, a ledger file or the
 * bundled dataset), scores them, writes the optional TSV and snapshot, and prints a summary and the
 * leaderboard.
 *
 * <p>An edge list without policy options (see {@link ScoreSettings#policyMode()}) is read straight
 * into an {@link EndorsementGraph} and scored as plain weighted PageRank; with them, and a ledger
 * file always, the input is read into a ledger and scored under the policy ({@link LedgerScoring}).
 *
 * <p>{@link #run} returns exit code 0, or 3 if the solver did not converge: the scores are then
 * approximate, but still written and printed, with a warning on stderr. Bad input is thrown as a
 * {@link BadInputException}.
 *
 * @param input where the endorsements come from
 * @param scoring how to score
 * @param top how many contributors the leaderboard shows
 * @param output where to write every contributor's score, or null
 * @param snapshot where to write the reputation snapshot (JSON, atomically), or null
 * @param table the table of the input's database to write the standings to, or null
 * @param scope the tag whose scope is scored (in policy mode), or null for the whole input
 * @param viewer the member whose view the leaderboard shows ({@code --from}, see {@link
 *     TrustView}), or null for the global leaderboard
 */
record ScoreRun(
    Input input,
    ScoreSettings scoring,
    int top,
    Path output,
    Path snapshot,
    String table,
    String scope,
    String viewer) {
  /** A run that scores the whole input, globally. */
  ScoreRun(Input input, ScoreSettings scoring, int top, Path output, Path snapshot, String table) {
    this(input, scoring, top, output, snapshot, table, null, null);
  }

  /** Leaderboard size unless {@code --top} says otherwise. */
  static final int DEFAULT_TOP = 20;

  /** The default job: the bundled dataset, negative ratings as distrust, default solver. */
  static ScoreRun bundled() {
    return new ScoreRun(Input.bundled(), ScoreSettings.bundled(), DEFAULT_TOP, null, null, null);
  }

  /** Runs the job, printing to {@code out} and {@code err}; returns the exit code. */
  int run(PrintWriter out, PrintWriter err, boolean showProgress) throws BadInputException {
    Reputation reputation;
    RankSolver solver;
    if (input.ledger() || scoring.policyMode() || scope != null) {
      LedgerScoring scored;
      try (Progress progress = Progress.start(err, showProgress)) {
        scored = LedgerScoring.run(input, scoring, scope, progress, err);
      }
      reputation = scored.reputation();
      solver = scored.policy().solver();
      writeTsv(reputation);
      writeSnapshot(reputation);
      writeTable(reputation);
      printSummary(out, scored);
    } else {
      solver = scoring.solver(RankSolver.defaults());
      Map<String, Double> listedSeeds = Seeds.read(scoring.seeds());
      long start = System.nanoTime();
      EdgeListReader.Result read;
      Map<String, Double> knownSeeds;
      long scoringStart;
      try (Progress progress = Progress.start(err, showProgress)) {
        read = readGraph(progress);
        knownSeeds =
            Seeds.known(listedSeeds, read.graph()::contains, String.valueOf(scoring.seeds()), err);
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
      writeTsv(reputation);
      writeSnapshot(reputation);
      writeTable(reputation);
      printSummary(
          out,
          read,
          knownSeeds,
          reputation,
          solver,
          Report.millis(scoringStart - start),
          Report.millis(end - scoringStart));
    }
    if (viewer != null) {
      PersonalTrust trust = TrustView.of(reputation, viewer, input);
      TrustView.printSummary(out, trust, viewer);
      TrustView.printLeaderboard(out, reputation, trust, viewer, top);
    } else {
      printLeaderboard(out, reputation);
    }
    return warnIfNotConverged(reputation, solver, err);
  }

  /** Warns if the solver did not converge; returns the exit code. */
  static int warnIfNotConverged(Reputation reputation, RankSolver solver, PrintWriter err) {
    if (reputation.converged()) {
      return Main.OK;
    }
    err.printf(
        Locale.ROOT,
        "wuffie: warning: not converged after %d iterations (residual %.2e, tolerance %.2e);"
            + " the scores are approximate, raise --max-iterations%n",
        reputation.iterations(),
        reputation.residual(),
        solver.tolerance());
    return Main.NOT_CONVERGED;
  }

  private EdgeListReader.Result readGraph(Progress progress) throws BadInputException {
    if (input.database() != null) {
      return input.database().readGraph(scoring.dropNegative());
    }
    try (InputStream in = progress.reading(input.opener().open(), input.name(), input.size())) {
      return EdgeListReader.create().dropNegative(scoring.dropNegative()).read(in, input.name());
    } catch (IOException e) {
      throw BadInputException.reading(input.name(), e);
    }
  }

  private void writeTsv(Reputation reputation) throws BadInputException {
    if (output == null) {
      return;
    }
    try (BufferedWriter writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      writer.write("id\tscore\trank\n");
      for (Standing s : reputation.top(reputation.size())) {
        writer.write(s.id() + "\t" + s.score() + "\t" + s.rank() + "\n");
      }
    } catch (IOException e) {
      throw BadInputException.writing(output.toString(), e);
    }
  }

  /**
   * Writes the standings to {@link #table} through the score sink, creating the table if needed.
   */
  private void writeTable(Reputation reputation) throws BadInputException {
    if (table == null) {
      return;
    }
    try {
      ScoreSink sink = ScoreSink.builder(input.database(), table).build();
      sink.createTable();
      sink.write(reputation);
    } catch (SQLException e) {
      throw new BadInputException("cannot write table " + table + ": " + JdbcSource.oneLine(e));
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--write-table " + table + ": " + e.getMessage());
    }
  }

  private void writeSnapshot(Reputation reputation) throws BadInputException {
    if (snapshot == null) {
      return;
    }
    try {
      ReputationJson.write(ReputationSnapshot.of(reputation, Instant.now()), snapshot);
    } catch (IOException e) {
      throw BadInputException.writing(snapshot.toString(), e);
    }
  }

  /** The summary of the fast path: a weighted graph read straight from the edge list. */
  private void printSummary(
      PrintWriter out,
      EdgeListReader.Result read,
      Map<String, Double> knownSeeds,
      Reputation reputation,
      RankSolver solver,
      long readMillis,
      long scoreMillis) {
    EndorsementGraph graph = read.graph();
    Report.line(out, "input", input.title());
    Report.line(out, "contributors", Report.count(graph.size()));
    Report.line(
        out,
        "endorsements",
        Report.count(graph.edgeCount())
            + " distinct pairs from "
            + Report.count(read.records())
            + " records");
    Report.line(
        out,
        "dropped",
        (read.droppedNegative() > 0
                ? Report.count(read.droppedNegative(), "negative rating") + ", "
                : "")
            + Report.count(graph.droppedSelfEndorsements(), "self-endorsement"));
    Report.line(
        out, "duplicates", Report.count(graph.mergedDuplicates()) + " merged (weights summed)");
    if (scoring.seeds() != null) {
      Report.line(out, "seeds", Report.count(knownSeeds.size()) + " from " + scoring.seeds());
    }
    printSolver(out, reputation, solver, readMillis, scoreMillis);
  }

  /** The summary of policy mode: a ledger scored under a policy. */
  void printSummary(PrintWriter out, LedgerScoring scored) {
    EventReader.Events events = scored.events();
    Reputation reputation = scored.reputation();
    Report.line(out, "input", input.title());
    if (scope != null) {
      Report.line(out, "scope", scored.scopeLine());
    }
    if (scored.fromLedger()) {
      Report.line(out, "ledger", ledgerLine(events.ledger().snapshot()));
    }
    Report.line(out, "contributors", Report.count(reputation.size()));
    String records = scored.fromLedger() ? " positive events (" : " positive records (";
    Report.line(
        out,
        "endorsements",
        Report.count(reputation.graph().edgeCount())
            + " trusting pairs from "
            + Report.count(events.trust())
            + records
            + Report.count(events.records())
            + " in all)");
    if (scored.showsDistrust(scoring)) {
      Report.line(out, "distrust", scored.distrustLine());
    }
    Report.line(
        out,
        "dropped",
        (events.droppedNegative() > 0
                ? Report.count(events.droppedNegative(), "negative rating") + ", "
                : "")
            + Report.count(events.selfEndorsements(), "self-endorsement"));
    Report.line(out, "kinds", scored.kindsLine());
    Report.line(out, "policy", scored.policyLine());
    if (!scored.seeds().isEmpty()) {
      Report.line(
          out, "seeds", Report.count(scored.seeds().size()) + " from " + scored.seedSource());
    }
    printSolver(
        out, reputation, scored.policy().solver(), scored.readMillis(), scored.scoreMillis());
  }

  /** What a ledger file held: its accounts, contributions, events and merges. */
  private static String ledgerLine(LedgerSnapshot s) {
    long merged = s.entries().filter(entry -> entry instanceof LedgerEntry.Merge).count();
    int retracted = s.eventCount() - s.liveEventCount();
    return Report.count(s.contributorCount(), "account")
        + " ("
        + Report.count(merged)
        + " merged into others), "
        + Report.count(s.contributionCount(), "contribution")
        + ", "
        + Report.count(s.eventCount(), "event")
        + " ("
        + Report.count(retracted)
        + " retracted)";
  }

  private void printSolver(
      PrintWriter out,
      Reputation reputation,
      RankSolver solver,
      long readMillis,
      long scoreMillis) {
    Report.line(out, "damping", String.valueOf(solver.damping()));
    Report.line(out, "converged", converged(reputation, solver));
    Report.health(out, reputation.health());
    Report.line(
        out,
        "time",
        String.format(
            Locale.ROOT,
            "%,d ms (reading %,d ms, scoring %,d ms)",
            readMillis + scoreMillis,
            readMillis,
            scoreMillis));
    if (output != null) {
      Report.line(out, "output", output + " (" + Report.count(reputation.size()) + " rows)");
    }
    if (table != null) {
      Report.line(out, "table", table + " (" + Report.count(reputation.size()) + " rows)");
    }
    if (snapshot != null) {
      Report.line(
          out,
          "snapshot",
          snapshot
              + " ("
              + Report.count(reputation.size(), "contributor")
              + ", written atomically)");
    }
  }

  /** The "converged" line: yes or NO, iterations, residual and tolerance. */
  static String converged(Reputation reputation, RankSolver solver) {
    return String.format(
        Locale.ROOT,
        "%s after %,d iterations (residual %.2e, tolerance %.2e)",
        reputation.converged() ? "yes" : "NO",
        reputation.iterations(),
        reputation.residual(),
        solver.tolerance());
  }

  /**
   * Prints the top contributors as a table. Scores get enough decimals to show 4 significant digits
   * of the smallest one (at least 6); see {@link #percentile(double)} for percentiles.
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
        Locale.ROOT,
        "top %d of %s contributors%n",
        leaders.size(),
        Report.count(reputation.size()));
    out.printf(Locale.ROOT, row, "rank", "id", "score", "percentile");
    for (Standing s : leaders) {
      out.printf(
          Locale.ROOT,
          row,
          s.rank(),
          s.id(),
          String.format(Locale.ROOT, "%." + decimals + "f", s.score()),
          percentile(s.percentile()));
    }
  }

  /**
   * A percentile with 2 decimals, at most 99.99 unless it is 100, so only a leader shows 100.00.
   */
  static String percentile(double percentile) {
    return String.format(Locale.ROOT, "%.2f", percentile < 100 ? Math.min(percentile, 99.99) : 100);
  }
}
