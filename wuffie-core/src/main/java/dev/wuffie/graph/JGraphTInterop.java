package dev.wuffie.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.function.Function;
import org.jgrapht.Graph;

/**
 * Builds an {@link EndorsementGraph} from a JGraphT {@link Graph}.
 *
 * <p>Every vertex becomes a contributor (isolated ones included), in the graph's vertex order;
 * every edge becomes an endorsement from its source to its target weighing {@link
 * Graph#getEdgeWeight}. An undirected edge endorses both ways, as JGraphT's {@code PageRank} reads
 * it. Parallel edges are summed and self-loops dropped, as by {@link EndorsementGraph.Builder}.
 *
 * <pre>{@code
 * Graph<Integer, DefaultWeightedEdge> g = ...;
 * EndorsementGraph graph = JGraphTInterop.toEndorsementGraph(g, v -> "user-" + v);
 * }</pre>
 *
 * <p>JGraphT is an optional dependency of wuffie-core, needed by this class alone: a program that
 * calls it must have {@code org.jgrapht:jgrapht-core} on its class path (it does, if it has a
 * JGraphT graph to pass), and a named module must also {@code requires org.jgrapht.core}. Nothing
 * else in wuffie loads JGraphT.
 *
 * <p>Cost: {@code O(n + m)}. Thread safety: the source graph must not change during the call.
 */
@SuppressWarnings("exports") // JGraphT types in the signatures: callers require org.jgrapht.core
public final class JGraphTInterop {
  private JGraphTInterop() {}

  /**
   * Copies {@code graph}, naming each vertex by {@link String#valueOf(Object)}.
   *
   * @throws IllegalArgumentException as {@link #toEndorsementGraph(Graph, Function)}
   */
  public static <V, E> EndorsementGraph toEndorsementGraph(Graph<V, E> graph) {
    return toEndorsementGraph(graph, String::valueOf);
  }

  /**
   * Copies {@code graph}, naming each vertex by {@code idOf}.
   *
   * @throws NullPointerException if an argument is null or {@code idOf} returns null
   * @throws IllegalArgumentException if two vertices get the same id, an id is empty, or an edge
   *     weight is NaN, infinite or negative
   */
  public static <V, E> EndorsementGraph toEndorsementGraph(
      Graph<V, E> graph, Function<? super V, String> idOf) {
    checkNotNull(graph, "graph is null");
    checkNotNull(idOf, "idOf is null");
    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    int vertices = 0;
    for (V vertex : graph.vertexSet()) {
      String id = idOf.apply(vertex);
      checkNotNull(id, "idOf returned null for vertex %s", vertex);
      int index = builder.addContributor(id);
      checkArgument(
          index == vertices,
          "vertices %s and another one both have id '%s'; idOf must give distinct ids",
          vertex,
          id);
      vertices++;
    }
    boolean undirected = !graph.getType().isDirected();
    for (E edge : graph.edgeSet()) {
      String source = idOf.apply(graph.getEdgeSource(edge));
      String target = idOf.apply(graph.getEdgeTarget(edge));
      double weight = graph.getEdgeWeight(edge);
      builder.add(source, target, weight);
      if (undirected && !source.equals(target)) {
        builder.add(target, source, weight);
      }
    }
    return builder.build();
  }
}
