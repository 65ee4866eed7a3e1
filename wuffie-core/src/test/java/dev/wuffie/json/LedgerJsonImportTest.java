package dev.wuffie.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wuffie.BitcoinOtc;
import dev.wuffie.Endorsement;
import dev.wuffie.KindWeight;
import dev.wuffie.Ledger;
import dev.wuffie.LedgerEntry;
import dev.wuffie.LiveReputation;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.io.InputFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LedgerJson#importInto}: a file into a live reputation, in chunks, through its policy. */
final class LedgerJsonImportTest {
  private static final Instant T = Instant.parse("2016-01-01T00:00:00Z");
  private static final String SOURCE = "export.jsonl";
  private static final ScoringPolicy POLICY =
      ScoringPolicy.builder()
          .kind("upvote", 1)
          .kind("thanks", 2)
          .kind(KindWeight.rated("trust", 0, 0.1))
          .build();

  private static LiveReputation live() {
    return LiveReputation.builder(Ledger.create(), POLICY).warmStart(false).build();
  }

  /** bitcoin-otc's ratings as trust events, with contributions, merges and retractions. */
  private static byte[] export() throws IOException {
    Ledger ledger = BitcoinOtc.ledger("trust");
    ledger.addContribution("post-1", T, "7", "new-author");
    ledger.record(Endorsement.ofContribution("35", "post-1", "upvote", T));
    ledger.record("site-9", Endorsement.of("reader", "35", "thanks", T.plusMillis(3)));
    for (long e = 0; e < 35_592; e += 997) {
      ledger.retract(e);
    }
    ledger.merge("2", "1");
    ledger.merge("1", "35");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LedgerJson.write(ledger.snapshot(), out);
    return out.toByteArray();
  }

  @Test
  void importInto_bitcoinOtcInChunks_scoresAsTheLedgerReadWhole(@TempDir Path dir)
      throws IOException {
    byte[] export = export();
    Ledger whole = Ledger.create();
    int entries = LedgerJson.defaults().read(new ByteArrayInputStream(export), SOURCE, whole);
    Reputation expected = Reputation.compute(whole, POLICY);
    LiveReputation live = live();
    List<Integer> batches = new ArrayList<>();

    long imported =
        LedgerJson.defaults()
            .importInto(
                new ByteArrayInputStream(export),
                SOURCE,
                batch -> {
                  batches.add(batch.size());
                  live.apply(batch);
                },
                1000);
    live.refresh();
    Reputation scored = live.latest().orElseThrow();

    assertThat(imported).isEqualTo(entries);
    LedgerContent.assertSame(whole.snapshot(), live.ledger().snapshot());
    assertThat(scored.ids()).isEqualTo(expected.ids());
    for (String id : expected.ids()) {
      assertThat(scored.score(id)).as(id).isEqualTo(expected.score(id));
    }
    assertThat(batches).allMatch(size -> size <= 1000).hasSize((entries + 999) / 1000);
    // the public method, from a file, gives the same ledger
    Path file = dir.resolve(SOURCE);
    Files.write(file, export);
    LiveReputation again = live();
    assertThat(LedgerJson.defaults().importInto(file, again)).isEqualTo(entries);
    LedgerContent.assertSame(whole.snapshot(), again.ledger().snapshot());
  }

  @Test
  void importInto_streamLargerThanAChunk_holdsAFewChunksAtMost() throws IOException {
    int lines = 50_000;
    int chunk = 1000;
    Generated input = new Generated(lines);
    LiveReputation live = live();
    List<Integer> batches = new ArrayList<>();
    long[] appliedBefore = {0};

    LedgerJson.defaults()
        .importInto(
            input,
            SOURCE,
            batch -> {
              // what was read so far: the entries applied, this chunk, one waiting, one being read
              // and the reader's buffer
              long readable = (appliedBefore[0] + 3L * chunk + 1) * input.longestLine + (1 << 16);
              assertThat(input.produced).isLessThanOrEqualTo(readable);
              batches.add(batch.size());
              live.apply(batch);
              appliedBefore[0] += batch.size();
            },
            chunk);

    assertThat(batches).hasSize(lines / chunk).allMatch(size -> size == chunk);
    assertThat(live.ledger().eventCount()).isEqualTo(lines);
    assertThat(live.ledger().snapshot().event(lines - 1))
        .isEqualTo(Endorsement.of("u" + (lines - 1) % 997, "u" + (lines - 1) % 991, "upvote", T));
  }

