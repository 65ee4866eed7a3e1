package dev.wuffie.explore;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import dev.wuffie.Explanation;
import dev.wuffie.Reputation;
import dev.wuffie.Standing;
import dev.wuffie.Tiers;
import dev.wuffie.graph.EndorsementGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * One {@link Reputation} read for the page: the whole ledger's, or a scope's. It keeps the members
 * in rank order with their tiers and lower-case ids (so that a leaderboard page is a slice, and a
 * search one pass, never a sort) and the score histogram, computed once; and, on the first member
 * page that needs them, each endorser's out-going endorsements (for what a member passes on).
 *
 * <p>Cost: building it is {@code O(n)} over the reputation's n members (the ranking is the
 * reputation's); the out-going endorsements {@code O(n + m)} once; a leaderboard page is {@code
 * O(limit)}, a search {@code O(n)}, a member {@code O(in-degree log in-degree + out-degree log
 * out-degree)}. Memory: about 40 bytes per member (the standings and lower-case ids), and 12 bytes
 * per endorsement once a member page was asked for.
 *
 * <p>Immutable once built; safe to share between threads.
 */
final class Ranking {
  /** The tiers the leaderboard shows: percentiles 90 and 99, as in the README's live site. */
  static final Tiers TIERS =
      Tiers.builder().percentile("trusted", 90).percentile("elder", 99).build();

  /** How many endorser terms a member's explanation lists; the rest are summed. */
  static final int TERMS = 50;

  /** How many members a member's "passes on" list names. */
  static final int PASSES_ON = 50;

  /** How many bins the histogram has over the positive scores. */
  static final int BINS = 30;

  private final Reputation reputation;
  private final Standing[] byRank;
  private final String[] tierByRank;
  private final String[] lowerIdByRank;
  private final Views.Histogram histogram;
  private final Supplier<Passing> passing;

  /** The out-going endorsements of the reputation's graph, and the explanations' scale. */
  private record Passing(OutEdges outEdges, double termScale) {}

  Ranking(Reputation reputation) {
    this.reputation = reputation;
    this.byRank = reputation.top(reputation.size()).toArray(new Standing[0]);
    this.tierByRank = new String[byRank.length];
    this.lowerIdByRank = new String[byRank.length];
    for (int r = 0; r < byRank.length; r++) {
      tierByRank[r] = tierOf(byRank[r]);
      lowerIdByRank[r] = byRank[r].id().toLowerCase(Locale.ROOT);
    }
    this.histogram = histogram(byRank);
    this.passing =
        Suppliers.memoize(
            () -> {
              OutEdges out = OutEdges.of(reputation.graph());
              return new Passing(out, out.scale(reputation));
            });
  }

  /** The reputation read. */
  Reputation reputation() {
    return reputation;
  }

  /** The score histogram, computed once. */
  Views.Histogram histogram() {
    return histogram;
  }

  /**
   * A page of the leaderboard: {@code limit} rows from rank {@code offset + 1}; with a query, only
   * the members whose id contains {@code query} (ignoring case), best rank first, and {@code total}
   * counts them all.
   *
   * @param query the text to search ids for, or null or empty for every member
   */
  Views.Page page(int offset, int limit, String query) {
    if (query == null || query.isEmpty()) {
      List<Views.Row> rows = new ArrayList<>();
      for (int r = offset; r < Math.min(byRank.length, offset + limit); r++) {
        rows.add(row(r));
      }
      return new Views.Page(byRank.length, offset, rows);
    }
    String text = query.toLowerCase(Locale.ROOT);
    List<Views.Row> rows = new ArrayList<>();
    int total = 0;
    for (int r = 0; r < byRank.length; r++) {
      if (lowerIdByRank[r].contains(text)) {
        if (total >= offset && rows.size() < limit) {
          rows.add(row(r));
        }
        total++;
      }
    }
    return new Views.Page(total, offset, rows);
  }

