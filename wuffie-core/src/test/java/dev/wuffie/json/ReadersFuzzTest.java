package dev.wuffie.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wuffie.Decay;
import dev.wuffie.Endorsement;
import dev.wuffie.KindWeight;
import dev.wuffie.Ledger;
import dev.wuffie.Reputation;
import dev.wuffie.Saturation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.io.EdgeListReader;
import dev.wuffie.io.InputFormatException;
import dev.wuffie.io.SeedListReader;
import dev.wuffie.rank.RankSolver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds random and mutated input to every reader, from a fixed seed: truncated JSON, wrong types,
 * huge numbers, NaN, unknown fields, control characters, very long ids, invalid UTF-8. Each read
 * must either succeed with a result that checks out, or throw an {@link InputFormatException} whose
 * message names the source; nothing else, and a failed ledger import changes nothing.
 */
final class ReadersFuzzTest {
  private static final long SEED = 20261126L;
  private static final int ROUNDS = 1_000;
  private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
  private static final Pattern STRING = Pattern.compile("\"[^\"\\\\]*\"");
  private static final String[] NUMBERS = {
    "1e999",
    "-1e999",
    "NaN",
    "Infinity",
    "-0",
    "99999999999999999999",
    "1.5",
    "-1",
    "0",
    "\"7\"",
    "1e-400",
    "0x10",
    "00",
    "true",
    "null",
    "[]",
    "{}",
    "9".repeat(1200)
  };
  private static final byte[][] BYTES = {
    {(byte) 0xc3, 0x28},
    {(byte) 0xff},
    {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
    {(byte) 0xf8},
    {(byte) 0xc0, (byte) 0x80},
    {0},
    {1},
    {0x1b},
    {'\r'},
    {'\n'},
    {'\t'},
    {'"'},
    {'\\'},
    {'{'},
    {'}'},
    {'['},
    {']'},
    {','},
    {':'},
    {'u'},
    "\\u0000".getBytes(UTF_8),
    "\\ud800".getBytes(UTF_8),
    "\u00e9\u2603\ud83d\ude00".getBytes(UTF_8),
    ",\"bogus\":1".getBytes(UTF_8),
    "\"\":\"\"".getBytes(UTF_8)
  };

  private final Random random = new Random(SEED);
  private int successes;
  private int failures;

  /** Reads {@code input}; returns normally if the outcome checks out, else throws. */
  private interface Reader {
    void read(byte[] input, String source) throws Exception;
  }

  @Test
  void ledgerJsonLines() throws Exception {
    Ledger ledger = Ledger.create();
    ledger.addContribution("answer-17", NOW, Map.of("bob", 2.0, "carol", 1.0));
    ledger.record(Endorsement.ofContribution("alice", "answer-17", "upvote", NOW));
    ledger.record(Endorsement.rating("dave", "bob", "trust", 7, NOW.plusMillis(5)));
    long thanks = ledger.record(Endorsement.of("alice", "bob", "thanks", NOW));
    ledger.retract(thanks);
    ledger.merge("bob-old", "bob");
    ByteArrayOutputStream base = new ByteArrayOutputStream();
    LedgerJson.write(ledger.snapshot(), base);
    LedgerJson small =
        LedgerJson.builder().maxIdLength(64).maxLineBytes(2_000).maxEntries(40).build();

    fuzz(
        base.toByteArray(),
        "ledger.jsonl",
        (input, source) -> {
          LedgerJson reader = random.nextBoolean() ? small : LedgerJson.defaults();
          Ledger other = Ledger.create();
          other.addContribution("p", NOW, "q");
          other.record(Endorsement.of("q", "r", "upvote", NOW));
          String before = LedgerContent.of(other.snapshot());
          Ledger empty = Ledger.create();
          try {
            int entries = reader.read(new ByteArrayInputStream(input), source, empty);
            assertThat(entries).isEqualTo(nonBlankLines(input));
            // a correct result: the ledger writes out and reads back the same
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LedgerJson.write(empty.snapshot(), out);
            Ledger again = Ledger.create();
            LedgerJson.defaults()
                .read(new ByteArrayInputStream(out.toByteArray()), "export", again);
            LedgerContent.assertSame(empty.snapshot(), again.snapshot());
          } finally {
            try {
              reader.read(new ByteArrayInputStream(input), source, other);
            } catch (InputFormatException e) {
              assertThat(LedgerContent.of(other.snapshot())).isEqualTo(before);
              assertThat(e).hasMessageStartingWith(source);
            }
          }
        });
  }

  @Test
  void policyJson(@TempDir Path dir) throws Exception {
    ScoringPolicy policy =
        ScoringPolicy.builder()
            .kind(KindWeight.rated("trust", 0, 0.5))
            .kind("accepted", 4)
            .saturation(Saturation.sqrt())
            .decay(Decay.halfLife(Duration.ofDays(180)))
            .asOf(NOW)
            .seeds(Map.of("mod", 1.0, "admin", 0.1))
            .distrustStrength(0.5)
            .solver(RankSolver.builder().damping(0.8).tolerance(1e-12).build())
            .build();
    Path file = dir.resolve("policy.json");

    fuzz(
        PolicyJson.write(policy).getBytes(UTF_8),
        file.toString(),
        (input, source) -> {
          Files.write(file, input);
          ScoringPolicy read = PolicyJson.read(file);
          assertThat(PolicyJson.read(PolicyJson.write(read))).isEqualTo(read);
        });
  }

  @Test
  void reputationSnapshotJson() throws Exception {
    Ledger ledger = Ledger.create();
    ledger.record(Endorsement.of("alice", "bob", "upvote", NOW));
    ledger.record(Endorsement.of("bob", "carol", "thanks", NOW));
    ledger.record(Endorsement.of("carol", "alice", "downvote", NOW));
    ReputationSnapshot snapshot =
        ReputationSnapshot.of(Reputation.compute(ledger, ScoringPolicy.builder().build()), NOW);

    fuzz(
        ReputationJson.write(snapshot).getBytes(UTF_8),
        "reputation.json",
        (input, source) -> {
          ReputationSnapshot read = ReputationJson.read(new ByteArrayInputStream(input), source);
          assertThat(ReputationJson.read(ReputationJson.write(read))).isEqualTo(read);
        });
  }

  @Test
  void edgeList() throws Exception {
    String base =
        "endorser,endorsed,weight,time\nalice,bob,1,1700000000\nbob,carol,2.5,1700000001.5\n"
            + "carol,alice,0.5\ndave,alice\n# a comment\n";
    fuzz(
        base.getBytes(UTF_8),
        "edges.csv",
        (input, source) -> {
          EdgeListReader.Result read =
              EdgeListReader.create()
                  .dropNegative(random.nextBoolean())
                  .read(new ByteArrayInputStream(input), source);
          EndorsementGraph graph = read.graph();
          assertThat(graph.size()).isPositive();
          for (int v = 0; v < graph.size(); v++) {
            assertThat(graph.id(v)).isNotEmpty();
            for (int e = graph.inStart(v); e < graph.inEnd(v); e++) {
              assertThat(Double.isFinite(graph.weight(e)) && graph.weight(e) >= 0).isTrue();
            }
          }
        });
  }

  @Test
  void seedList() throws Exception {
    fuzz(
        "mod,1\nadmin\t0.5\n# comment\nhelper 2\n".getBytes(UTF_8),
        "seeds.txt",
        (input, source) -> {
          Map<String, Double> seeds = SeedListReader.read(new ByteArrayInputStream(input), source);
          double total = 0;
          for (Map.Entry<String, Double> seed : seeds.entrySet()) {
            assertThat(seed.getKey()).isNotEmpty();
            assertThat(Double.isFinite(seed.getValue()) && seed.getValue() >= 0).isTrue(); // -0 too
            total += seed.getValue();
          }
          assertThat(total).isPositive();
        });
  }

  /** Feeds {@code base} unchanged, then mutated, then random bytes to {@code reader}. */
  private void fuzz(byte[] base, String source, Reader reader) throws Exception {
    check(reader, base, source, true);
    for (int round = 0; round < ROUNDS; round++) {
      byte[] input = round % 10 == 9 ? randomBytes() : mutate(base);
      check(reader, input, source, false);
    }
    assertThat(successes).as("successful reads").isPositive();
    assertThat(failures).as("failed reads").isPositive();
  }

  private void check(Reader reader, byte[] input, String source, boolean mustSucceed)
      throws Exception {
    try {
      reader.read(input, source);
      successes++;
    } catch (InputFormatException e) {
      if (mustSucceed || !e.getMessage().startsWith(source)) {
        throw new AssertionError("reading " + show(input) + " threw " + e, e);
      }
      failures++;
    } catch (Throwable e) {
      throw new AssertionError("reading " + show(input) + " threw " + e, e);
    }
  }

  private byte[] mutate(byte[] base) {
    byte[] input = base;
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations; m++) {
      input = mutateOnce(input);
    }
    return input;
  }

