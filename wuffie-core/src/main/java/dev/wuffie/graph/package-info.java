/**
 * The compiled endorsement graph: an immutable weighted digraph over dense int indices.
 *
 * <p>Start with {@link dev.wuffie.graph.EndorsementGraph#builder()}. Weights arrive here already
 * decided (by a caller or a scoring policy); the graph only sums duplicate pairs, drops
 * self-endorsements and stores the result compactly. {@link dev.wuffie.graph.JGraphTInterop} builds
 * one from any JGraphT graph.
 */
package dev.wuffie.graph;
