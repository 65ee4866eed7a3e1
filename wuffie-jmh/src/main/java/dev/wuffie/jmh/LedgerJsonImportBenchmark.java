package dev.wuffie.jmh;

import dev.wuffie.Ledger;
import dev.wuffie.LiveReputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.json.LedgerJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 * How fast a ledger file is imported into a live reputation: {@code LedgerJson.importInto} of the
 * file of {@link LedgerJsonReadBenchmark} (held in memory) into a new {@code LiveReputation}, in
 * chunks, each checked against the policy and applied; no refresh. Compare with {@link
 * LedgerJsonReadBenchmark}, which reads the same file into a ledger all or nothing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx8g")
public class LedgerJsonImportBenchmark {
  @Param({"rmat-1M"})
  public String graph;

  private byte[] file;
  private final ScoringPolicy policy = ScoringPolicy.builder().kind("upvote", 1).build();

  @Setup
  public void setUp() {
    file = LedgerJsonReadBenchmark.file(graph);
  }

  @Benchmark
  public LiveReputation importInto() throws IOException {
    LiveReputation live = LiveReputation.builder(Ledger.create(), policy).build();
    LedgerJson.defaults().importInto(new ByteArrayInputStream(file), graph, live);
    return live;
  }
}