  private byte[] mutateOnce(byte[] input) {
    int at = input.length == 0 ? 0 : random.nextInt(input.length);
    String text = new String(input, UTF_8);
    switch (random.nextInt(9)) {
      case 0: // truncate
        return Arrays.copyOf(input, at);
      case 1: // delete a range
        {
          int to = Math.min(input.length, at + 1 + random.nextInt(20));
          return concat(Arrays.copyOf(input, at), Arrays.copyOfRange(input, to, input.length));
        }
      case 2: // insert bytes from the palette
        return insert(input, at, BYTES[random.nextInt(BYTES.length)]);
      case 3: // overwrite a byte
        {
          byte[] copy = input.clone();
          if (copy.length > 0) {
            copy[at] = (byte) random.nextInt(256);
          }
          return copy;
        }
      case 4: // a number becomes something else
        return replaceOne(text, NUMBER, NUMBERS[random.nextInt(NUMBERS.length)]);
      case 5: // a string becomes something else
        {
          String[] choices = {
            "\"" + "x".repeat(2_000) + "\"",
            "\"\"",
            "7",
            "null",
            "true",
            "{}",
            "\"a\u0001b\"",
            "\"2026-13-01T00:00:00Z\"",
            "\"3026-11-01T12:00:00Z\"",
            "\"-1000000000-01-01T00:00:00Z\""
          };
          return replaceOne(text, STRING, choices[random.nextInt(choices.length)]);
        }
      case 6: // duplicate or drop a line
        {
          List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
          int line = random.nextInt(lines.size());
          if (random.nextBoolean()) {
            lines.add(random.nextInt(lines.size() + 1), lines.get(line));
          } else {
            lines.remove(line);
          }
          return String.join("\n", lines).getBytes(UTF_8);
        }
      case 7: // an unknown field after an opening brace
        {
          int brace = text.indexOf('{', random.nextInt(Math.max(1, text.length())));
          return brace < 0
              ? input
              : (text.substring(0, brace + 1) + "\"bogus\":1," + text.substring(brace + 1))
                  .getBytes(UTF_8);
        }
      default: // a very long line
        return insert(input, at, "y".repeat(3_000).getBytes(UTF_8));
    }
  }

