package dev.wuffie.examples;

import dev.wuffie.Endorsement;
import dev.wuffie.Explanation;
import dev.wuffie.Ledger;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.Standing;
import dev.wuffie.io.EdgeListReader;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Bitcoin OTC trust network (bundled, SNAP) with its negative ratings as distrust: who rises
 * and who falls against the plain average rating received and against plain PageRank of the
 * positive ratings, and why.
 *
 * <p>wuffie scores every rating with the default policy: the rated kind {@code trust} weighs its
 * value, -10..+10; a positive rating flows as trust, saturated by {@code log2(1 + x)}, and a
 * negative one is distrust, taken after convergence in proportion to the distruster's own score.
 * There are no seeds: nothing outside the ratings says whom to trust, and picking seeds from the
 * ratings would be circular. Plain PageRank ({@link ScoringPolicy#identity()}, what {@code
 * wuffie.jar} prints without arguments) weighs the positive ratings linearly and drops the rest. So
 * a trader falls from PageRank's ranks when trusted traders distrust them, and rises when others
 * fall or when the saturation favours many modest ratings over a few tens.
 *
 * <p>The ratings file, {@code rater,ratee,rating,unix seconds} (gzip), is read with the library's
 * edge-list reader, {@link EdgeListReader#readRecords}: each line is a record with a weight and a
 * time.
 */
public final class TrustNetwork {
  private static final String RATINGS = "/datasets/soc-sign-bitcoinotc.csv.gz";
  private static final int TOP = 100;
  private static final int SHOWN = 6;

  private TrustNetwork() {}

  /** Scores the network three ways and prints the biggest movers and one faller's explanation. */
  public static void main(String[] args) throws IOException {
    Ledger ratings = Ledger.create(); // every rating, as distrust when negative
    Ledger positive = Ledger.create(); // the positive ratings, as plain weights
    Map<String, List<Double>> received = new HashMap<>();
    Map<String, Double> given = new HashMap<>(); // "rater>ratee" -> rating
    try (InputStream in = TrustNetwork.class.getResourceAsStream(RATINGS)) {
      EdgeListReader.create()
          .readRecords(
              in,
              RATINGS,
              r -> {
                String rater = r.endorser();
                String ratee = r.endorsed();
                double rating = r.weight().orElseThrow();
                Instant time = r.time().orElseThrow();
                ratings.record(Endorsement.rating(rater, ratee, "trust", rating, time));
                positive.addContributor(rater);
                positive.addContributor(ratee);
                if (rating > 0) {
                  positive.record(
                      Endorsement.rating(rater, ratee, ScoringPolicy.IDENTITY_KIND, rating, time));
                }
                received.computeIfAbsent(ratee, id -> new ArrayList<>()).add(rating);
                given.put(rater + ">" + ratee, rating);
              });
    }
    Reputation wuffie = Reputation.compute(ratings, ScoringPolicy.builder().build());
    Reputation pagerank = Reputation.compute(positive, ScoringPolicy.identity());
    List<String> byAverage = new ArrayList<>(wuffie.ids()); // best average first, then most rated
    byAverage.sort(
        Comparator.comparingDouble((String id) -> -average(received.get(id)))
            .thenComparingInt(id -> -received.getOrDefault(id, List.of()).size())
            .thenComparing(Comparator.naturalOrder()));

    System.out.printf(
        "Bitcoin OTC: %,d traders, %,d ratings, %,d of them negative%n"
            + "ranked by wuffie (negatives as distrust), by plain PageRank (positives only) and by"
            + " the average rating received%n",
        wuffie.size(), ratings.eventCount(), ratings.eventCount() - positive.eventCount());
    List<String> fallers = movers(pagerank, wuffie);
    List<String> risers = movers(wuffie, pagerank);
    for (List<String> movers : List.of(fallers, risers)) {
      System.out.printf(
          "%n%s%ntrader  wuffie  PageRank  average   avg rating  ratings  negative%n",
          movers == fallers
              ? "fall furthest from PageRank's top " + TOP
              : "rise furthest into wuffie's top " + TOP);
      for (String id : movers) {
        List<Double> r = received.get(id);
        System.out.printf(
            "%-6s %7d %9d %8d %12.2f %8d %9d%n",
            id,
            wuffie.rank(id),
            pagerank.rank(id),
            byAverage.indexOf(id) + 1,
            average(r),
            r.size(),
            r.stream().filter(x -> x < 0).count());
      }
    }

    Explanation why = wuffie.explain(fallers.get(0));
    double trust = why.endorsers().stream().mapToDouble(Explanation.Term::amount).sum();
    System.out.printf(
        "%nwhy %s falls from PageRank's %d to wuffie's %d: score %.6f =%n",
        why.id(), pagerank.rank(why.id()), wuffie.rank(why.id()), why.score());
    System.out.printf("  %+.6f  teleport and returned%n", why.teleport() + why.returned());
    System.out.printf("  %+.6f  trust from %d raters%n", trust, why.endorsers().size());
    List<Explanation.Term> distrusters = why.distrusters();
    for (Explanation.Term t : distrusters.subList(0, Math.min(SHOWN, distrusters.size()))) {
      System.out.printf(
          "  %+.6f  distrust from %-5s rated %+3.0f, wuffie rank %,d%n",
          -t.amount(),
          t.endorser(),
          given.get(t.endorser() + ">" + why.id()),
          wuffie.rank(t.endorser()));
    }
    double rest = distrusters.stream().skip(SHOWN).mapToDouble(Explanation.Term::amount).sum();
    System.out.printf(
        "  %+.6f  distrust from %d others%n", -rest, Math.max(0, distrusters.size() - SHOWN));
    System.out.printf("  %+.6f  floor%n", why.floor());
  }

  /** Of {@code from}'s top {@link #TOP}, the {@link #SHOWN} that {@code to} ranks furthest down. */
  private static List<String> movers(Reputation from, Reputation to) {
    return from.top(TOP).stream()
        .map(Standing::id)
        .sorted(Comparator.comparingInt(id -> from.rank(id) - to.rank(id)))
        .limit(SHOWN)
        .toList();
  }

  /** The average of {@code ratings}, or minus infinity for none. */
  private static double average(List<Double> ratings) {
    return ratings == null
        ? Double.NEGATIVE_INFINITY
        : ratings.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}
