/**
 * wuffie's entry points: a {@link dev.wuffie.Ledger} records what a community does (contributions
 * and {@link dev.wuffie.Endorsement}s, retractions, account merges) and hands out consistent
 * snapshots of it; {@link dev.wuffie.Reputation} scores an endorsement graph and answers score,
 * rank, percentile and leaderboard questions by contributor id.
 *
 * <p>A quick start:
 *
 * <pre>{@code
 * EndorsementGraph graph = EndorsementGraph.builder()
 *     .add("alice", "bob", 1.0)
 *     .add("carol", "bob", 3.0)
 *     .add("bob", "alice", 1.0)
 *     .build();
 * Reputation reputation = Reputation.compute(graph);
 * reputation.top(3).forEach(System.out::println);
 * }</pre>
 */
package dev.wuffie;
