package dev.wuffie.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wuffie.Endorsement;
import dev.wuffie.LedgerEntry;
import dev.wuffie.io.InputFormatException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Holds the fast reader of ledger lines to the full one: a line it reads gives the entry the full
 * deserializer gives, and a line the full deserializer refuses is never read by it.
 */
final class CanonicalLineTest {
  private static final int MAX_ID_LENGTH = 12;
  private static final LedgerJson FULL = LedgerJson.builder().maxIdLength(MAX_ID_LENGTH).build();
  private static final String PLAIN = "abcxyzABC019_-.:/ éü中";
  private static final String ESCAPED = "\"\\\n\t\u0001";

  @Test
  void everyEntryTheWriterWrites_readsAsTheFullReaderReadsIt() throws Exception {
    Random random = new Random(20261204L);
    int fast = 0;
    for (int round = 0; round < 20_000; round++) {
      LedgerEntry entry = entry(random, random.nextInt(10) == 0);
      String line = LedgerJson.line(entry);
      LedgerEntry read = canonical(line);
      assertThat(full(line)).as(line).isEqualTo(entry);
      boolean plain = line.indexOf('\\') < 0;
      assertThat(read).as("read fast: %s", line).isEqualTo(plain ? entry : null);
      fast += plain ? 1 : 0;
    }
    assertThat(fast).isGreaterThan(15_000);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"endorser\":\"a\",\"target\":\"b\",\"kind\":\"up\",\"time\":\"2026-01-01T00:00:00Z\"}",
        "{\"id\":\"7\",\"endorser\":\"a\",\"contribution\":\"p\",\"kind\":\"up\",\"value\":-0,"
            + "\"time\":\"2026-01-01T00:00:00.5Z\"}",
        "{\"endorser\":\"a\",\"target\":\"b\",\"kind\":\"up\",\"value\":12345678901234567,"
            + "\"time\":\"2026-01-01T00:00:00Z\"}",
        "{\"endorser\":\"a\",\"target\":\"b\",\"kind\":\"up\",\"value\":-1.5E-3,"
            + "\"time\":\"0001-01-01T00:00:00.123456789Z\"}",
        "{\"endorser\":\"a\",\"target\":\"b\",\"kind\":\"up\",\"value\":1e400,"
            + "\"time\":\"2026-01-01T00:00:00Z\"}",
        "{\"endorser\":\"a\",\"target\":\"b\",\"kind\":\"up\",\"value\":01,"
            + "\"time\":\"2026-01-01T00:00:00Z\"}",
        "{\"endorser\":\"a\",\"target\":\"b\",\"kind\":\"up\",\"value\":1.,"
            + "\"time\":\"2026-01-01T00:00:00Z\"}",
        "{\"endorser\":\"a\",\"target\":\"b\",\"kind\":\"up\",\"time\":\"2026-02-30T00:00:00Z\"}",
        "{\"endorser\":\"a\",\"target\":\"b\",\"kind\":\"up\",\"time\":\"2024-02-29T23:59:59Z\"}",
        "{\"endorser\":\"a\",\"target\":\"b\",\"kind\":\"up\",\"time\":\"2026-01-01T23:59:60Z\"}",
        "{\"endorser\":\"a\",\"target\":\"b\",\"kind\":\"up\",\"time\":\"2026-01-01T24:00:00Z\"}",
        "{\"endorser\":\"a\",\"target\":\"b\",\"kind\":\"up\",\"time\":\"2026-01-01T00:00:00.Z\"}",
        "{\"endorser\":\"a\",\"target\":\"b\",\"kind\":\"up\","
            + "\"time\":\"2026-01-01T00:00:00.1234567891Z\"}",
        "{\"endorser\":\"a\",\"target\":\"b\",\"kind\":\"up\",\"time\":\"+10000-01-01T00:00:00Z\"}",
        "{\"endorser\":\"a\",\"target\":\"b\",\"kind\":\"up\",\"time\":\"2026-01-01T00:00:00+01:00\"}",
        "{\"endorser\":\"a\",\"target\":\"b\",\"kind\":\"up\",\"time\":\"2026-1-01T00:00:00Z\"}",
        "{\"endorser\":\"\",\"target\":\"b\",\"kind\":\"up\",\"time\":\"2026-01-01T00:00:00Z\"}",
        "{\"endorser\":\"a\",\"target\":\"b\",\"kind\":\"\",\"time\":\"2026-01-01T00:00:00Z\"}",
        "{\"endorser\":\"abcdefghijklm\",\"target\":\"b\",\"kind\":\"up\","
            + "\"time\":\"2026-01-01T00:00:00Z\"}",
        "{\"endorser\":\"a\",\"target\":\"b\",\"kind\":\"up\",\"time\":\"2026-01-01T00:00:00Z\"}x",
        "{\"endorser\":\"a\",\"target\":\"b\",\"kind\":\"up\",\"time\":\"2026-01-01T00:00:00Z\"} ",
        "{\"endorser\":\"a\",\"target\":\"b\",\"kind\":\"up\",\"time\":\"2026-01-01T00:00:00Z\"",
        "{\"endorser\":\"a\", \"target\":\"b\",\"kind\":\"up\",\"time\":\"2026-01-01T00:00:00Z\"}",
        "{\"target\":\"b\",\"endorser\":\"a\",\"kind\":\"up\",\"time\":\"2026-01-01T00:00:00Z\"}",
        "{\"endorser\":\"a\",\"target\":\"b\",\"contribution\":\"p\",\"kind\":\"up\","
            + "\"time\":\"2026-01-01T00:00:00Z\"}",
        "{\"endorser\":\"a\",\"target\":\"b\",\"kind\":\"up\"}",
        "{\"id\":\"a\",\"contributor\":\"x\"}",
        "{\"contributor\":\"x\"}",
        "{\"contributor\":\"\"}",
        "{\"contributor\":7}",
        "{\"retract\":0}",
        "{\"retract\":01}",
        "{\"retract\":-1}",
        "{\"retract\":123456789012345678}",
        "{\"retract\":9223372036854775807}",
        "{\"retract\":9223372036854775808}",
        "{\"retract\":1.0}",
        "{\"merge\":\"a\",\"into\":\"b\"}",
        "{\"contribution\":\"p\",\"time\":\"2026-01-01T00:00:00Z\",\"authors\":{\"a\":1.0}}",
        "{\"contribution\":\"p\",\"time\":\"2026-01-01T00:00:00Z\",\"authors\":{\"a\":1,\"b\":0.5}}",
        "{\"contribution\":\"p\",\"time\":\"2026-01-01T00:00:00Z\",\"authors\":{}}",
        "{\"contribution\":\"p\",\"time\":\"2026-01-01T00:00:00Z\",\"authors\":{\"a\":1,\"a\":2}}",
        "{\"contribution\":\"p\",\"time\":\"2026-01-01T00:00:00Z\",\"authors\":{\"a\":-1}}",
        "{\"contribution\":\"p\",\"time\":\"2026-01-01T00:00:00Z\",\"authors\":{\"a\":0}}",
        "{\"contribution\":\"p\",\"time\":\"2026-01-01T00:00:00Z\",\"authors\":{\"a\":1e999}}",
        "{\"contribution\":\"p\",\"time\":\"2026-01-01T00:00:00Z\",\"authors\":{\"a\":1,}}",
        "{\"contribution\":\"p\",\"time\":\"2026-01-01T00:00:00Z\",\"authors\":{\"a\":1}",
        "{\"contribution\":\"p\",\"authors\":{\"a\":1},\"time\":\"2026-01-01T00:00:00Z\"}",
        "{\"contribution\":\"p\",\"time\":\"2026-01-01T00:00:00Z\",\"authors\":{\"a\":1},"
            + "\"tags\":[\"brewing\",\"c++\"]}",
        "{\"contribution\":\"p\",\"time\":\"2026-01-01T00:00:00Z\",\"authors\":{\"a\":1},"
            + "\"tags\":[]}",
        "{\"contribution\":\"p\",\"time\":\"2026-01-01T00:00:00Z\",\"authors\":{\"a\":1},"
            + "\"tags\":[\"\"]}",
        "{\"contribution\":\"p\",\"time\":\"2026-01-01T00:00:00Z\",\"authors\":{\"a\":1},"
            + "\"tags\":[\"home brewing\"]}",
        "{\"contribution\":\"p\",\"time\":\"2026-01-01T00:00:00Z\",\"authors\":{\"a\":1},"
            + "\"tags\":[\"a,b\"]}",
        "{\"contribution\":\"p\",\"time\":\"2026-01-01T00:00:00Z\",\"authors\":{\"a\":1},"
            + "\"tags\":[\"x\",\"x\"]}",
        "{\"contribution\":\"p\",\"time\":\"2026-01-01T00:00:00Z\",\"authors\":{\"a\":1},"
            + "\"tags\":[\"x\",]}",
        "{\"contribution\":\"p\",\"time\":\"2026-01-01T00:00:00Z\",\"authors\":{\"a\":1},"
            + "\"tags\":\"x\"}",
        "{}",
        "",
      })
  void aLineReadFast_isReadAsTheFullReaderReadsIt_andABadOneIsLeftToIt(String line)
      throws Exception {
    LedgerEntry read = canonical(line);
    if (read != null) {
      assertThat(full(line)).isEqualTo(read);
    } else {
      // the full reader reads it or explains why not; either way the fast one stood aside
      try {
        full(line);
      } catch (InputFormatException e) {
        assertThat(e.getMessage()).startsWith("test:1");
      }
    }
  }

  @Test
  void aLineTheFullReaderRefuses_isNotReadFast() {
    for (String line :
        List.of(
            "{\"endorser\":\"a\",\"target\":\"b\",\"kind\":\"up\",\"time\":\"2026-02-30T00:00:00Z\"}",
            "{\"endorser\":\"abcdefghijklm\",\"target\":\"b\",\"kind\":\"up\","
                + "\"time\":\"2026-01-01T00:00:00Z\"}",
            "{\"endorser\":\"a\",\"target\":\"b\",\"kind\":\"up\",\"value\":1e400,"
                + "\"time\":\"2026-01-01T00:00:00Z\"}",
            "{\"retract\":-1}",
            "{\"contribution\":\"p\",\"time\":\"2026-01-01T00:00:00Z\",\"authors\":{}}",
            "{\"contribution\":\"p\",\"time\":\"2026-01-01T00:00:00Z\",\"authors\":{\"a\":1,\"a\":2}}",
            "{\"contributor\":\"\"}")) {
      assertThat(canonical(line)).as(line).isNull();
      assertThatThrownBy(() -> full(line)).as(line).isInstanceOf(InputFormatException.class);
    }
  }

  @Test
  void isoInstants_agreeWithInstantParse() {
    Random random = new Random(7);
    for (int round = 0; round < 100_000; round++) {
      Instant instant = instant(random);
      String text = instant.toString();
      assertThat(IsoInstants.parse(text)).as(text).isEqualTo(instant);
      String mutated = mutate(text, random);
      Instant fast = IsoInstants.parse(mutated);
      if (fast != null) {
        assertThat(fast).as(mutated).isEqualTo(Instant.parse(mutated));
      }
    }
    assertThatThrownBy(() -> Instant.parse("2026-02-30T00:00:00Z"))
        .isInstanceOf(DateTimeParseException.class);
    assertThat(IsoInstants.parse("2026-02-30T00:00:00Z")).isNull();
  }

  @Test
  void isoInstants_epochDay_agreesWithLocalDateOnEveryDayOfYears0To9999() {
    for (LocalDate day = LocalDate.of(0, 1, 1); day.getYear() < 10_000; day = day.plusDays(1)) {
      long epochDay = IsoInstants.epochDay(day.getYear(), day.getMonthValue(), day.getDayOfMonth());
      if (epochDay != day.toEpochDay()) {
        throw new AssertionError(day + ": " + epochDay + ", not " + day.toEpochDay());
      }
    }
    assertThat(IsoInstants.parse("0000-02-29T00:00:00Z"))
        .isEqualTo(Instant.parse("0000-02-29T00:00:00Z"));
    assertThat(IsoInstants.parse("1900-02-29T00:00:00Z")).isNull(); // not a leap year
    assertThat(IsoInstants.parse("2026-13-01T00:00:00Z")).isNull();
    assertThat(IsoInstants.parse("2026-00-01T00:00:00Z")).isNull();
    assertThat(IsoInstants.parse("2026-04-31T00:00:00Z")).isNull();
    assertThat(IsoInstants.parse("2026-04-00T00:00:00Z")).isNull();
  }

  private static LedgerEntry canonical(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return new CanonicalLine(MAX_ID_LENGTH).read(bytes, 0, bytes.length);
  }

  private static LedgerEntry full(String line) throws Exception {
    return FULL.parse(CharBuffer.wrap(line.toCharArray()), "test", 1);
  }

  private static LedgerEntry entry(Random random, boolean escapes) {
    return switch (random.nextInt(8)) {
      case 0 -> LedgerEntry.contributor(id(random, escapes));
      case 1 ->
          LedgerEntry.retraction(
              random.nextInt(3) == 0 ? random.nextInt(10) : random.nextInt(Integer.MAX_VALUE));
      case 2 -> {
        String[] tags = new String[random.nextInt(3)];
        for (int i = 0; i < tags.length; i++) {
          tags[i] = id(random, escapes).replaceAll("\\s", "_");
        }
        yield LedgerEntry.contribution(id(random, escapes), instant(random), id(random, escapes))
            .tagged(tags);
      }
      default -> {
        OptionalDouble value =
            switch (random.nextInt(5)) {
              case 0 -> OptionalDouble.empty();
              case 1 -> OptionalDouble.of(random.nextInt(11) - 5);
              case 2 -> OptionalDouble.of(-0.0);
              case 3 -> OptionalDouble.of(Double.longBitsToDouble(random.nextLong() & ~(1L << 62)));
              default ->
                  OptionalDouble.of(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
            };
        Endorsement e =
            new Endorsement(
                id(random, escapes),
                id(random, escapes),
                random.nextBoolean(),
                id(random, escapes),
                value,
                instant(random));
        yield random.nextBoolean()
            ? LedgerEntry.event(e)
            : LedgerEntry.event(id(random, escapes), e);
      }
    };
  }

  private static String id(Random random, boolean escapes) {
    StringBuilder id = new StringBuilder();
    int length = 1 + random.nextInt(MAX_ID_LENGTH);
    for (int i = 0; i < length; i++) {
      String from = escapes && random.nextInt(4) == 0 ? ESCAPED : PLAIN;
      id.append(from.charAt(random.nextInt(from.length())));
    }
    return id.toString();
  }

  private static Instant instant(Random random) {
    long seconds =
        Instant.parse("0000-01-01T00:00:00Z").getEpochSecond()
            + (long) (random.nextDouble() * 315_000_000_000L);
    int nanos =
        switch (random.nextInt(4)) {
          case 0 -> 0;
          case 1 -> random.nextInt(1000) * 1_000_000;
          case 2 -> random.nextInt(1_000_000) * 1_000;
          default -> random.nextInt(1_000_000_000);
        };
    return Instant.ofEpochSecond(seconds, nanos);
  }

  private static String mutate(String text, Random random) {
    char[] chars = text.toCharArray();
    int at = random.nextInt(chars.length);
    chars[at] = "0123456789:-.TZ+x".charAt(random.nextInt(17));
    String mutated = new String(chars);
    return random.nextInt(4) == 0
        ? mutated.substring(0, random.nextInt(mutated.length()))
        : mutated;
  }
}
