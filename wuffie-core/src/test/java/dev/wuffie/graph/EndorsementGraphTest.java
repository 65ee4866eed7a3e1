package dev.wuffie.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
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
  void build_emptiesBuilder_readyForAnotherGraph() {
    EndorsementGraph.Builder builder = EndorsementGraph.builder().add("a", "b", 1);
    EndorsementGraph first = builder.build();

    EndorsementGraph second = builder.add("c", "d", 1).add("d", "c", 2).build();

    assertThat(first.ids()).containsExactly("a", "b");
    assertThat(first.edgeCount()).isEqualTo(1);
    assertThat(second.ids()).containsExactly("c", "d");
    assertThat(second.edgeCount()).isEqualTo(2);
  }

  @Test
  void build_randomEndorsements_matchesNaiveSums() {
    Random random = new Random(5);
    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    Map<List<Integer>, Double> expected = new HashMap<>();
    int n = 300;
    for (int v = 0; v < n; v++) {
      assertThat(builder.addContributor("c" + v)).isEqualTo(v);
    }
    long selfLoops = 0;
    for (int e = 0; e < 60_000; e++) {
      int u = random.nextInt(n);
      int v = random.nextInt(10) == 0 ? 7 : random.nextInt(n); // contributor 7 is a hub
      double w = random.nextInt(4) * 0.25;
      if (random.nextBoolean()) {
        builder.add(u, v, w);
      } else {
        builder.add("c" + u, "c" + v, w);
      }
      if (u == v) {
        selfLoops++;
      } else {
        expected.merge(List.of(u, v), w, Double::sum);
      }
    }

    EndorsementGraph graph = builder.build();

    assertThat(graph.edgeCount()).isEqualTo(expected.size());
    assertThat(graph.droppedSelfEndorsements()).isEqualTo(selfLoops);
    assertThat(graph.mergedDuplicates()).isEqualTo(60_000 - selfLoops - expected.size());
    double[] outWeights = new double[n];
    for (int v = 0; v < n; v++) {
      for (int e = graph.inStart(v); e < graph.inEnd(v); e++) {
        int u = graph.source(e);
        if (e > graph.inStart(v)) {
          assertThat(graph.source(e - 1)).isLessThan(u);
        }
        assertThat(graph.weight(e)).isEqualTo(expected.get(List.of(u, v)));
        outWeights[u] += graph.weight(e);
      }
    }
    for (int u = 0; u < n; u++) {
      assertThat(graph.outWeight(u)).isCloseTo(outWeights[u], within(1e-9));
    }
  }

  /**
   * The same endorsements added in the graph's own order (by endorsed, then endorser: the copy
   * without sorts), in random order (the sorts), and in order with one pair given twice (the sorts,
   * in halves, which they sum) make the same graph, weight for weight and bit for bit, whatever
   * room the builder was told to expect.
   */
  @Test
  void build_endorsementsInInEdgeOrder_sameGraphAsInAnyOrder() {
    Random random = new Random(11);
    int n = 400;
    List<long[]> pairs = new java.util.ArrayList<>(); // {endorsed, endorser}
    for (int v = 0; v < n; v++) {
      for (int u = 0; u < n; u++) {
        if (u != v && random.nextInt(25) == 0) {
          pairs.add(new long[] {v, u, Double.doubleToLongBits(random.nextDouble() * 3)});
        }
      }
    }
    double[] teleport = new double[n];
    for (int u = 0; u < n; u += 3) {
      teleport[u] = random.nextDouble();
    }
    EndorsementGraph sorted = build(n, pairs, teleport, -1, 0);
    java.util.Collections.shuffle(pairs, random);
    EndorsementGraph shuffled = build(n, pairs, teleport, -1, pairs.size());
    pairs.sort(java.util.Comparator.<long[]>comparingLong(p -> p[0]).thenComparingLong(p -> p[1]));
    EndorsementGraph twice = build(n, pairs, teleport, pairs.size() / 2, 0);
    // room for exactly the endorsements (taken over), for more (trimmed), for half (grown)
    EndorsementGraph exactRoom = build(n, pairs, teleport, -1, pairs.size());
    EndorsementGraph moreRoom = build(n, pairs, teleport, -1, pairs.size() + 7);
    EndorsementGraph lessRoom = build(n, pairs, teleport, -1, pairs.size() / 2);

    for (EndorsementGraph graph : List.of(shuffled, twice, exactRoom, moreRoom, lessRoom)) {
      assertThat(graph.edgeCount()).isEqualTo(sorted.edgeCount()).isEqualTo(pairs.size());
      for (int v = 0; v < n; v++) {
        assertThat(graph.inStart(v)).isEqualTo(sorted.inStart(v));
        assertThat(graph.outWeight(v)).isEqualTo(sorted.outWeight(v));
        assertThat(graph.teleportWeight(v)).isEqualTo(sorted.teleportWeight(v));
      }
      for (int e = 0; e < sorted.edgeCount(); e++) {
        assertThat(graph.source(e)).isEqualTo(sorted.source(e));
        long[] pair = pairs.get(e);
        double weight = Double.longBitsToDouble(pair[2]);
        assertThat(sorted.weight(e)).isEqualTo(weight);
        assertThat(graph.weight(e)).isEqualTo(weight);
      }
    }
    assertThat(twice.mergedDuplicates()).isEqualTo(1);
    assertThat(sorted.mergedDuplicates()).isZero();
  }

  /**
   * A graph of {@code n} contributors with {@code pairs} ({endorsed, endorser, weight bits}) added
   * in list order, the one at {@code twice} added as two halves in a row (which sum exactly), in a
   * builder that {@linkplain EndorsementGraph.Builder#expectEndorsements expects} {@code expected}.
   */
  private static EndorsementGraph build(
      int n, List<long[]> pairs, double[] teleport, int twice, int expected) {
    EndorsementGraph.Builder builder = EndorsementGraph.builder().expectEndorsements(expected);
    for (int v = 0; v < n; v++) {
      builder.addContributor("c" + v);
    }
    for (int i = 0; i < pairs.size(); i++) {
      long[] pair = pairs.get(i);
      double weight = Double.longBitsToDouble(pair[2]);
      if (i == twice) {
        builder.add((int) pair[1], (int) pair[0], weight / 2);
        builder.add((int) pair[1], (int) pair[0], weight / 2);
      } else {
        builder.add((int) pair[1], (int) pair[0], weight);
      }
    }
    for (int u = 0; u < n; u++) {
      builder.addTeleportWeight(u, teleport[u]);
    }
    return builder.build();
  }

  /**
   * Over a million endorsements in the graph's own order: without room expected they fill more than
   * one of the builder's blocks (copied block by block), with it one (taken over); both make the
   * complete graph on 1,100 contributors with the weights given.
   */
  @Test
  void build_overAMillionInInEdgeOrder_sameGraphFromSeveralBlocksOrOne() {
    int n = 1_100;
    for (int expected : new int[] {0, n * (n - 1)}) {
      EndorsementGraph.Builder builder = EndorsementGraph.builder().expectEndorsements(expected);
      for (int v = 0; v < n; v++) {
        builder.addContributor("c" + v);
      }
      for (int v = 0; v < n; v++) {
        for (int u = 0; u < n; u++) {
          if (u != v) {
            builder.add(u, v, (u + 3 * v) % 7 * 0.5 + 0.125);
          }
        }
      }

      EndorsementGraph graph = builder.build();

      assertThat(graph.edgeCount()).isEqualTo(n * (n - 1));
      double[] outWeights = new double[n];
      for (int v = 0; v < n; v++) {
        assertThat(graph.inStart(v)).isEqualTo(v * (n - 1));
        for (int e = graph.inStart(v); e < graph.inEnd(v); e++) {
          int u = graph.source(e);
          assertThat(u)
              .isEqualTo(
                  e - graph.inStart(v) < v ? e - graph.inStart(v) : e - graph.inStart(v) + 1);
          assertThat(graph.weight(e)).isEqualTo((u + 3 * v) % 7 * 0.5 + 0.125);
          outWeights[u] += graph.weight(e);
        }
      }
      for (int u = 0; u < n; u++) {
        assertThat(graph.outWeight(u)).isEqualTo(outWeights[u]);
      }
    }
  }

  @Test
  void expectEndorsements_negative_throwsWithMessage() {
    assertThatThrownBy(() -> EndorsementGraph.builder().expectEndorsements(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected endorsement count -1 must be >= 0");
  }

  @Test
  void build_orderForLocality_numbersByDegreeAndKeepsEveryEndorsement() {
    EndorsementGraph.Builder builder = EndorsementGraph.builder().orderForLocality(true);
    builder.addContributor("loner");
    builder.add("a", "hub", 1).add("b", "hub", 2).add("hub", "a", 3).add("c", "hub", 4);
    builder.add("a", "hub", 5);

    EndorsementGraph graph = builder.build();

    assertThat(graph.ids()).containsExactly("hub", "a", "b", "c", "loner");
    assertThat(graph.indexOf("loner")).hasValue(4);
    int hub = graph.indexOf("hub").getAsInt();
    assertThat(graph.weight(graph.indexOf("a").getAsInt(), hub)).isEqualTo(6.0);
    assertThat(graph.weight(graph.indexOf("c").getAsInt(), hub)).isEqualTo(4.0);
    assertThat(graph.weight(hub, graph.indexOf("a").getAsInt())).isEqualTo(3.0);
    assertThat(graph.outWeight(graph.indexOf("b").getAsInt())).isEqualTo(2.0);
    assertThat(graph.mergedDuplicates()).isEqualTo(1);
  }

  @Test
  void add_byIndexOutOfRange_throwsAndChangesNothing() {
    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    builder.addContributor("a");

    assertThatThrownBy(() -> builder.add(0, 1, 1.0))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("endorsed index (1) must be less than size (1)");
    assertThatThrownBy(() -> builder.add(0, 0, Double.NaN))
        .hasMessageContaining("weight NaN of endorsement 'a' -> 'a' is not a finite number");
    assertThat(builder.build().edgeCount()).isZero();
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

  static Stream<Arguments> indicesOutOfRange() {
    // Two contributors and one endorsement: a -> b.
    return Stream.of(
        Arguments.of("inStart(2)", call(g -> g.inStart(2)), "contributor index (2) must be less"),
        Arguments.of("inStart(-1)", call(g -> g.inStart(-1)), "contributor index (-1) must not"),
        Arguments.of("inEnd(2)", call(g -> g.inEnd(2)), "contributor index (2) must be less"),
        Arguments.of("inEnd(-1)", call(g -> g.inEnd(-1)), "contributor index (-1) must not"),
        Arguments.of("source(1)", call(g -> g.source(1)), "endorsement index (1) must be less"),
        Arguments.of("source(-1)", call(g -> g.source(-1)), "endorsement index (-1) must not"),
        Arguments.of("weight(1)", call(g -> g.weight(1)), "endorsement index (1) must be less"),
        Arguments.of("weight(-1)", call(g -> g.weight(-1)), "endorsement index (-1) must not"),
        Arguments.of("outWeight(2)", call(g -> g.outWeight(2)), "contributor index (2) must be"),
        Arguments.of(
            "teleportWeight(2)", call(g -> g.teleportWeight(2)), "contributor index (2) must be"),
        Arguments.of(
            "teleportWeight(-1)", call(g -> g.teleportWeight(-1)), "contributor index (-1) must"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("indicesOutOfRange")
  void accessor_indexOutOfRange_throwsNamingTheKindOfIndex(
      String name, Function<EndorsementGraph, Object> accessor, String message) {
    EndorsementGraph floats = EndorsementGraph.builder().add("a", "b", 1.0).build();
    EndorsementGraph doubles = EndorsementGraph.builder().add("a", "b", 0.1).build();

    for (EndorsementGraph graph : List.of(floats, doubles)) {
      assertThatThrownBy(() -> accessor.apply(graph))
          .isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessageContaining(message);
    }
  }

  @Test
  void accessors_lastValidIndices_read() {
    EndorsementGraph graph = EndorsementGraph.builder().add("a", "b", 0.1).build();
    int b = graph.indexOf("b").getAsInt();

    assertThat(graph.inEnd(b) - graph.inStart(b)).isEqualTo(1);
    assertThat(graph.source(graph.edgeCount() - 1)).isEqualTo(graph.indexOf("a").getAsInt());
    assertThat(graph.weight(graph.edgeCount() - 1)).isEqualTo(0.1);
    assertThat(graph.teleportWeight(graph.size() - 1)).isZero();
  }

  private static Function<EndorsementGraph, Object> call(Function<EndorsementGraph, Object> f) {
    return f;
  }
}