  /**
   * One member: standing, explanation and what it passes on, in this reputation, with {@code
   * flags}; empty if {@code id} is not a contributor. An alias merged into a person reads the
   * person.
   *
   * @param scope the scope this ranking is of, or null for the whole ledger
   * @param flags the member's part in the gaming watch, given its person's id
   */
  Optional<Views.Member> member(String id, String scope, Function<String, List<Views.Flag>> flags) {
    Optional<Standing> found = reputation.find(id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Standing s = found.get();
    Explanation e = reputation.explain(s.id());
    return Optional.of(
        new Views.Member(
            s.rank(),
            s.id(),
            s.score(),
            s.points(),
            s.percentile(),
            tierByRank[s.rank() - 1],
            scope,
            explanation(e),
            passesOn(s.id()),
            flags.apply(s.id())));
  }

  /** A leaderboard row of a standing in any reputation, with its tier. */
  static Views.Row row(Standing s) {
    return new Views.Row(s.rank(), s.id(), s.score(), s.points(), s.percentile(), tierOf(s));
  }

  private Views.Row row(int r) {
    Standing s = byRank[r];
    return new Views.Row(s.rank(), s.id(), s.score(), s.points(), s.percentile(), tierByRank[r]);
  }

  /** The highest of {@link #TIERS} whose percentile {@code s} reaches, or null. */
  static String tierOf(Standing s) {
    String tier = null;
    for (Tiers.Tier t : TIERS.tiers()) {
      if (s.percentile() >= t.threshold()) {
        tier = t.name();
      }
    }
    return tier;
  }

  /** The explanation with its first {@link #TERMS} endorsers, the others summed. */
  private static Views.Explanation explanation(Explanation e) {
    List<Views.Term> endorsers = new ArrayList<>();
    double others = 0;
    for (Explanation.Term t : e.endorsers()) {
      if (endorsers.size() < TERMS) {
        endorsers.add(term(t));
      } else {
        others += t.amount();
      }
    }
    List<Views.Term> distrusters = new ArrayList<>();
    for (Explanation.Term t : e.distrusters()) {
      distrusters.add(term(t));
    }
    return new Views.Explanation(
        e.teleport(), e.returned(), e.floor(), endorsers, distrusters, others);
  }

  private static Views.Term term(Explanation.Term t) {
    List<Views.Part> parts = new ArrayList<>();
    for (Explanation.Part p : t.parts()) {
      parts.add(new Views.Part(p.kind(), p.contribution(), p.endorsements(), p.amount()));
    }
    return new Views.Term(t.endorser(), t.amount(), parts);
  }

  /**
   * What {@code id}'s score gives each member it endorses, largest first: {@code d s_u w_uv / W_u}
   * over the scored graph, times the normalisation the explanations' terms carry (see {@link
   * OutEdges}).
   */
  private List<Views.Passed> passesOn(String id) {
    EndorsementGraph graph = reputation.graph();
    Passing p = passing.get();
    int u = graph.indexOf(id).orElseThrow();
    double damping = reputation.result().damping();
    double s = reputation.result().score(u);
    List<Views.Passed> passed = new ArrayList<>();
    for (int k = p.outEdges().start(u); k < p.outEdges().end(u); k++) {
      int e = p.outEdges().edge(k);
      double amount = damping * s * graph.weight(e) / graph.outWeight(u) * p.termScale();
      passed.add(new Views.Passed(graph.id(p.outEdges().target(k)), amount));
    }
    passed.sort(
        (a, b) -> {
          int byAmount = Double.compare(b.amount(), a.amount());
          return byAmount != 0 ? byAmount : a.id().compareTo(b.id());
        });
    return passed.size() > PASSES_ON ? List.copyOf(passed.subList(0, PASSES_ON)) : passed;
  }

  /** About {@link #BINS} log10-spaced bins over the positive scores, and the count of zeros. */
  private static Views.Histogram histogram(Standing[] byRank) {
    int zeros = 0;
    int positive = 0;
    for (Standing s : byRank) {
      if (s.score() > 0) {
        positive++;
      } else {
        zeros++;
      }
    }
    if (positive == 0) {
      return new Views.Histogram(List.of(), zeros);
    }
    double max = byRank[0].score();
    double min = byRank[positive - 1].score();
    if (min == max) {
      return new Views.Histogram(List.of(new Views.Bin(min, max, positive)), zeros);
    }
    double lo = Math.log10(min);
    double width = (Math.log10(max) - lo) / BINS;
    int[] counts = new int[BINS];
    for (int r = 0; r < positive; r++) {
      int bin = (int) ((Math.log10(byRank[r].score()) - lo) / width);
      counts[Math.max(0, Math.min(BINS - 1, bin))]++;
    }
    List<Views.Bin> bins = new ArrayList<>(BINS);
    for (int b = 0; b < BINS; b++) {
      double from = b == 0 ? min : Math.pow(10, lo + b * width);
      double to = b == BINS - 1 ? max : Math.pow(10, lo + (b + 1) * width);
      bins.add(new Views.Bin(from, to, counts[b]));
    }
    return new Views.Histogram(bins, zeros);
  }
}
