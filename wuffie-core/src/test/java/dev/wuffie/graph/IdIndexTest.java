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
  void view_laterInterns_leaveTheViewAsItWas() {
    IdIndex index = new IdIndex();
    index.intern("a");
    IdIndex view = index.view();

    index.intern("b");

    assertThat(view.size()).isEqualTo(1);
    assertThat(view.indexOf("b")).isEqualTo(-1);
    assertThat(index.indexOf("b")).isEqualTo(1);
  }

  @Test
  void views_thatBothGrow_keepTheirOwnIds() {
    IdIndex index = new IdIndex();
    for (int i = 0; i < 100; i++) {
      index.intern("old" + i);
    }
    IdIndex first = index.view();
    IdIndex second = index.view();

    for (int i = 0; i < 1000; i++) { // in place, through growth and rehashing
      assertThat(first.intern("first" + i)).isEqualTo(100 + i);
    }
    for (int i = 0; i < 10; i++) { // after a copy: the arrays are the first one's
      assertThat(second.intern("second" + i)).isEqualTo(100 + i);
    }

    assertThat(index.size()).isEqualTo(100);
    assertThat(index.indexOf("first0")).isEqualTo(-1);
    assertThat(index.indexOf("old99")).isEqualTo(99);
    assertThat(first.indexOf("second0")).isEqualTo(-1);
    assertThat(first.indexOf("first999")).isEqualTo(1099);
    assertThat(second.indexOf("first0")).isEqualTo(-1);
    assertThat(second.indexOf("second9")).isEqualTo(109);
    assertThat(second.id(105)).isEqualTo("second5");
    assertThat(first.id(105)).isEqualTo("first5");
    for (int i = 0; i < 100; i++) {
      assertThat(first.indexOf("old" + i)).isEqualTo(i);
      assertThat(second.indexOf("old" + i)).isEqualTo(i);
    }
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
