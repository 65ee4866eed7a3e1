/**
 * The rank engine: weighted, personalised PageRank by power iteration over an {@link
 * dev.wuffie.graph.EndorsementGraph}.
 *
 * <p>Start with {@link dev.wuffie.rank.RankSolver#builder()}. The solver sees int indices and
 * weights only; {@link dev.wuffie.Reputation} maps its {@link dev.wuffie.rank.RankResult} back to
 * contributor ids.
 */
package dev.wuffie.rank;
