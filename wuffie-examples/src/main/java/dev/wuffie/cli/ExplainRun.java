package dev.wuffie.cli;

import dev.wuffie.Explanation;
import dev.wuffie.PersonalTrust;
import dev.wuffie.Reputation;
import dev.wuffie.Standing;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One run of {@code wuffie explain}: scores the input in policy mode ({@link LedgerScoring}) and
 * prints where one contributor's score comes from: a summary of its standing, then a table of the
 * terms of {@link Explanation} (teleport, returned, each endorser with its parts, each distruster,
 * the floor) and the check that they add up to the score.
 *
 * <p>Amounts are shares of all reputation, like scores; a distruster's amount is shown negative, as
 * it is subtracted. The share column is each term's percentage of the score.
 *
 * @param input where the endorsements come from
 * @param scoring how to score
 * @param id the contributor to explain, or null for the top contributor
 * @param terms how many endorser (and distrust) terms to show; the others are summed on one row
 * @param scope the tag whose scope is explained, or null for the whole input
 * @param viewer the member whose view to explain the trust of ({@code --from}, see {@link
 *     TrustView}), or null to explain the global score
 */
record ExplainRun(
    Input input, ScoreSettings scoring, String id, int terms, String scope, String viewer) {
  /** A run that explains the global score over the whole input. */
  ExplainRun(Input input, ScoreSettings scoring, String id, int terms) {
    this(input, scoring, id, terms, null, null);
  }

  /** How many endorser terms are shown unless {@code --terms} says otherwise. */
  static final int DEFAULT_TERMS = 20;

  private static final String[] HEADER = {
    "term", "from", "kind", "contribution", "count", "amount", "share"
  };
  private static final int CONTRIBUTION = 3;

  /** Runs the job, printing to {@code out} and {@code err}; returns the exit code. */
  int run(PrintWriter out, PrintWriter err, boolean showProgress) throws BadInputException {
    LedgerScoring scored;
    try (Progress progress = Progress.start(err, showProgress)) {
      scored = LedgerScoring.run(input, scoring, scope, progress, err);
    }
    Reputation reputation = scored.reputation();
    PersonalTrust trust = viewer == null ? null : TrustView.of(reputation, viewer, input);
    String who =
        id != null
            ? id
            : trust != null ? TrustView.topOf(trust, viewer) : reputation.top(1).get(0).id();
    Optional<Standing> found = reputation.find(who);
    if (found.isEmpty()) {
      throw new BadInputException(
          "unknown contributor '"
              + who
              + "': not in "
              + input.name()
              + ", which has "
              + Report.count(reputation.size())
              + " contributors (ids are case-sensitive)");
    }
    Standing standing = found.get();
    if (trust != null) {
      Report.line(out, "input", input.title());
      TrustView.printExplanation(out, reputation, trust, viewer, standing.id(), terms);
      return ScoreRun.warnIfNotConverged(reputation, scored.policy().solver(), err);
    }
    Explanation explanation = reputation.explain(who);
    int decimals = decimals(standing.score());

    Report.line(out, "input", input.title());
    if (scope != null) {
      Report.line(out, "scope", scored.scopeLine());
    }
    Report.line(out, "contributor", standing.id() + (id == null ? " (the top contributor)" : ""));
    Report.line(
        out,
        "score",
        String.format(
            Locale.ROOT,
            "%." + decimals + "f (%.3f points; the average contributor has 1)",
            standing.score(),
            standing.points()));
    Report.line(
        out,
        "rank",
        Report.count(standing.rank())
            + " of "
            + Report.count(reputation.size())
            + " (percentile "
            + ScoreRun.percentile(standing.percentile())
            + ")");
    if (scored.showsDistrust(scoring)) {
      Report.line(out, "distrust", scored.distrustLine());
    }
    Report.line(out, "kinds", scored.kindsLine());
    Report.line(out, "policy", scored.policyLine());
    Report.line(out, "converged", ScoreRun.converged(reputation, scored.policy().solver()));
    Report.health(out, reputation.health());
    out.println();
    printTable(out, explanation, decimals);
    out.println();
    out.printf(
        Locale.ROOT,
        "terms sum to %." + (decimals + 4) + "f (score %." + (decimals + 4) + "f)%n",
        explanation.total(),
        explanation.score());
    return ScoreRun.warnIfNotConverged(reputation, scored.policy().solver(), err);
  }

  /** Decimals that show about 5 significant digits of {@code score}, at least 6. */
  private static int decimals(double score) {
    return score > 0 ? (int) Math.min(12, Math.max(6, 4 - Math.floor(Math.log10(score)))) : 6;
  }

  private void printTable(PrintWriter out, Explanation e, int decimals) {
    List<String[]> rows = new ArrayList<>();
    double score = e.score();
    rows.add(term("teleport", "", e.teleport(), score, decimals));
    rows.add(term("returned", "", e.returned(), score, decimals));
    addTerms(rows, "endorser", e.endorsers(), 1, score, decimals);
    addTerms(rows, "distrust", e.distrusters(), -1, score, decimals);
    rows.add(term("floor", "", e.floor(), score, decimals));

    boolean contributions =
        e.endorsers().stream()
            .flatMap(t -> t.parts().stream())
            .anyMatch(p -> p.contribution() != null);
    int[] widths = new int[HEADER.length];
    for (int c = 0; c < HEADER.length; c++) {
      widths[c] = HEADER[c].length();
    }
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    print(out, HEADER, widths, contributions);
    for (String[] row : rows) {
      print(out, row, widths, contributions);
    }
  }

  /** Adds the first {@link #terms} terms with their parts, and one row summing the others. */
  private void addTerms(
      List<String[]> rows,
      String label,
      List<Explanation.Term> all,
      int sign,
      double score,
      int decimals) {
    int shown = Math.min(terms, all.size());
    for (Explanation.Term t : all.subList(0, shown)) {
      rows.add(term(label, t.endorser(), sign * t.amount(), score, decimals));
      for (Explanation.Part part : t.parts()) {
        rows.add(
            new String[] {
              "",
              "",
              part.kind(),
              part.contribution() == null ? "" : part.contribution(),
              Report.count(part.endorsements()),
              amount(sign * part.amount(), decimals),
              ""
            });
      }
    }
    if (shown < all.size()) {
      double rest = 0;
      for (Explanation.Term t : all.subList(shown, all.size())) {
        rest += t.amount();
      }
      rows.add(
          term(
              label,
              "(" + Report.count(all.size() - shown) + " more)",
              sign * rest,
              score,
              decimals));
    }
  }

  private static String[] term(String label, String from, double amount, double score, int dec) {
    String share = score > 0 ? String.format(Locale.ROOT, "%.2f%%", 100 * amount / score) : "";
    return new String[] {label, from, "", "", "", amount(amount, dec), share};
  }

  private static String amount(double amount, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", amount);
  }

  /** Prints a row: text columns left-aligned, numbers right-aligned. */
  private static void print(PrintWriter out, String[] row, int[] widths, boolean contributions) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < row.length; c++) {
      if (c == CONTRIBUTION && !contributions) {
        continue;
      }
      if (line.length() > 0) {
        line.append("  ");
      }
      String format = c >= 4 ? "%" + widths[c] + "s" : "%-" + widths[c] + "s";
      line.append(String.format(Locale.ROOT, format, row[c]));
    }
    out.println(line.toString().stripTrailing());
  }
}
