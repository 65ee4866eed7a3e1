/**
 * wuffie: reputation scores for peer-production communities.
 *
 * <p>Three entry points, in the order data flows: a {@link dev.wuffie.Ledger} records what a
 * community does, a {@link dev.wuffie.ScoringPolicy} decides what counts, and a {@link
 * dev.wuffie.Reputation} is the result to read (score, rank, percentile, leaderboard, explanation
 * by contributor id). A live site keeps a {@link dev.wuffie.LiveReputation}, which refreshes the
 * result as events arrive. The {@link dev.wuffie} package javadoc shows them at work.
 *
 * <p>Below them, and usable on their own: {@link dev.wuffie.graph} holds the compiled endorsement
 * graph, {@link dev.wuffie.rank} the solver that scores it. Beside them: {@link dev.wuffie.json}
 * reads and writes ledgers, policies and reputation snapshots as JSON (Jackson), and {@link
 * dev.wuffie.io} reads edge lists and seed lists.
 *
 * <p>JGraphT is optional: only {@link dev.wuffie.graph.JGraphTInterop} uses it, and a program that
 * calls it must have {@code org.jgrapht:jgrapht-core} on its class or module path.
 */
module dev.wuffie.core {
  // static: only dev.wuffie.graph.JGraphTInterop uses JGraphT, and its callers bring jgrapht-core
  // and require org.jgrapht.core themselves. Not transitive: javac resolves a transitive static
  // module when it compiles every module that requires this one, so each would need JGraphT.
  requires static org.jgrapht.core;
  // transitive: dev.wuffie.json.WuffieModule is a Jackson Module that users register
  requires transitive com.fasterxml.jackson.databind;
  requires com.google.common;

  exports dev.wuffie;
  exports dev.wuffie.graph;
  exports dev.wuffie.rank;
  exports dev.wuffie.io;
  exports dev.wuffie.json;
}
