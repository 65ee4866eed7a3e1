/**
 * The compiled endorsement graph: an immutable weighted digraph over dense int indices.
 *
 * <p>A site that scores a {@link dev.wuffie.Ledger} under a {@link dev.wuffie.ScoringPolicy} never
 * needs this package: the policy compiles the graph. Use it to score a weighted graph of your own:
 * start with {@link dev.wuffie.graph.EndorsementGraph#builder()}. Weights arrive here already
 * decided (by a caller or a scoring policy); the graph only sums duplicate pairs, drops
 * self-endorsements and stores the result compactly. {@link dev.wuffie.graph.EndorsementGraph}'s
 * javadoc defines the contributor and endorsement indices an engine reads it by. {@link
 * dev.wuffie.graph.JGraphTInterop} builds one from any JGraphT graph (JGraphT is an optional
 * dependency: bring {@code jgrapht-core} to use it).
 */
package dev.wuffie.graph;
