package dev.wuffie.jmh;

import dev.wuffie.io.EdgeListReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reads an uncompressed CSV edge list into a graph: {@code EdgeListReader.read(path)}, from the
 * bytes of the file (in the page cache after the first read) to the built {@code EndorsementGraph}.
 *
 * <p>The file holds {@code lines} endorsements {@code endorser,endorsed,weight,timestamp} of an
 * R-MAT graph over {@code lines / 10} contributors, with weights 1 to 10 and Unix timestamps with 5
 * decimals, like {@code 1289241911.72836}. Lines per second = {@code lines} / (ms/op) * 1000.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EdgeListReadBenchmark {
  @Param({"100000", "1000000"})
  public int lines;

  private Path file;
  private EdgeListReader reader;

  @Setup
  public void setUp() throws IOException {
    Graphs.Endorsements edges = Graphs.rmat(lines, Math.max(10, lines / 10), Graphs.SEED);
    file = Files.createTempFile("wuffie-edges-", ".csv");
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      long timestamp = 1289241911_00000L; // in units of 10 microseconds
      StringBuilder line = new StringBuilder();
      for (int e = 0; e < edges.size(); e++) {
        timestamp += 37_123 + e % 1000;
        line.setLength(0);
        line.append(edges.endorsers()[e])
            .append(',')
            .append(edges.endorsed()[e])
            .append(',')
            .append((int) edges.weights()[e])
            .append(',')
            .append(timestamp / 100_000)
            .append('.')
            .append(String.valueOf(100_000 + timestamp % 100_000).substring(1))
            .append('\n');
        out.append(line);
      }
    }
    reader = EdgeListReader.create();
  }

  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
  }

  @Benchmark
  public EdgeListReader.Result read() throws IOException {
    return reader.read(file);
  }
}
