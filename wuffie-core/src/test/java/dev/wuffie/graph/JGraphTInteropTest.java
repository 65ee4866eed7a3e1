package dev.wuffie.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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

  /**
   * JGraphT is an optional dependency: no class of wuffie-core but this one may name a JGraphT
   * type, so that a program without jgrapht-core never loads one. Class files name every type they
   * use in their constant pool, as {@code org/jgrapht/...}.
   */
  @Test
  void coreClassFiles_onlyInteropReferencesJGraphT() throws Exception {
    Path classes =
        Path.of(JGraphTInterop.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    byte[] jgrapht = "org/jgrapht/".getBytes(StandardCharsets.US_ASCII);
    List<String> referencing = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classes)) {
      files = walk.filter(f -> f.toString().endsWith(".class")).sorted().toList();
    }
    for (Path file : files) {
      if (contains(Files.readAllBytes(file), jgrapht)) {
        referencing.add(classes.relativize(file).toString().replace('\\', '/'));
      }
    }

    assertThat(files).hasSizeGreaterThan(50);
    assertThat(referencing).containsExactly("dev/wuffie/graph/JGraphTInterop.class");
  }

  @Test
  void moduleDescriptor_requiresJGraphTStatic() throws Exception {
    Path classes =
        Path.of(JGraphTInterop.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }

    assertThat(module.requires())
        .filteredOn(r -> r.name().equals("org.jgrapht.core"))
        .singleElement()
        .satisfies(r -> assertThat(r.modifiers()).containsExactly(Requires.Modifier.STATIC));
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