  private byte[] replaceOne(String text, Pattern pattern, String replacement) {
    Matcher matcher = pattern.matcher(text);
    List<int[]> found = new ArrayList<>();
    while (matcher.find()) {
      found.add(new int[] {matcher.start(), matcher.end()});
    }
    if (found.isEmpty()) {
      return text.getBytes(UTF_8);
    }
    int[] one = found.get(random.nextInt(found.size()));
    return (text.substring(0, one[0]) + replacement + text.substring(one[1])).getBytes(UTF_8);
  }

  private byte[] randomBytes() {
    byte[] bytes = new byte[random.nextInt(200)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] insert(byte[] input, int at, byte[] bytes) {
    return concat(
        concat(Arrays.copyOf(input, at), bytes), Arrays.copyOfRange(input, at, input.length));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private static int nonBlankLines(byte[] input) {
    int count = 0;
    for (String line : new String(input, UTF_8).split("\n")) {
      if (!line.isBlank()) {
        count++;
      }
    }
    return count;
  }

  /** The input, escaped so that a failure message shows every byte. */
  private static String show(byte[] input) {
    StringBuilder out = new StringBuilder("\"");
    for (byte b : Arrays.copyOf(input, Math.min(input.length, 400))) {
      int c = b & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
        out.append((char) c);
      } else {
        out.append(String.format("\\x%02x", c));
      }
    }
    return out.append(input.length > 400 ? "\"... (" + input.length + " bytes)" : "\"").toString();
  }
}
