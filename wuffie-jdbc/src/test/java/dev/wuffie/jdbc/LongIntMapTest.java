package dev.wuffie.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class LongIntMapTest {
  @Test
  void randomPutsAndGets_agreeWithAHashMap() {
    LongIntMap map = new LongIntMap();
    Map<Long, Integer> reference = new HashMap<>();
    Random random = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      long key = random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(50_000) - 25_000L;
      int value = random.nextInt() | 1; // never Integer.MIN_VALUE
      map.put(key, value);
      reference.put(key, value);
    }
    assertThat(map.size()).isEqualTo(reference.size());
    reference.forEach((key, value) -> assertThat(map.get(key)).isEqualTo(value));
    Map<Long, Integer> seen = new HashMap<>();
    map.forEach(seen::put);
    assertThat(seen).isEqualTo(reference);
    assertThat(map.get(Long.MIN_VALUE + 12345)).isEqualTo(LongIntMap.NONE);
  }

  @Test
  void sequentialKeys_andOverwrites() {
    LongIntMap map = new LongIntMap();
    for (long k = 0; k < 10_000; k++) {
      map.put(k, (int) k);
    }
    map.put(5, ~5);
    assertThat(map.size()).isEqualTo(10_000);
    assertThat(map.get(5)).isEqualTo(~5);
    assertThat(map.get(9_999)).isEqualTo(9_999);
    assertThat(map.get(10_000)).isEqualTo(LongIntMap.NONE);
  }

  @Test
  void put_refusesTheValueThatMarksFreeSlots() {
    assertThatThrownBy(() -> new LongIntMap().put(1, LongIntMap.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the value -2147483648 marks free slots");
  }
}
