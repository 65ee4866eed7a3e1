package dev.wuffie.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class IdIndexTest {

  @Test
  void intern_randomIds_indicesInFirstSeenOrder() {
    Random random = new Random(8);
    IdIndex index = new IdIndex();
    Map<String, Integer> expected = new HashMap<>();
    List<String> order = new ArrayList<>();
    for (int n = 0; n < 100_000; n++) {
      String id = Integer.toString(random.nextInt(30_000), 36);
      int got = index.intern(id);
      if (!expected.containsKey(id)) {
        expected.put(id, order.size());
        order.add(id);
      }
      assertThat(got).isEqualTo(expected.get(id));
    }

    assertThat(index.size()).isEqualTo(order.size());
    for (int i = 0; i < order.size(); i++) {
      assertThat(index.id(i)).isEqualTo(order.get(i));
    }
    for (String id : order) {
      assertThat(index.indexOf(id)).isEqualTo(expected.get(id));
      assertThat(index.id(expected.get(id))).isEqualTo(id);
    }
    assertThat(index.indexOf("not there")).isEqualTo(-1);
  }

  @Test
  void intern_idsWithEqualHashCodes_keptApart() {
    List<String> ids = List.of("Aa", "BB", "AaAa", "AaBB", "BBAa", "BBBB");
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    IdIndex index = new IdIndex();

    for (String id : ids) {
      index.intern(id);
    }

    assertThat(index.size()).isEqualTo(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      assertThat(index.id(i)).isEqualTo(ids.get(i));
      assertThat(index.indexOf(ids.get(i))).isEqualTo(i);
    }
  }

  @Test
  void compactCopy_laterInterns_leaveTheCopyAsItWas() {
    IdIndex index = new IdIndex();
    index.intern("a");
    IdIndex copy = index.compactCopy();

    index.intern("b");

    assertThat(copy.size()).isEqualTo(1);
    assertThat(copy.indexOf("b")).isEqualTo(-1);
    assertThat(index.indexOf("b")).isEqualTo(1);
  }

  @Test
  void permutedCopy_movesEveryIdToItsLabel() {
    IdIndex index = new IdIndex();
    for (String id : List.of("a", "b", "c")) {
      index.intern(id);
    }

    IdIndex permuted = index.permutedCopy(new int[] {2, 0, 1});

    assertThat(permuted.id(0)).isEqualTo("b");
    assertThat(permuted.id(1)).isEqualTo("c");
    assertThat(permuted.id(2)).isEqualTo("a");
    assertThat(permuted.indexOf("a")).isEqualTo(2);
  }
}