  @Test
  void importInto_badLineInALaterChunk_importsEveryLineBeforeIt() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 2504; i++) {
      text.append(LedgerJson.line(LedgerEntry.event(Endorsement.of("a" + i, "b", "upvote", T))))
          .append('\n');
    }
    text.append("{\"endorser\":\"x\",\"target\":\"b\",\"kind\":\"upvote\"}\n"); // line 2505
    text.append(LedgerJson.line(LedgerEntry.contributor("after"))).append('\n');
    LiveReputation live = live();

    assertThatThrownBy(() -> importText(text.toString(), live))
        .isInstanceOf(InputFormatException.class)
        .hasMessageStartingWith(
            "export.jsonl:2505:1: an endorsement event needs \"time\" (when it was made)");

    assertThat(live.ledger().eventCount()).isEqualTo(2504);
    assertThat(live.ledger().snapshot().event(2503))
        .isEqualTo(Endorsement.of("a2503", "b", "upvote", T));
    assertThat(live.ledger().snapshot().containsContributor("after")).isFalse();
  }

  @Test
  void importInto_kindThePolicyRefuses_importsTheLinesBeforeAndNamesTheLine() throws IOException {
    String text =
        "{\"contributor\":\"alice\"}\n"
            + "{\"endorser\":\"alice\",\"target\":\"bob\",\"kind\":\"upvote\",\"time\":\"2016-01-01T00:00:00Z\"}\n"
            + "\n"
            + "{\"endorser\":\"alice\",\"target\":\"bob\",\"kind\":\"retweet\",\"time\":\"2016-01-01T00:00:00Z\"}\n"
            + "{\"endorser\":\"bob\",\"target\":\"alice\",\"kind\":\"upvote\",\"time\":\"2016-01-01T00:00:00Z\"}\n";
    LiveReputation live = live();

    assertThatThrownBy(() -> importText(text, live))
        .isInstanceOf(InputFormatException.class)
        .hasMessageStartingWith(
            "export.jsonl:4: unknown kind 'retweet' of endorsement alice -> bob; the policy knows"
                + " [upvote, ");

    assertThat(live.ledger().eventCount()).isEqualTo(1);
    assertThat(live.ledger().contributorCount()).isEqualTo(2);
  }

  @Test
  void importInto_entryTheLedgerRefuses_namesItsLine() throws IOException {
    String text =
        "{\"contributor\":\"alice\"}\n"
            + "{\"endorser\":\"alice\",\"contribution\":\"post-9\",\"kind\":\"upvote\","
            + "\"time\":\"2016-01-01T00:00:00Z\"}\n";
    LiveReputation live = live();

    assertThatThrownBy(() -> importText(text, live))
        .isInstanceOf(InputFormatException.class)
        .hasMessage(
            "export.jsonl:2: unknown contribution 'post-9': register it with addContribution(...)"
                + " before endorsing it");

    assertThat(live.ledger().contributorCount()).isEqualTo(1);
    assertThat(live.ledger().eventCount()).isZero();
  }

  private static void importText(String text, LiveReputation live) throws IOException {
    LedgerJson.defaults()
        .importInto(new ByteArrayInputStream(text.getBytes(UTF_8)), SOURCE, live::apply, 1000);
  }

  /** Event lines made as they are read, counting the bytes handed out. */
  private static final class Generated extends InputStream {
    private final int lines;
    private int line;
    private byte[] current = new byte[0];
    private int at;
    volatile long produced;
    final int longestLine = 200;

    Generated(int lines) {
      this.lines = lines;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (at == current.length) {
        if (line == lines) {
          return -1;
        }
        Endorsement e = Endorsement.of("u" + line % 997, "u" + line % 991, "upvote", T);
        current = (LedgerJson.line(LedgerEntry.event(e)) + "\n").getBytes(UTF_8);
        assertThat(current.length).isLessThan(longestLine);
        at = 0;
        line++;
      }
      int n = Math.min(len, current.length - at);
      System.arraycopy(current, at, b, off, n);
      at += n;
      produced += n;
      return n;
    }
  }
}
