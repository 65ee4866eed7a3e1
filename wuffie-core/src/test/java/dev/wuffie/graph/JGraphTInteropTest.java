package dev.wuffie.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.DirectedWeightedMultigraph;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.junit.jupiter.api.Test;

final class JGraphTInteropTest {

  @Test
  void toEndorsementGraph_directedMultigraph_sumsParallelEdgesKeepsIsolatedVertices() {
    Graph<String, DefaultWeightedEdge> g =
        new DirectedWeightedMultigraph<>(DefaultWeightedEdge.class);
    g.addVertex("a");
    g.addVertex("b");
    g.addVertex("isolated");
    g.setEdgeWeight(g.addEdge("a", "b"), 2.0);
    g.setEdgeWeight(g.addEdge("a", "b"), 3.0);
    g.setEdgeWeight(g.addEdge("b", "a"), 1.0);

    EndorsementGraph graph = JGraphTInterop.toEndorsementGraph(g);

    assertThat(graph.ids()).containsExactly("a", "b", "isolated");
    assertThat(graph.weight(0, 1)).isEqualTo(5.0);
    assertThat(graph.weight(1, 0)).isEqualTo(1.0);
    assertThat(graph.edgeCount()).isEqualTo(2);
  }

  @Test
  void toEndorsementGraph_undirectedEdge_endorsesBothWays() {
    Graph<Integer, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
    g.addVertex(1);
    g.addVertex(2);
    g.setEdgeWeight(g.addEdge(1, 2), 4.0);

    EndorsementGraph graph = JGraphTInterop.toEndorsementGraph(g, v -> "user-" + v);

    assertThat(graph.weight(0, 1)).isEqualTo(4.0);
    assertThat(graph.weight(1, 0)).isEqualTo(4.0);
    assertThat(graph.id(0)).isEqualTo("user-1");
  }

  @Test
  void toEndorsementGraph_collidingIds_throwsWithMessage() {
    Graph<Integer, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
    g.addVertex(1);
    g.addVertex(2);

    assertThatThrownBy(() -> JGraphTInterop.toEndorsementGraph(g, v -> "same"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("both have id 'same'; idOf must give distinct ids");
  }
}
