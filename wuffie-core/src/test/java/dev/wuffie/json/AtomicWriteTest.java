package dev.wuffie.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wuffie.Endorsement;
import dev.wuffie.Ledger;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing a snapshot or an export fails part way: the old file stays, no temporary file left. */
final class AtomicWriteTest {
  private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

  /** Makes a stream throw once {@code limit} bytes have gone through it. */
  private static UnaryOperator<OutputStream> failingAfter(long limit) {
    return out ->
        new FilterOutputStream(out) {
          private long written;

          @Override
          public void write(int b) throws IOException {
            if (written++ == limit) {
              throw new IOException("disk full (simulated) after " + limit + " bytes");
            }
            out.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            for (int i = 0; i < len; i++) {
              write(b[off + i]);
            }
          }
        };
  }

  private static Ledger ledger(int voters) {
    Ledger ledger = Ledger.create();
    for (int i = 0; i < voters; i++) {
      ledger.record(Endorsement.of("voter-" + i, "m" + i % 7, "upvote", NOW));
    }
    return ledger;
  }

  private static ReputationSnapshot snapshot(int voters) {
    return ReputationSnapshot.of(
        Reputation.compute(ledger(voters), ScoringPolicy.builder().build()), NOW);
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  @Test
  void reputationWrite_failsMidway_oldSnapshotSurvivesByteForByte(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("reputation.json");
    ReputationJson.write(snapshot(10), file);
    byte[] old = Files.readAllBytes(file);
    ReputationSnapshot bigger = snapshot(20_000);

    for (long limit : new long[] {0, 1, 100, 70_000, 150_000}) {
      assertThatThrownBy(() -> ReputationJson.write(bigger, file, failingAfter(limit)))
          .isInstanceOf(IOException.class)
          .hasMessage("disk full (simulated) after " + limit + " bytes");

      assertThat(Files.readAllBytes(file)).isEqualTo(old);
      assertThat(files(dir)).containsExactly(file);
    }
    ReputationJson.write(bigger, file, failingAfter(Long.MAX_VALUE));
    assertThat(ReputationJson.read(file)).isEqualTo(bigger);
    assertThat(files(dir)).containsExactly(file);
  }

  @Test
  void ledgerWrite_failsMidway_oldExportSurvivesByteForByte(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("ledger.jsonl");
    LedgerJson.write(ledger(10).snapshot(), file);
    byte[] old = Files.readAllBytes(file);
    Ledger bigger = ledger(20_000);

    assertThatThrownBy(() -> LedgerJson.write(bigger.snapshot(), file, failingAfter(100_000)))
        .isInstanceOf(IOException.class)
        .hasMessage("disk full (simulated) after 100000 bytes");

    assertThat(Files.readAllBytes(file)).isEqualTo(old);
    assertThat(files(dir)).containsExactly(file);
  }

  @Test
  void write_newFile_createdWithNoTemporaryFileLeft(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("sub dir").resolve("reputation.json");
    Files.createDirectory(file.getParent());

    ReputationJson.write(snapshot(3), file);
    LedgerJson.write(ledger(3).snapshot(), dir.resolve("ledger.jsonl"));

    assertThat(files(file.getParent())).containsExactly(file);
    assertThat(files(dir)).containsExactlyInAnyOrder(file.getParent(), dir.resolve("ledger.jsonl"));
  }

  @Test
  void write_contentThrowsUnchecked_temporaryFileDeleted(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("out.json");

    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    file,
                    out -> {
                      out.write(new byte[100_000]);
                      throw new IllegalStateException("a bug in the writer");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(files(dir)).isEmpty();
  }
}
