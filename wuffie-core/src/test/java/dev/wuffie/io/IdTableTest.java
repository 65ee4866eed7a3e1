package dev.wuffie.io;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class IdTableTest {

  @Test
  void getOrAddAll_randomBatches_sameAsHashMap() {
    Random random = new Random(5);
    IdTable table = new IdTable();
    Map<String, Integer> expected = new HashMap<>();
    List<String> pool = randomKeys(random, 20_000);
    for (int batch = 0; batch < 300; batch++) {
      int count = random.nextInt(600);
      IdTable.Keys keys = new IdTable.Keys(16);
      keys.add(new byte[] {1, 2}, 0, 2); // a key before the batch looked up: from is not 0
      String[] texts = new String[count + 1];
      for (int i = 1; i <= count; i++) {
        texts[i] = pool.get((int) (pool.size() * Math.pow(random.nextDouble(), 3)));
        byte[] bytes = (random.nextInt(256) + texts[i] + "xyz").getBytes(ISO_8859_1);
        int offset = bytes.length - 3 - texts[i].length();
        keys.add(bytes, offset, offset + texts[i].length());
      }
      int[] values = new int[count + 1];
      List<Integer> asked = new ArrayList<>();
      int before = expected.size();

      table.getOrAddAll(
          keys,
          1,
          count + 1,
          values,
          i -> {
            asked.add(i);
            return 3 * (before + asked.size() - 1) + 1;
          });

      List<Integer> firstMet = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        if (!expected.containsKey(texts[i])) {
          expected.put(texts[i], 3 * expected.size() + 1);
          firstMet.add(i);
        }
        assertThat(values[i]).as(texts[i]).isEqualTo(expected.get(texts[i]));
        byte[] bytes = texts[i].getBytes(ISO_8859_1);
        assertThat(keys.utf8(i)).isEqualTo(new String(bytes, UTF_8));
        assertThat(table.get(bytes, 0, bytes.length)).isEqualTo(values[i]);
      }
      assertThat(asked).isEqualTo(firstMet);
      assertThat(table.size()).isEqualTo(expected.size());
    }
    assertThat(table.size()).isGreaterThan(5_000); // the table grew several times
  }

  @Test
  void get_keysThatDifferOnlyByTrailingZeroBytesOrLength_areDistinct() {
    IdTable table = new IdTable();
    byte[] bytes = {'a', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    IdTable.Keys keys = new IdTable.Keys(1);
    for (int length = 1; length <= bytes.length; length++) {
      keys.add(bytes, 0, length);
    }
    table.getOrAddAll(keys, 0, keys.size(), new int[keys.size()], i -> i + 1);

    for (int length = 1; length <= bytes.length; length++) {
      assertThat(table.get(bytes, 0, length)).isEqualTo(length);
    }
    assertThat(table.get(bytes, 1, 2)).isEqualTo(-1);
    assertThat(table.size()).isEqualTo(bytes.length);
  }

  /** Keys of 1 to 24 bytes, some sharing long prefixes, with zero, high and all other bytes. */
  private static List<String> randomKeys(Random random, int count) {
    List<String> keys = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      StringBuilder key = new StringBuilder(random.nextInt(8) == 0 ? "user-0000-" : "");
      int length = 1 + random.nextInt(random.nextBoolean() ? 8 : 16);
      for (int i = 0; i < length; i++) {
        key.append((char) (random.nextInt(3) == 0 ? random.nextInt(256) : 'a' + random.nextInt(3)));
      }
      keys.add(key.toString());
    }
    return keys;
  }
}
