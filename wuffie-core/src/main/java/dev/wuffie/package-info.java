/**
 * wuffie's entry points, in the order data flows: a {@link dev.wuffie.Ledger} records what a
 * community does (contributions and {@link dev.wuffie.Endorsement}s, retractions, account merges);
 * a {@link dev.wuffie.ScoringPolicy} decides what counts (kind weights, saturation of repeated
 * votes, time {@link dev.wuffie.Decay}, seeds, distrust, influence limits); a {@link
 * dev.wuffie.Reputation} holds the result and answers score, rank, percentile, points, leaderboard
 * and {@link dev.wuffie.Explanation} questions by contributor id. A live site keeps a {@link
 * dev.wuffie.LiveReputation}, which refreshes as events arrive and assigns {@link
 * dev.wuffie.Tiers}. Refusals that a site's web layer maps to 4xx extend {@link
 * dev.wuffie.WuffieException}: an unknown contributor, contribution or kind, a duplicate event.
 *
 * <pre>{@code
 * Ledger ledger = Ledger.create();
 * ledger.record(Endorsement.of("alice", "bob", "upvote", Instant.now()));
 * ledger.record(Endorsement.of("carol", "bob", "accepted", Instant.now()));
 * Reputation reputation = Reputation.compute(ledger, ScoringPolicy.builder().build());
 * reputation.top(3).forEach(System.out::println);
 * Explanation why = reputation.explain("bob");
 * }</pre>
 *
 * <p>The layers below are usable on their own: {@link dev.wuffie.graph.EndorsementGraph} and {@link
 * dev.wuffie.rank.RankSolver} score a weighted graph ({@link
 * dev.wuffie.Reputation#compute(dev.wuffie.graph.EndorsementGraph)}). Beside them, {@link
 * dev.wuffie.json} stores ledgers, policies and results as JSON, and {@link dev.wuffie.io} reads
 * edge lists.
 */
package dev.wuffie;
