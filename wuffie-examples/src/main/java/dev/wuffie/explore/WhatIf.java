package dev.wuffie.explore;

import dev.wuffie.Reputation;
import dev.wuffie.Standing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The outcome of a what-if: the members scored under another policy, compared with the current
 * scores: how long scoring took, the rank correlations between the two rankings over every member
 * (Spearman's rho and Kendall's tau, see {@link RankCorrelation}), who rises and who falls most,
 * and the new leaderboard's first rows.
 *
 * @param after the reputation under the what-if policy
 * @param millis how long scoring under it took, in milliseconds
 * @param spearman Spearman's rank correlation, or null for fewer than two members
 * @param kendall Kendall's tau, or null for fewer than two members
 * @param rises the members whose rank rose most, at most {@link #MOVES}, biggest change first
 * @param falls the members whose rank fell most, likewise
 * @param top the first {@link #TOP} rows under the what-if policy
 */
record WhatIf(
    Reputation after,
    long millis,
    Double spearman,
    Double kendall,
    List<Views.Move> rises,
    List<Views.Move> falls,
    List<Views.Row> top) {
  /** How many rises (and falls) are listed. */
  static final int MOVES = 50;

  /** How many rows of the what-if leaderboard are listed. */
  static final int TOP = 100;

  /**
   * Compares {@code after} with {@code before}, two reputations of the same members.
   *
   * @param nanos how long scoring {@code after} took
   */
  static WhatIf compare(Reputation before, Reputation after, long nanos) {
    int n = before.size();
    int[] rankBefore = new int[n];
    int[] rankAfter = new int[n];
    List<Views.Move> rises = new ArrayList<>();
    List<Views.Move> falls = new ArrayList<>();
    List<String> ids = before.ids();
    for (int i = 0; i < n; i++) {
      String id = ids.get(i);
      Standing was = before.standing(id);
      Standing is = after.standing(id);
      rankBefore[i] = was.rank();
      rankAfter[i] = is.rank();
      if (is.rank() != was.rank()) {
        Views.Move move = new Views.Move(id, was.rank(), is.rank(), was.score(), is.score());
        (is.rank() < was.rank() ? rises : falls).add(move);
      }
    }
    Comparator<Views.Move> biggestFirst =
        Comparator.comparingInt((Views.Move m) -> -Math.abs(m.rankBefore() - m.rankAfter()))
            .thenComparingInt(Views.Move::rankAfter);
    rises.sort(biggestFirst);
    falls.sort(biggestFirst);
    List<Views.Row> top = new ArrayList<>();
    for (Standing s : after.top(TOP)) {
      top.add(Ranking.row(s));
    }
    return new WhatIf(
        after,
        TimeUnit.NANOSECONDS.toMillis(nanos),
        n < 2 ? null : RankCorrelation.spearman(rankBefore, rankAfter),
        n < 2 ? null : RankCorrelation.kendall(rankBefore, rankAfter),
        List.copyOf(rises.subList(0, Math.min(MOVES, rises.size()))),
        List.copyOf(falls.subList(0, Math.min(MOVES, falls.size()))),
        List.copyOf(top));
  }
}
