package dev.wuffie.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wuffie.BitcoinOtc;
import dev.wuffie.Endorsement;
import dev.wuffie.Ledger;
import dev.wuffie.LedgerEntry;
import dev.wuffie.LedgerSnapshot;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.io.InputFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class LedgerJsonTest {
  private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
  private static final String SOURCE = "events.jsonl";

  /** The lines of the example in docs/formats.md and the README. */
  private static final String EXAMPLE =
      """
      {"contributor":"alice"}
      {"contributor":"bob"}
      {"contributor":"dave"}
      {"contributor":"bob-old"}
      {"contribution":"answer-17","time":"2026-11-01T12:00:00Z","authors":{"bob":1.0}}
      {"endorser":"alice","contribution":"answer-17","kind":"upvote","time":"2026-11-01T12:00:00Z"}
      {"endorser":"dave","target":"bob","kind":"trust","value":7.0,"time":"2026-11-01T12:00:00.250Z"}
      {"endorser":"alice","target":"bob","kind":"thanks","time":"2026-11-01T12:00:00Z"}
      {"merge":"bob-old","into":"bob"}
      {"retract":2}
      """;

  private static Ledger example() {
    Ledger ledger = Ledger.create();
    ledger.addContributor("alice");
    ledger.addContribution("answer-17", NOW, "bob");
    ledger.addContributor("dave");
    ledger.record(Endorsement.ofContribution("alice", "answer-17", "upvote", NOW));
    ledger.record(Endorsement.rating("dave", "bob", "trust", 7, NOW.plusMillis(250)));
    long thanks = ledger.record(Endorsement.of("alice", "bob", "thanks", NOW));
    ledger.retract(thanks);
    ledger.merge("bob-old", "bob");
    return ledger;
  }

  private static Ledger read(String text) throws IOException {
    Ledger ledger = Ledger.create();
    LedgerJson.defaults().read(stream(text), SOURCE, ledger);
    return ledger;
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(UTF_8));
  }

  @Test
  void write_example_linesAsDocumented() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    LedgerJson.write(example().snapshot(), out);

    assertThat(out.toString(UTF_8)).isEqualTo(EXAMPLE);
    LedgerContent.assertSame(example().snapshot(), read(EXAMPLE).snapshot());
    assertThat(FormatsDoc.blocks("Ledgers: JSON Lines")).containsExactly(EXAMPLE);
  }

  @Test
  void writeThenRead_bitcoinOtcWithContributionsMergesAndRetractions_sameSnapshot(@TempDir Path dir)
      throws IOException {
    Ledger ledger = BitcoinOtc.ledger("trust");
    Instant t = Instant.parse("2016-01-01T00:00:00Z");
    Map<String, Double> shares = new LinkedHashMap<>();
    shares.put("7", 2.0);
    shares.put("new-author", 1.0);
    ledger.addContribution("post-1", t, shares);
    ledger.addContribution("post-2", t.plusMillis(1), "1", "2", "3");
    Map<String, Double> exact = new LinkedHashMap<>();
    exact.put("35", 0.7);
    exact.put("36", 0.2);
    exact.put("37", 0.1);
    ledger.addContribution("post-3", t.plusNanos(1_500_000), exact); // kept to the ms
    ledger.record(Endorsement.ofContribution("35", "post-1", "upvote", t));
    ledger.record(Endorsement.ratingOfContribution("36", "post-2", "review", 0.1, t));
    ledger.record(Endorsement.of("reader", "35", "thanks", t.plusNanos(999_999)));
    ledger.record(Endorsement.rating("x", "y", "trust", -1e-300, t)); // a subnormal-ish value
    for (long e = 0; e < 35_592; e += 997) {
      ledger.retract(e);
    }
    ledger.merge("2", "1");
    ledger.merge("1", "35"); // 2 -> 1 -> 35
    ledger.merge("new-author", "7");
    LedgerSnapshot expected = ledger.snapshot();
    Path file = dir.resolve("export.jsonl");

    LedgerJson.write(expected, file);
    Ledger read = Ledger.create();
    int entries = LedgerJson.defaults().read(file, read);

    LedgerContent.assertSame(expected, read.snapshot());
    assertThat(entries).isEqualTo(Files.readAllLines(file).size());
    assertThat(read.liveEventCount()).isEqualTo(ledger.liveEventCount());
    assertThat(Files.list(dir)).containsExactly(file);
  }

  @Test
  void writeThenRead_taggedContributions_sameEntriesAndTagsAfterAuthors(@TempDir Path dir)
      throws IOException {
    Ledger ledger = example();
    ledger.addContribution(LedgerEntry.contribution("post-1", NOW, "bob").tagged("brewing"));
    ledger.addContribution(
        LedgerEntry.contribution("post-2", NOW, "carol", "dave").tagged("c++", "brewing"));
    ledger.record(Endorsement.ofContribution("alice", "post-2", "upvote", NOW));
    Path file = dir.resolve("tagged.jsonl");

    LedgerJson.write(ledger.snapshot(), file);
    Ledger read = Ledger.create();
    LedgerJson.defaults().read(file, read);

    assertThat(read.snapshot().entries().toList()).isEqualTo(ledger.snapshot().entries().toList());
    assertThat(Files.readAllLines(file))
        .contains(
            "{\"contribution\":\"answer-17\",\"time\":\"2026-11-01T12:00:00Z\","
                + "\"authors\":{\"bob\":1.0}}",
            "{\"contribution\":\"post-2\",\"time\":\"2026-11-01T12:00:00Z\","
                + "\"authors\":{\"carol\":0.5,\"dave\":0.5},\"tags\":[\"c++\",\"brewing\"]}");
    // the same lines, spaced and reordered, go through the full reader
    Ledger spaced = Ledger.create();
    LedgerJson.defaults()
        .read(
            stream(
                "{\"tags\": [\"brewing\"], \"contribution\": \"post-1\", \"authors\":"
                    + " {\"bob\": 1}, \"time\": \"2026-11-01T12:00:00Z\"}\n"),
            SOURCE,
            spaced);
    assertThat(spaced.snapshot().entries())
        .contains(LedgerEntry.contribution("post-1", NOW, "bob").tagged("brewing"));
  }

  @Test
  void read_intoANonEmptyLedger_appendsTheFileAsOneBatch() throws IOException {
    Ledger ledger = example();
    String more =
        """
        {"contribution":"answer-18","time":"2026-11-01T12:00:00Z","authors":{"carol":1}}
        {"endorser":"bob","contribution":"answer-18","kind":"upvote","time":"2026-11-01T12:00:00Z"}
        {"retract":3}
        {"retract":0}
        {"merge":"carol","into":"bob-old"}
        """;

    int entries = LedgerJson.defaults().read(stream(more), SOURCE, ledger);

    LedgerSnapshot s = ledger.snapshot();
    assertThat(entries).isEqualTo(5);
    assertThat(s.toString())
        .isEqualTo("LedgerSnapshot{contributors=5, contributions=2, events=4, retracted=3}");
    assertThat(s.event(3)).isEqualTo(Endorsement.ofContribution("bob", "answer-18", "upvote", NOW));
    assertThat(s.retracted(0)).isTrue();
    assertThat(s.retracted(3)).isTrue();
    assertThat(s.entries()).contains(LedgerEntry.merge("carol", "bob")); // through bob-old
  }

  private static Arguments bad(String line4, String message) {
    return Arguments.of(line4, message);
  }

  static Stream<Arguments> badLines() {
    String longId = "x".repeat(1025);
    return Stream.of(
        bad(
            "{\"endorser\":\"alice\",\"target\":\"bob\",\"kind\":\"upvote\"",
            "events.jsonl:4:51: Unexpected end-of-input: expected close marker for Object; a line"
                + " of a ledger file is one JSON object, such as {\"contributor\":\"alice\"}"),
        bad("{\"contributor\":\"carol\"}}", "events.jsonl:4:24: Unexpected close marker '}'"),
        bad(
            "{\"contributor\":\"carol\"} {\"contributor\":\"dan\"}",
            "events.jsonl:4:25: more content after the entry; a line holds exactly one entry"),
        bad(
            "[1, 2]",
            "events.jsonl:4:1: expected a JSON object, found an array; an entry is one of"),
        bad("null", "events.jsonl:4:1: found null; an entry is one of"),
        bad(
            "{\"contributer\":\"carol\"}",
            "events.jsonl:4:2: unknown field \"contributer\" (did you mean \"contributor\"?); an"
                + " entry has the fields contributor, contribution, time, authors, tags, endorser,"
                + " target, kind, value, retract, merge, into"),
        bad(
            "{\"contributor\":\"carol\",\"contributor\":\"dan\"}",
            "events.jsonl:4:24: field \"contributor\" is given twice; give each field once"),
        bad(
            "{\"contributor\":7}",
            "events.jsonl:4:16: contributor: expected a string, found a number (7)"),
        bad(
            "{\"contributor\":\"\"}",
            "events.jsonl:4:16: contributor: is empty; give a non-empty id"),
        bad(
            "{\"contributor\":\"" + longId + "\"}",
            "events.jsonl:4:16: contributor: an id of 1,025 characters is longer than the limit of"
                + " 1,024; check that this is the file you meant, or raise the limit with"
                + " LedgerJson.builder().maxIdLength(n)"),
        bad(
            "{\"endorser\":\"alice\",\"target\":\"bob\",\"kind\":\"upvote\",\"time\":\"yesterday\"}",
            "events.jsonl:4:59: time: \"yesterday\" is not an ISO-8601 instant; write e.g."
                + " \"2026-11-01T12:00:00Z\" (UTC)"),
        bad(
            "{\"endorser\":\"alice\",\"target\":\"bob\",\"kind\":\"upvote\",\"value\":NaN,"
                + "\"time\":\"2026-11-01T12:00:00Z\"}",
            "events.jsonl:4:63: Non-standard token 'NaN': JSON has no NaN or Infinity; give a"
                + " finite number; a line of a ledger file is one JSON object"),
        bad(
            "{\"endorser\":\"alice\",\"target\":\"bob\",\"kind\":\"upvote\",\"value\":1e999,"
                + "\"time\":\"2026-11-01T12:00:00Z\"}",
            "events.jsonl:4:60: value: 1e999 is too large for a double; give a finite number"),
        bad(
            "{\"endorser\":\"alice\",\"target\":\"bob\",\"kind\":\"upvote\"}",
            "events.jsonl:4:1: an endorsement event needs \"time\" (when it was made)"),
        bad(
            "{\"endorser\":\"alice\",\"kind\":\"upvote\",\"time\":\"2026-11-01T12:00:00Z\"}",
            "events.jsonl:4:1: an endorsement event needs \"target\" (the endorsed contributor) or"
                + " \"contribution\""),
        bad(
            "{\"endorser\":\"alice\",\"target\":\"bob\",\"contribution\":\"answer-17\","
                + "\"kind\":\"upvote\",\"time\":\"2026-11-01T12:00:00Z\"}",
            "events.jsonl:4:51: contribution: an event has one target"),
        bad(
            "{\"contribution\":\"answer-18\",\"time\":\"2026-11-01T12:00:00Z\",\"kind\":\"x\","
                + "\"authors\":{\"bob\":1}}",
            "events.jsonl:4:66: kind: does not belong in a contribution, which has the fields"
                + " contribution, time, authors, tags"),
        bad(
            "{\"contribution\":\"answer-18\",\"time\":\"2026-11-01T12:00:00Z\","
                + "\"authors\":{\"bob\":1},\"tags\":[\"home brewing\"]}",
            "events.jsonl:4:86: tags: tag 'home brewing' of contribution 'answer-18' holds"
                + " whitespace; a tag is one word without whitespace or commas"),
        bad(
            "{\"contribution\":\"answer-18\",\"time\":\"2026-11-01T12:00:00Z\","
                + "\"authors\":{\"bob\":1},\"tags\":[\"x\",\"x\"]}",
            "events.jsonl:4:91: tags[1]: tag 'x' is given twice; list each tag once"),
        bad(
            "{\"contribution\":\"answer-18\",\"time\":\"2026-11-01T12:00:00Z\","
                + "\"authors\":{\"bob\":1},\"tags\":\"x\"}",
            "events.jsonl:4:86: tags: expected an array of tags such as [\"brewing\"], found"),
        bad(
            "{\"contribution\":\"answer-18\",\"time\":\"2026-11-01T12:00:00Z\","
                + "\"authors\":{\"bob\":0}}",
            "events.jsonl:4:69: authors: share 0.0 of author 'bob' of contribution 'answer-18'"
                + " must be a finite number > 0"),
        bad(
            "{\"contribution\":\"answer-18\",\"time\":\"2026-11-01T12:00:00Z\","
                + "\"authors\":{\"bob\":1,\"bob\":2}}",
            "events.jsonl:4:78: authors.bob: is given twice; list each author once"),
        bad("{\"retract\":-1}", "events.jsonl:4:12: retract: -1 is negative"),
        bad(
            "{\"retract\":99999999999999999999}",
            "events.jsonl:4:12: retract: 99999999999999999999 is too large"),
        bad(
            "{\"retract\":1.5}",
            "events.jsonl:4:12: retract: expected a whole number, found a number (1.5)"),
        bad("{\"merge\":\"bob\"}", "events.jsonl:4:1: a merge needs \"into\""),
        bad(
            "{\"merge\":\"bob\",\"into\":\"bob\"}",
            "events.jsonl:4:1: cannot merge 'bob' into itself"),
        bad("{}", "events.jsonl:4:1: the entry has no field that says what it is"),
        bad("{\"contributor\":\"a\u0001b\"}", "events.jsonl:4:18: Illegal unquoted character"),
        // refused by the ledger, with the line of the entry
        bad(
            "{\"endorser\":\"alice\",\"contribution\":\"answer-99\",\"kind\":\"upvote\","
                + "\"time\":\"2026-11-01T12:00:00Z\"}",
            "events.jsonl:4: unknown contribution 'answer-99': register it with"
                + " addContribution(...) before endorsing it"),
        bad(
            "{\"contribution\":\"answer-17\",\"time\":\"2026-11-01T12:00:00Z\","
                + "\"authors\":{\"carol\":1}}",
            "events.jsonl:4: contribution 'answer-17' is already registered"),
        bad(
            "{\"merge\":\"bob\",\"into\":\"bbo\"}",
            "events.jsonl:4: cannot merge 'bob' into 'bbo': 'bbo' is not a contributor of this"
                + " ledger; check the spelling, or, if 'bbo' is a new person, register it first"),
        bad(
            "{\"retract\":1}",
            "events.jsonl:4: no event 1: event ids are the values record(...) returned, and this"
                + " ledger has 1 events counting those of the batch before this entry"),
        bad(
            "{\"endorser\":\"alice\",\"target\":\"bob\",\"kind\":\"upvote\","
                + "\"time\":\"3026-11-01T12:00:00Z\"}",
            "events.jsonl:4: time 3026-11-01T12:00:00Z of endorsement 'alice' -> 'bob' (upvote)"
                + " is"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badLines")
  void read_badLine_throwsNamingFileAndLineAndChangesNothing(String line4, String message)
      throws IOException {
    String text =
        "{\"contribution\":\"answer-17\",\"time\":\"2026-11-01T12:00:00Z\",\"authors\":{\"bob\":1.0}}\n"
            + "\n" // blank lines count
            + "{\"endorser\":\"alice\",\"contribution\":\"answer-17\",\"kind\":\"upvote\","
            + "\"time\":\"2026-11-01T12:00:00Z\"}\n"
            + line4
            + "\n{\"contributor\":\"zed\"}\n";
    Ledger ledger = example();
    String before = LedgerContent.of(ledger.snapshot());

    assertThatThrownBy(() -> LedgerJson.defaults().read(stream(text), SOURCE, Ledger.create()))
        .isInstanceOf(InputFormatException.class)
        .hasMessageStartingWith(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("REDACTED", "JsonReadFeature"));
    assertThatThrownBy(() -> LedgerJson.defaults().read(stream(text), SOURCE, ledger))
        .isInstanceOf(InputFormatException.class);

    assertThat(LedgerContent.of(ledger.snapshot())).isEqualTo(before);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badLines")
  void read_inChunksOfOneOrTwoEntries_sameMessageAndNothingChanges(String line4, String message)
      throws IOException {
    String text =
        "{\"contribution\":\"answer-17\",\"time\":\"2026-11-01T12:00:00Z\",\"authors\":{\"bob\":1.0}}\n"
            + "\n"
            + "{\"endorser\":\"alice\",\"contribution\":\"answer-17\",\"kind\":\"upvote\","
            + "\"time\":\"2026-11-01T12:00:00Z\"}\n"
            + line4
            + "\n{\"contributor\":\"zed\"}\n";
    for (int chunk : new int[] {1, 2}) {
      Ledger empty = Ledger.create();
      Ledger ledger = example();
      String before = LedgerContent.of(ledger.snapshot());

      assertThatThrownBy(() -> LedgerJson.defaults().read(stream(text), SOURCE, empty, chunk))
          .isInstanceOf(InputFormatException.class)
          .hasMessageStartingWith(message);
      assertThatThrownBy(() -> LedgerJson.defaults().read(stream(text), SOURCE, ledger, chunk))
          .isInstanceOf(InputFormatException.class);

      assertThat(LedgerContent.of(empty.snapshot()))
          .isEqualTo(LedgerContent.of(Ledger.create().snapshot()));
      assertThat(LedgerContent.of(ledger.snapshot())).isEqualTo(before);
    }
  }

  @Test
  void read_invalidUtf8_namesLineAndColumn() {
    byte[] bytes = "{\"contributor\":\"alice\"}\n{\"contributor\":\"a\u00e9\"}\n".getBytes(UTF_8);
    bytes[bytes.length - 4] = (byte) 0xff; // the second byte of the é

    assertThatThrownBy(
            () ->
                LedgerJson.defaults()
                    .read(new ByteArrayInputStream(bytes), SOURCE, Ledger.create()))
        .isInstanceOf(InputFormatException.class)
        .hasMessage("events.jsonl:2:18: not valid UTF-8 text (byte 0xc3); save the file as UTF-8");
  }

  @Test
  void read_endlessLine_refusedAtTheLimitWithoutReadingTheRest() {
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            return 'x';
          }
        };
    LedgerJson reader = LedgerJson.builder().maxLineBytes(100_000).build();

    assertThatThrownBy(() -> reader.read(endless, SOURCE, Ledger.create()))
        .isInstanceOf(InputFormatException.class)
        .hasMessage(
            "events.jsonl:1: the line is longer than the limit of 100,000 bytes; check that this"
                + " is the file you meant, or raise the limit with"
                + " LedgerJson.builder().maxLineBytes(n)");
  }

  @Test
  void read_moreEntriesThanTheLimit_refused() throws IOException {
    Ledger ledger = Ledger.create();
    LedgerJson reader = LedgerJson.builder().maxEntries(9).build();

    assertThat(reader.read(stream(EXAMPLE.substring(EXAMPLE.indexOf('\n') + 1)), SOURCE, ledger))
        .isEqualTo(9);
    assertThatThrownBy(() -> reader.read(stream(EXAMPLE), SOURCE, Ledger.create()))
        .isInstanceOf(InputFormatException.class)
        .hasMessage(
            "events.jsonl:10: more than 9 entries; a file is applied as one batch, and this is the"
                + " limit: check that this is the file you meant, or raise the limit with"
                + " LedgerJson.builder().maxEntries(n)");
    assertThat(reader.maxEntries()).isEqualTo(9);
    assertThat(reader.maxLineBytes()).isEqualTo(LedgerJson.DEFAULT_MAX_LINE_BYTES);
    assertThat(reader.maxIdLength()).isEqualTo(LedgerJson.DEFAULT_MAX_ID_LENGTH);
  }

  @Test
  void siteEventIds_writtenAndReadBack_keepExactlyOnce() throws IOException {
    Ledger ledger = Ledger.create();
    ledger.record("vote-17", Endorsement.of("alice", "bob", "upvote", NOW));
    ledger.record(Endorsement.of("carol", "bob", "upvote", NOW));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LedgerJson.write(ledger.snapshot(), out);
    String text = out.toString(UTF_8);

    Ledger copy = read(text);

    assertThat(text)
        .isEqualTo(
            """
            {"contributor":"alice"}
            {"contributor":"bob"}
            {"contributor":"carol"}
            {"id":"vote-17","endorser":"alice","target":"bob","kind":"upvote","time":"2026-11-01T12:00:00Z"}
            {"endorser":"carol","target":"bob","kind":"upvote","time":"2026-11-01T12:00:00Z"}
            """);
    assertThat(copy.snapshot().siteId(0)).contains("vote-17");
    assertThat(copy.snapshot().siteId(1)).isEmpty();
    assertThat(copy.record("vote-17", Endorsement.of("alice", "bob", "upvote", NOW))).isZero();
    assertThat(copy.eventCount()).isEqualTo(2);
    LedgerJson.defaults()
        .read(stream(text.lines().skip(3).findFirst().orElseThrow()), SOURCE, copy);
    assertThat(copy.eventCount()).isEqualTo(2); // the line again: nothing new
  }

  @Test
  void read_gzipBomCrlfBlankLinesAndAnyFieldOrder_accepted() throws IOException {
    String text =
        "\ufeff\r\n{\"time\":\"2026-11-01T12:00:00Z\",\"kind\":\"upvote\",\"target\":\"bob\","
            + "\"endorser\":\"alice\"}\r\n   \n"
            + "{\"into\":\"bob\",\"merge\":\"bob-old\"}"; // bob: registered by the line before
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      gzip.write(text.getBytes(UTF_8));
    }
    Ledger ledger = Ledger.create();

    int entries =
        LedgerJson.defaults().read(new ByteArrayInputStream(zipped.toByteArray()), SOURCE, ledger);

    assertThat(entries).isEqualTo(2);
    assertThat(ledger.snapshot().event(0)).isEqualTo(Endorsement.of("alice", "bob", "upvote", NOW));
    assertThat(ledger.toString())
        .isEqualTo("Ledger{contributors=3, contributions=0, events=1, retracted=0}");
  }

  @Test
  void read_validator_refusesAnEventWithItsLine() {
    ScoringPolicy policy = ScoringPolicy.builder().build();
    LedgerJson reader = LedgerJson.builder().validator(policy::check).build();
    String text =
        "{\"endorser\":\"alice\",\"target\":\"bob\",\"kind\":\"upvote\",\"time\":\"2026-11-01T12:00:00Z\"}\n"
            + "{\"endorser\":\"alice\",\"target\":\"bob\",\"kind\":\"retweet\",\"time\":\"2026-11-01T12:00:00Z\"}\n";
    Ledger ledger = Ledger.create();

    assertThatThrownBy(() -> reader.read(stream(text), SOURCE, ledger))
        .isInstanceOf(InputFormatException.class)
        .hasMessageStartingWith("events.jsonl:2: ")
        .hasMessageContaining("retweet");
    assertThat(ledger.eventCount()).isZero();
  }

  @Test
  void read_ledgerValidatorRefuses_reportedForTheFile() {
    Ledger ledger =
        Ledger.builder()
            .validator(
                e -> {
                  throw new IllegalArgumentException("no " + e.kind() + " here");
                })
            .build();

    assertThatThrownBy(() -> LedgerJson.defaults().read(stream(EXAMPLE), SOURCE, ledger))
        .isInstanceOf(InputFormatException.class)
        .hasMessage("events.jsonl: the ledger refused the file: no upvote here");
    assertThat(ledger.contributorCount()).isZero();
  }

  @Test
  void line_eachShape_readsBackEqual() throws IOException {
    Map<String, Double> shares = new LinkedHashMap<>();
    shares.put("bob", 0.1);
    shares.put("carol \"c\"", 3.0);
    List<LedgerEntry> entries =
        List.of(
            LedgerEntry.contributor("al\u00efce \u2603 \ud83d\ude00"),
            LedgerEntry.contribution("answer-17", NOW.plusNanos(123_456_789), shares),
            LedgerEntry.event(Endorsement.ofContribution("alice", "answer-17", "upvote", NOW)),
            LedgerEntry.event(Endorsement.rating("dave", "bob", "trust", 1e-12, NOW)),
            LedgerEntry.event(Endorsement.ratingOfContribution("d", "a", "k", -0.0, NOW)),
            LedgerEntry.retraction(Long.MAX_VALUE),
            LedgerEntry.merge("bob-old", "bob"));

    for (LedgerEntry entry : entries) {
      String line = LedgerJson.line(entry);
      assertThat(line).doesNotContain("\n");
      assertThat(Json.MAPPER.readValue(line, LedgerEntry.class)).isEqualTo(entry);
    }
    assertThat(LedgerJson.line(entries.get(3)))
        .isEqualTo(
            "{\"endorser\":\"dave\",\"target\":\"bob\",\"kind\":\"trust\",\"value\":1.0E-12,"
                + "\"time\":\"2026-11-01T12:00:00Z\"}");
  }

  @Test
  void classJavadocExample_runs(@TempDir Path dir) throws IOException {
    Ledger ledger = example();
    Path file = dir.resolve("ledger.jsonl");
    // LedgerJson's class javadoc, with the path in a temporary directory:
    LedgerJson.write(ledger.snapshot(), file); // atomic: old file or new
    Ledger restored = Ledger.create();
    LedgerJson.defaults().read(file, restored); // same snapshot content

    LedgerContent.assertSame(ledger.snapshot(), restored.snapshot());
  }

  @Test
  void readmePersistenceExample_runs(@TempDir Path dir) throws IOException {
    Ledger ledger = example();
    Reputation reputation = Reputation.compute(ledger, ScoringPolicy.builder().build());
    // README.md, "Running it in a live site", Persistence, verbatim:
    LedgerJson.write(ledger.snapshot(), dir.resolve("ledger.jsonl")); // everything, atomically
    Ledger restored = Ledger.create();
    LedgerJson.defaults().read(dir.resolve("ledger.jsonl"), restored); // all of it, or nothing
    ReputationSnapshot snapshot = ReputationSnapshot.of(reputation, Instant.now());
    ReputationJson.write(snapshot, dir.resolve("reputation.json")); // old file or new, never half

    LedgerContent.assertSame(ledger.snapshot(), restored.snapshot());
    assertThat(ReputationJson.read(dir.resolve("reputation.json"))).isEqualTo(snapshot);
    String readme = Files.readString(Path.of("../README.md"), UTF_8);
    assertThat(readme)
        .contains(
            """
            LedgerJson.write(ledger.snapshot(), dir.resolve("ledger.jsonl")); // everything, atomically
            Ledger restored = Ledger.create();
            LedgerJson.defaults().read(dir.resolve("ledger.jsonl"), restored); // all of it, or nothing
            ReputationSnapshot snapshot = ReputationSnapshot.of(reputation, Instant.now());
            ReputationJson.write(snapshot, dir.resolve("reputation.json")); // old file or new, never half
            """);
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        Arguments.of(
            (Consumer<LedgerJson.Builder>) b -> b.maxLineBytes(0),
            "maxLineBytes 0 must be at least 1"),
        Arguments.of(
            (Consumer<LedgerJson.Builder>) b -> b.maxIdLength(-1),
            "maxIdLength -1 must be at least 1"),
        Arguments.of(
            (Consumer<LedgerJson.Builder>) b -> b.maxEntries(0), "maxEntries 0 must be at least 1"),
        Arguments.of(
            (Consumer<LedgerJson.Builder>) b -> b.validator(null),
            "validator is null; leave it unset for none"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badSettings")
  void builder_badSetting_throwsWithMessage(Consumer<LedgerJson.Builder> set, String message) {
    assertThatThrownBy(() -> set.accept(LedgerJson.builder())).hasMessage(message);
  }

  @Test
  void defaults_documentedValues() {
    assertThat(LedgerJson.DEFAULT_MAX_LINE_BYTES).isEqualTo(1 << 20);
    assertThat(LedgerJson.DEFAULT_MAX_ID_LENGTH).isEqualTo(1024);
    assertThat(LedgerJson.DEFAULT_MAX_ENTRIES).isEqualTo(10_000_000);
    assertThat(Duration.ofDays(1)).isEqualTo(Ledger.DEFAULT_MAX_FUTURE);
  }
}
