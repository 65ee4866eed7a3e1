/**
 * wuffie: reputation scores for peer-production communities.
 *
 * <p>Start with {@link dev.wuffie.Reputation}: build an {@link dev.wuffie.graph.EndorsementGraph},
 * score it, read scores, ranks and leaderboards. {@link dev.wuffie.json} reads and writes scoring
 * policies, ledgers (JSON Lines) and reputation snapshots as JSON with Jackson.
 */
module dev.wuffie.core {
  requires transitive org.jgrapht.core;
  // transitive: dev.wuffie.json.WuffieModule is a Jackson Module that users register
  requires transitive com.fasterxml.jackson.databind;
  requires com.google.common;

  exports dev.wuffie;
  exports dev.wuffie.graph;
  exports dev.wuffie.rank;
  exports dev.wuffie.io;
  exports dev.wuffie.json;
}
