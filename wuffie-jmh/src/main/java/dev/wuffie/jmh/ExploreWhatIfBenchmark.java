package dev.wuffie.jmh;

import dev.wuffie.Ledger;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.explore.ExploreServer;
import dev.wuffie.explore.Explorer;
import dev.wuffie.json.PolicyJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * What the explorer's what-if costs as the page sees it: {@code POST /api/whatif} to a {@code
 * wuffie explore} server in this JVM, over the {@link SyntheticSite} with {@code votes} votes (a
 * tenth as many members, a fifth as many answers, a 365-day half-life), answered with the re-scored
 * ranking, who rises and falls, both rank correlations and both policies' health. Two what-ifs:
 *
 * <ul>
 *   <li>{@code kindWeight}: {@code accepted} weighs 1 instead of 4;
 *   <li>{@code capAndReciprocal}: an influence cap of 0.5 and a reciprocal weight of 0.5 (the cap
 *       scores in rounds, so it costs several solves).
 * </ul>
 *
 * <pre>
 * java -jar wuffie-jmh/target/benchmarks.jar ExploreWhatIfBenchmark
 * </pre>
 *
 * <p>{@link #current} posts the current policy itself, the cost of a re-score with nothing changed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class ExploreWhatIfBenchmark {
  @Param({"100000", "1000000"})
  public long votes;

  private ExploreServer server;
  private HttpClient client;
  private URI whatIf;
  private String current;
  private String kindWeight;
  private String capAndReciprocal;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    SyntheticSite site = new SyntheticSite((int) Math.max(1, votes / 10), votes);
    Ledger ledger = site.ledger();
    Reputation reputation = Reputation.compute(ledger, SyntheticSite.POLICY);
    Explorer explorer = Explorer.of(ledger, reputation, "synthetic site", List.of());
    server =
        ExploreServer.start(
            explorer,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new PrintWriter(new StringWriter()));
    client = HttpClient.newHttpClient();
    whatIf = server.uri().resolve("/api/whatif");
    ScoringPolicy policy = SyntheticSite.POLICY;
    current = PolicyJson.write(policy);
    kindWeight = PolicyJson.write(policy.toBuilder().kind("accepted", 1).build());
    capAndReciprocal =
        PolicyJson.write(policy.toBuilder().influenceCap(0.5).reciprocalWeight(0.5).build());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    server.close();
  }

  @Benchmark
  public String current() throws Exception {
    return post(current);
  }

  @Benchmark
  public String kindWeight() throws Exception {
    return post(kindWeight);
  }

  @Benchmark
  public String capAndReciprocal() throws Exception {
    return post(capAndReciprocal);
  }

  /** The site's answers and all its initial votes in a ledger. */
  private String post(String policy) throws Exception {
    HttpResponse<String> answer =
        client.send(
            HttpRequest.newBuilder(whatIf)
                .POST(HttpRequest.BodyPublishers.ofString(policy))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "what-if answered " + answer.statusCode() + ": " + answer.body());
    }
    return answer.body();
  }
}
