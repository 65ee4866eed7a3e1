package dev.wuffie.jmh;

import dev.wuffie.Endorsement;
import dev.wuffie.Ledger;
import dev.wuffie.json.LedgerJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast a ledger file is read back: {@code LedgerJson.read} of a file (held in memory, so that
 * the disk is not measured) into a new ledger, parsing and applying included. The file is what
 * {@code LedgerJson.write} makes of a ledger with one upvote per R-MAT endorsement, each with a
 * site id and its own time (seconds apart, as a site's votes are), after the contributor entries.
 * Entries per second are the file's entries divided by the time of one read; {@link #main} prints
 * the entry count: {@code java -cp wuffie-jmh/target/benchmarks.jar
 * dev.wuffie.jmh.LedgerJsonReadBenchmark [graph...]}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx8g")
public class LedgerJsonReadBenchmark {
  @Param({"rmat-1M"})
  public String graph;

  private byte[] file;

  @Setup
  public void setUp() {
    file = file(graph);
  }

  @Benchmark
  public Ledger read() throws IOException {
    Ledger ledger = Ledger.create();
    LedgerJson.defaults().read(new ByteArrayInputStream(file), graph, ledger);
    return ledger;
  }

  /** The ledger file of {@code graph}, as described above. */
  static byte[] file(String graph) {
    Graphs.Endorsements input = Graphs.load(graph);
    Ledger ledger = Ledger.create();
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    for (int e = 0; e < input.size(); e++) {
      ledger.record(
          "vote-" + e,
          Endorsement.of(
              input.ids()[input.endorsers()[e]],
              input.ids()[input.endorsed()[e]],
              "upvote",
              start.plusSeconds(7L * e)));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      LedgerJson.write(ledger.snapshot(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Prints the entry count and size of each graph's file (default rmat-1M). */
  public static void main(String[] args) {
    for (String name : args.length == 0 ? new String[] {"rmat-1M"} : args) {
      byte[] file = file(name);
      long lines = 0;
      for (byte b : file) {
        lines += b == '\n' ? 1 : 0;
      }
      System.out.printf("%s: %,d entries, %,d bytes%n", name, lines, file.length);
    }
  }
}
