package dev.wuffie.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class EndorsementGraphTest {

  @Test
  void build_duplicatesAndSelfEndorsements_summedAndDropped() {
    EndorsementGraph graph =
        EndorsementGraph.builder()
            .add("alice", "bob", 1)
            .add("carol", "bob", 4)
            .add("alice", "bob", 2)
            .add("bob", "bob", 5)
            .add("bob", "alice", 0.5)
            .build();

    assertThat(graph.size()).isEqualTo(3);
    assertThat(graph.edgeCount()).isEqualTo(3);
    assertThat(graph.mergedDuplicates()).isEqualTo(1);
    assertThat(graph.droppedSelfEndorsements()).isEqualTo(1);
    int alice = graph.indexOf("alice").getAsInt();
    int bob = graph.indexOf("bob").getAsInt();
    int carol = graph.indexOf("carol").getAsInt();
    assertThat(graph.weight(alice, bob)).isEqualTo(3.0);
    assertThat(graph.weight(carol, bob)).isEqualTo(4.0);
    assertThat(graph.weight(bob, bob)).isZero();
    assertThat(graph.weight(carol, alice)).isZero();
    assertThat(graph.outWeight(alice)).isEqualTo(3.0);
    assertThat(graph.outWeight(bob)).isEqualTo(0.5);
    assertThat(graph.outWeight(carol)).isEqualTo(4.0);
  }

  @Test
  void build_inEdges_sortedBySourceAndIndexedLikeIds() {
    EndorsementGraph graph =
        EndorsementGraph.builder().add("d", "a", 1).add("b", "a", 2).add("c", "a", 3).build();

    assertThat(graph.ids()).containsExactly("d", "a", "b", "c");
    assertThat(graph.id(2)).isEqualTo("b");
    int a = graph.indexOf("a").getAsInt();
    assertThat(graph.inEnd(a) - graph.inStart(a)).isEqualTo(3);
    int[] sources = new int[3];
    for (int e = graph.inStart(a); e < graph.inEnd(a); e++) {
      sources[e - graph.inStart(a)] = graph.source(e);
    }
    assertThat(sources).containsExactly(0, 2, 3);
    assertThat(graph.indexOf("zed")).isEmpty();
    assertThat(graph.contains("d")).isTrue();
  }

  @Test
  void build_isolatedContributor_keptWithoutEdges() {
    EndorsementGraph.Builder builder = EndorsementGraph.builder().add("a", "b", 1);
    assertThat(builder.addContributor("loner")).isEqualTo(2);
    assertThat(builder.addContributor("a")).isZero();

    EndorsementGraph graph = builder.build();

    assertThat(graph.size()).isEqualTo(3);
    assertThat(graph.outWeight(2)).isZero();
    assertThat(graph.inStart(2)).isEqualTo(graph.inEnd(2));
  }

  @Test
  void build_calledTwice_builderStaysUsable() {
    EndorsementGraph.Builder builder = EndorsementGraph.builder().add("a", "b", 1);
    EndorsementGraph first = builder.build();

    EndorsementGraph second = builder.add("b", "a", 1).build();

    assertThat(first.edgeCount()).isEqualTo(1);
    assertThat(second.edgeCount()).isEqualTo(2);
  }

  @Test
  void addByIndex_sameGraphAsAddById() {
    EndorsementGraph.Builder byIndex = EndorsementGraph.builder();
    int alice = byIndex.addContributor("alice");
    int bob = byIndex.addContributor("bob");
    int carol = byIndex.addContributor("carol");
    byIndex.add(alice, bob, 1).add(carol, bob, 4).add(alice, bob, 2).add(bob, bob, 5);
    byIndex.add(bob, alice, 0.5);

    EndorsementGraph graph = byIndex.build();
    EndorsementGraph expected =
        EndorsementGraph.builder()
            .add("alice", "bob", 1)
            .add("carol", "bob", 4)
            .add("alice", "bob", 2)
            .add("bob", "bob", 5)
            .add("bob", "alice", 0.5)
            .build();

    assertThat(describe(graph)).isEqualTo(describe(expected));
    assertThat(graph.mergedDuplicates()).isEqualTo(1);
    assertThat(graph.droppedSelfEndorsements()).isEqualTo(1);
  }

  @Test
  void addByIndex_indexOfAContributorAddedById_works() {
    EndorsementGraph.Builder builder = EndorsementGraph.builder().add("a", "b", 1);

    EndorsementGraph graph = builder.add(1, 0, 2.5).build();

    assertThat(graph.weight(graph.indexOf("b").getAsInt(), graph.indexOf("a").getAsInt()))
        .isEqualTo(2.5);
  }

  static Stream<Arguments> badEndorsementsByIndex() {
    return Stream.of(
        Arguments.of(
            (Consumer<EndorsementGraph.Builder>) b -> b.add(2, 0, 1),
            "endorser index (2) must be less than size (2)"),
        Arguments.of(
            (Consumer<EndorsementGraph.Builder>) b -> b.add(0, -1, 1),
            "endorsed index (-1) must not be negative"),
        Arguments.of(
            (Consumer<EndorsementGraph.Builder>) b -> b.add(0, 1, Double.NaN),
            "weight NaN of endorsement 'a' -> 'c' is not a finite number"),
        Arguments.of(
            (Consumer<EndorsementGraph.Builder>) b -> b.add(1, 0, -2),
            "weight -2.0 of endorsement 'c' -> 'a' is negative; weights must be >= 0"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badEndorsementsByIndex")
  void addByIndex_badEndorsement_throwsWithMessageAndChangesNothing(
      Consumer<EndorsementGraph.Builder> call, String message) {
    EndorsementGraph.Builder builder = EndorsementGraph.builder().add("a", "c", 1);

    assertThatThrownBy(() -> call.accept(builder)).hasMessageContaining(message);

    EndorsementGraph graph = builder.build();
    assertThat(graph.ids()).containsExactly("a", "c");
    assertThat(graph.edgeCount()).isEqualTo(1);
  }

  @Test
  void build_randomGraphs_sameAsSummingEveryPairInTheOrderAdded() {
    Random random = new Random(17);
    for (int round = 0; round < 200; round++) {
      int n = 1 + random.nextInt(random.nextBoolean() ? 10 : 300);
      int m = random.nextInt(4 * n + 100);
      EndorsementGraph.Builder builder = EndorsementGraph.builder();
      // reference: the weights of each (endorsed, endorser) pair, summed left to right
      Map<Long, Double> sums = new TreeMap<>();
      long selfEndorsements = 0;
      for (int k = 0; k < m; k++) {
        // a few popular targets receive more than the 32 edges an insertion sort handles
        int u = random.nextInt(n);
        int v = random.nextInt(3) == 0 ? random.nextInt(Math.min(n, 3)) : random.nextInt(n);
        double w = random.nextInt(4) == 0 ? 0.1 * random.nextInt(30) : random.nextDouble();
        builder.add("id" + u, "id" + v, w);
        if (u == v) {
          selfEndorsements++;
        } else {
          sums.merge((long) v << 32 | u, w, Double::sum);
        }
      }
      EndorsementGraph graph = builder.build();

      List<String> expected = new ArrayList<>();
      Map<Long, Double> byIndex = new TreeMap<>(); // the graph's order: endorsed, then endorser
      sums.forEach(
          (pair, w) -> {
            int v = (int) (pair >>> 32);
            int u = (int) (long) pair;
            expected.add("id" + v + " <- id" + u + " " + Double.doubleToRawLongBits(w));
            long indexPair = (long) graph.indexOf("id" + v).getAsInt() << 32;
            byIndex.put(indexPair | graph.indexOf("id" + u).getAsInt(), w);
          });
      double[] outWeights = new double[graph.size()];
      byIndex.forEach((pair, w) -> outWeights[(int) (long) pair] += w);
      List<String> actual = new ArrayList<>();
      for (int v = 0; v < graph.size(); v++) {
        for (int e = graph.inStart(v); e < graph.inEnd(v); e++) {
          actual.add(
              graph.id(v)
                  + " <- "
                  + graph.id(graph.source(e))
                  + " "
                  + Double.doubleToRawLongBits(graph.weight(e)));
        }
      }
      actual.sort(null);
      expected.sort(null);
      assertThat(actual).isEqualTo(expected);
      assertThat(graph.droppedSelfEndorsements()).isEqualTo(selfEndorsements);
      assertThat(graph.mergedDuplicates()).isEqualTo(m - selfEndorsements - sums.size());
      for (int v = 0; v < graph.size(); v++) {
        assertThat(graph.outWeight(v)).isEqualTo(outWeights[v]);
        for (int e = graph.inStart(v) + 1; e < graph.inEnd(v); e++) {
          assertThat(graph.source(e)).isGreaterThan(graph.source(e - 1));
        }
      }
    }
  }

  private static String describe(EndorsementGraph graph) {
    StringBuilder out = new StringBuilder(graph.ids().toString());
    for (int v = 0; v < graph.size(); v++) {
      out.append("\n").append(v).append(" out ").append(graph.outWeight(v)).append(" in");
      for (int e = graph.inStart(v); e < graph.inEnd(v); e++) {
        out.append(' ').append(graph.source(e)).append('=').append(graph.weight(e));
      }
    }
    return out.toString();
  }

  static Stream<Arguments> badEndorsements() {
    return Stream.of(
        Arguments.of(
            (Consumer<EndorsementGraph.Builder>) b -> b.add(null, "b", 1), "endorser id is null"),
        Arguments.of(
            (Consumer<EndorsementGraph.Builder>) b -> b.add("a", "", 1),
            "endorsed id is empty; give every contributor a non-empty id"),
        Arguments.of(
            (Consumer<EndorsementGraph.Builder>) b -> b.add("a", "b", Double.NaN),
            "weight NaN of endorsement 'a' -> 'b' is not a finite number"),
        Arguments.of(
            (Consumer<EndorsementGraph.Builder>) b -> b.add("a", "b", Double.NEGATIVE_INFINITY),
            "weight -Infinity of endorsement 'a' -> 'b' is not a finite number"),
        Arguments.of(
            (Consumer<EndorsementGraph.Builder>) b -> b.add("x", "y", -2),
            "weight -2.0 of endorsement 'x' -> 'y' is negative; weights must be >= 0"),
        Arguments.of(
            (Consumer<EndorsementGraph.Builder>) b -> b.addContributor(""),
            "contributor id is empty"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badEndorsements")
  void add_badEndorsement_throwsWithMessageAndChangesNothing(
      Consumer<EndorsementGraph.Builder> call, String message) {
    EndorsementGraph.Builder builder = EndorsementGraph.builder().add("a", "c", 1);

    assertThatThrownBy(() -> call.accept(builder)).hasMessageContaining(message);

    EndorsementGraph graph = builder.build();
    assertThat(graph.ids()).containsExactly("a", "c");
    assertThat(graph.edgeCount()).isEqualTo(1);
  }

  @Test
  void id_outOfRange_throws() {
    EndorsementGraph graph = EndorsementGraph.builder().add("a", "b", 1).build();

    assertThatThrownBy(() -> graph.id(2))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("contributor index (2) must be less than size (2)");
  }
}
