package dev.wuffie.cli;

import dev.wuffie.PersonalTrust;
import dev.wuffie.Reputation;
import dev.wuffie.Standing;
import dev.wuffie.graph.EndorsementGraph;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code --from ID} view of {@code wuffie score} and {@code wuffie explain}: trust as seen from
 * one member ({@link Reputation#trustFrom(String)}, personalized PageRank over the trust graph, to
 * the default L1 accuracy), instead of the global scores. Distrust does not enter it.
 */
final class TrustView {
  private TrustView() {}

  /**
   * The trust of {@code viewer}, a contributor of {@code reputation}.
   *
   * @throws BadInputException if {@code viewer} is not a contributor
   */
  static PersonalTrust of(Reputation reputation, String viewer, Input input)
      throws BadInputException {
    if (!reputation.contains(viewer)) {
      throw new BadInputException(
          "unknown contributor '"
              + viewer
              + "' for --from: not in "
              + input.name()
              + ", which has "
              + Report.count(reputation.size())
              + " contributors (ids are case-sensitive)");
    }
    return reputation.trustFrom(viewer);
  }

  /** The summary line of a view: viewer, reach and error bound. */
  static void printSummary(PrintWriter out, PersonalTrust trust, String viewer) {
    Report.line(
        out,
        "from",
        String.format(
            Locale.ROOT,
            "%s: personalized trust over the trust graph (distrust not applied), %s reached,"
                + " L1 error <= %.1e",
            viewer,
            Report.count(trust.reached(), "contributor"),
            trust.errorBound()));
  }

  /** The {@code top} contributors the viewer trusts most (the viewer excluded), as a table. */
  static void printLeaderboard(
      PrintWriter out, Reputation reputation, PersonalTrust trust, String viewer, int top) {
    List<PersonalTrust.Trusted> leaders = trust.top(top);
    out.println();
    if (leaders.isEmpty()) {
      out.printf(
          Locale.ROOT,
          "%s endorses no one: its view holds only itself%n",
          trust.viewers().keySet());
      return;
    }
    int idWidth = "id".length();
    for (PersonalTrust.Trusted t : leaders) {
      idWidth = Math.max(idWidth, t.id().length());
    }
    double smallest = leaders.get(leaders.size() - 1).score();
    int decimals =
        smallest > 0 ? (int) Math.min(12, Math.max(6, 3 - Math.floor(Math.log10(smallest)))) : 6;
    int rankWidth = Math.max("rank".length(), String.valueOf(leaders.size()).length());
    String row = "%" + rankWidth + "s  %-" + idWidth + "s  %" + (decimals + 2) + "s  %11s%n";
    out.printf(
        Locale.ROOT,
        "top %d of %s contributors as seen from %s (%s excluded)%n",
        leaders.size(),
        Report.count(reputation.size()),
        viewer,
        viewer);
    out.printf(Locale.ROOT, row, "rank", "id", "trust", "global rank");
    int rank = 1;
    for (PersonalTrust.Trusted t : leaders) {
      out.printf(
          Locale.ROOT,
          row,
          rank++,
          t.id(),
          String.format(Locale.ROOT, "%." + decimals + "f", t.score()),
          Report.count(reputation.rank(t.id())));
    }
  }

  /**
   * Where the viewer's trust in {@code id} comes from: the restart at the viewer (its own share),
   * and one term {@code d * trust(u) * w_uv / W_u} per endorser {@code u} of {@code id}, the
   * largest {@code terms} shown; the rest of a viewer's own trust is what walks bring back to it.
   * The terms add up to the trust within the view's error bound.
   */
  static void printExplanation(
      PrintWriter out,
      Reputation reputation,
      PersonalTrust trust,
      String viewer,
      String id,
      int terms) {
    EndorsementGraph graph = reputation.graph();
    double d = reputation.result().damping();
    int v = graph.indexOf(id).getAsInt();
    double score = trust.score(id);
    List<String[]> rows = new ArrayList<>();
    List<Term> endorsers = new ArrayList<>();
    double fromEndorsers = 0;
    for (int e = graph.inStart(v); e < graph.inEnd(v); e++) {
      int u = graph.source(e);
      double amount = d * trust.score(graph.id(u)) * graph.weight(e) / graph.outWeight(u);
      if (amount > 0) {
        endorsers.add(new Term(graph.id(u), amount));
        fromEndorsers += amount;
      }
    }
    endorsers.sort(Comparator.comparingDouble(Term::amount).reversed());
    double own = Optional.ofNullable(trust.viewers().get(id)).orElse(0.0);
    int decimals =
        score > 0 ? (int) Math.min(12, Math.max(6, 4 - Math.floor(Math.log10(score)))) : 6;
    double total = fromEndorsers;
    if (own > 0) {
      double returned = Math.max(0, score - (1 - d) * own - fromEndorsers);
      rows.add(row("restart", "", (1 - d) * own, score, decimals));
      rows.add(row("returned", "", returned, score, decimals));
      total += (1 - d) * own + returned;
    }
    for (Term t : endorsers.subList(0, Math.min(terms, endorsers.size()))) {
      rows.add(row("endorser", t.from(), t.amount(), score, decimals));
    }
    if (endorsers.size() > terms) {
      double rest = 0;
      for (Term t : endorsers.subList(terms, endorsers.size())) {
        rest += t.amount();
      }
      String more = "(" + Report.count(endorsers.size() - terms) + " more)";
      rows.add(row("endorser", more, rest, score, decimals));
    }
    Report.line(out, "contributor", id);
    Report.line(
        out,
        "trust",
        String.format(
            Locale.ROOT,
            "%." + decimals + "f as seen from %s (global rank %s)",
            score,
            viewer,
            Report.count(reputation.rank(id))));
    printSummary(out, trust, viewer);
    out.println();
    String[] header = {"term", "from", "amount", "share"};
    int[] widths = new int[header.length];
    for (int c = 0; c < header.length; c++) {
      widths[c] = header[c].length();
      for (String[] r : rows) {
        widths[c] = Math.max(widths[c], r[c].length());
      }
    }
    print(out, header, widths);
    rows.forEach(r -> print(out, r, widths));
    out.println();
    out.printf(
        Locale.ROOT,
        "terms sum to %." + decimals + "f (trust %." + decimals + "f, L1 error <= %.1e)%n",
        total,
        score,
        trust.errorBound());
  }

  /** The top of the view, the viewer excluded, or the viewer itself if it endorses no one. */
  static String topOf(PersonalTrust trust, String viewer) {
    List<PersonalTrust.Trusted> top = trust.top(1);
    return top.isEmpty() ? viewer : top.get(0).id();
  }

  /** The standing's id: the person, for an account merged into one. */
  static String person(Reputation reputation, String id) {
    return reputation.find(id).map(Standing::id).orElse(id);
  }

  private record Term(String from, double amount) {}

  private static String[] row(String label, String from, double amount, double score, int dec) {
    String share = score > 0 ? String.format(Locale.ROOT, "%.2f%%", 100 * amount / score) : "";
    return new String[] {label, from, String.format(Locale.ROOT, "%." + dec + "f", amount), share};
  }

  private static void print(PrintWriter out, String[] row, int[] widths) {
    String line =
        String.format(
            Locale.ROOT,
            "%-" + widths[0] + "s  %-" + widths[1] + "s  %" + widths[2] + "s  %" + widths[3] + "s",
            (Object[]) row);
    out.println(line.stripTrailing());
  }
}
