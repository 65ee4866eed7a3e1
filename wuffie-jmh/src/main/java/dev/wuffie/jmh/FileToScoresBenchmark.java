package dev.wuffie.jmh;

import dev.wuffie.Reputation;
import dev.wuffie.Standing;
import dev.wuffie.io.EdgeListReader;
import dev.wuffie.rank.RankSolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * What {@code wuffie score --input FILE} does, in the JVM: reads a tab-separated edge list file
 * ({@link EdgeListWriter}'s, {@code endorser<TAB>endorsed<TAB>weight}, numeric ids) into a graph,
 * scores it with the default solver (L1 change below 1e-10) and takes the top 20, as the command
 * line does without options. The file is written in setup and is in the page cache after the first
 * read. Lines per second = {@code graph}'s endorsements / (ms/op) * 1000.
 *
 * <p>The JVM's start-up, which {@code java -jar wuffie.jar} adds, is not measured: see the README
 * for the command line's own figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class FileToScoresBenchmark {
  @Param({"rmat-1M", "rmat-10M"})
  public String graph;

  private Path file;

  @Setup
  public void setUp() throws IOException {
    file = Files.createTempFile("wuffie-" + graph + "-", ".tsv");
    EdgeListWriter.write(Graphs.load(graph), file);
  }

  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
  }

  @Benchmark
  public List<Standing> score() throws IOException {
    EdgeListReader.Result read = EdgeListReader.create().read(file);
    return Reputation.compute(read.graph(), RankSolver.defaults(), Map.of()).top(20);
  }
}
