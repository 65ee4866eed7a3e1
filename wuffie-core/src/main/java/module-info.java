/**
 * wuffie: reputation scores for peer-production communities.
 *
 * <p>Start with {@link dev.wuffie.Reputation}: build an {@link dev.wuffie.graph.EndorsementGraph},
 * score it, read scores, ranks and leaderboards.
 */
module dev.wuffie.core {
  requires transitive org.jgrapht.core;
  requires com.google.common;

  exports dev.wuffie;
  exports dev.wuffie.graph;
  exports dev.wuffie.rank;
  exports dev.wuffie.io;
}
