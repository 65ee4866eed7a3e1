package dev.wuffie.explore;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The JSON answers of the explorer's API, as records that Jackson writes field by field, in the
 * shapes the page reads (the README's "Explore" section lists the endpoints). Scores are doubles at
 * full precision; a null field is written as JSON {@code null}.
 */
final class Views {
  private Views() {}

  /**
   * The input and how it was scored: {@code GET /api/summary}, within a scope when {@code scope} is
   * not null (then the endorsements, health and convergence are the scope's).
   */
  record Summary(
      String title,
      String scope,
      List<String> summary,
      int members,
      int endorsements,
      JsonNode policy,
      Health health,
      boolean converged,
      int iterations,
      double errorBound,
      String asOf,
      List<TierView> tiers) {}

  /** A tier: its name and the percentile that promotes a member into it. */
  record TierView(String name, double percentile) {}

  /** One leaderboard row. */
  record Row(int rank, String id, double score, double points, double percentile, String tier) {}

  /** A page of the leaderboard: {@code GET /api/leaderboard}. */
  record Page(int total, int offset, List<Row> rows) {}

  /** One bin of the score histogram: scores in {@code [lo, hi)} (the last bin includes hi). */
  record Bin(double lo, double hi, int count) {}

  /** The score histogram: {@code GET /api/histogram}. */
  record Histogram(List<Bin> bins, int zeros) {}

  /** One member: {@code GET /api/member/ID}, within a scope when {@code scope} is not null. */
  record Member(
      int rank,
      String id,
      double score,
      double points,
      double percentile,
      String tier,
      String scope,
      Explanation explanation,
      List<Passed> passesOn,
      List<Flag> watch) {}

  /**
   * Where a member's score comes from: {@code teleport + returned + floor + sum(endorsers) + others
   * - sum(distrusters) = score}.
   */
  record Explanation(
      double teleport,
      double returned,
      double floor,
      List<Term> endorsers,
      List<Term> distrusters,
      double others) {}

  /** One endorser's (or distruster's) term, split into kinds and contributions. */
  record Term(String id, double amount, List<Part> parts) {}

  /** The part of a term from one kind, directly or through one contribution. */
  record Part(String kind, String contribution, int endorsements, double amount) {}

  /** What a member's score gives another member. */
  record Passed(String id, double amount) {}

  /** A member's part in a pattern of the gaming watch. */
  record Flag(
      String pattern,
      String id,
      int rank,
      double score,
      double share,
      List<String> members,
      String text) {}

  /** The gaming watch: {@code GET /api/watch}. */
  record Watch(List<Flag> oneEndorser, List<Flag> returned, List<Flag> newAccounts) {
    /** A watch with no flags. */
    static Watch empty() {
      return new Watch(List.of(), List.of(), List.of());
    }
  }

  /** One point of a member's score history. */
  record Point(String asOf, double score, int rank) {}

  /** A member's score history: {@code GET /api/member/ID/history}; reason is null with points. */
  record History(List<Point> points, String reason) {}

  /** How evenly a policy spreads reputation, and a hint when it flattens or concentrates. */
  record Health(
      double evenShare,
      double teleportShare,
      double returnedShare,
      double danglingShare,
      double decayShare,
      double reciprocalShare,
      double capShare,
      double top1PercentShare,
      double gini,
      String hint) {}

  /** The health of the current and the what-if policy; either is null when not available. */
  record Healths(Health current, Health whatIf) {}

  /** A member whose rank changed under the what-if policy. */
  record Move(String id, int rankBefore, int rankAfter, double scoreBefore, double scoreAfter) {}

  /** The answer of {@code POST /api/whatif}; kendall is null when not computed. */
  record WhatIf(
      JsonNode policy,
      long millis,
      Healths health,
      Double spearman,
      Double kendall,
      List<Move> rises,
      List<Move> falls,
      List<Row> top) {}

  /**
   * A scope of the ledger: a tag of contributions, how many members authored a contribution with it
   * and how many contributions have it.
   */
  record Scope(String tag, int members, int contributions) {}

  /**
   * The scopes of the ledger, by tag: {@code GET /api/scopes}; empty when no contribution has one.
   */
  record Scopes(List<Scope> scopes) {}

  /** One member as a viewer trusts it, with its rank in the global scores. */
  record TrustedRow(int rank, String id, double score, int globalRank) {}

  /**
   * A page of the members a viewer would trust, best first, the viewer excluded: {@code GET
   * /api/trusted}. {@code own} is the viewer's trust in itself, {@code total} how many others the
   * push reached; the scores are lower bounds that fall short of the exact ones by {@code
   * errorBound} or less in all (L1).
   */
  record TrustedPage(
      String from,
      double own,
      int total,
      int offset,
      List<TrustedRow> rows,
      int reached,
      double errorBound,
      double accuracy,
      double damping) {}

  /** An error answer: one sentence saying what, where and how to fix it. */
  record Failure(String error) {}
}
