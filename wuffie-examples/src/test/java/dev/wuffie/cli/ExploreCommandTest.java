package dev.wuffie.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wuffie.Explanation;
import dev.wuffie.Reputation;
import dev.wuffie.Standing;
import dev.wuffie.explore.Explorer;
import dev.wuffie.explore.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class ExploreCommandTest {
  private static final Path LEDGER = CliRun.resource("cli/qa-ledger.jsonl");
  private static final Path POLICY = CliRun.resource("cli/qa-policy.json");
  private static final Pattern URL =
      Pattern.compile("(?m)^wuffie explore: (http://127\\.0\\.0\\.1:(\\d+)/)$");

  private static LedgerScoring bundled;
  private static Http http;

  /** The bundled network scored as the command scores it without input, and served. */
  @BeforeAll
  static void serveTheBundledNetwork() throws BadInputException {
    PrintWriter err = new PrintWriter(new StringWriter(), true);
    try (Progress progress = Progress.start(err, false)) {
      bundled = LedgerScoring.run(Input.bundled(), ScoreSettings.bundled(), progress, err);
    }
    http =
        Http.serve(
            Explorer.of(
                bundled.events().ledger(), bundled.reputation(), "bundled", List.of("summary")));
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  @Test
  void bundled_leaderboard_firstRowIsTheCoresTopMember() {
    Standing top = bundled.reputation().top(1).get(0);

    JsonNode first = http.get("/api/leaderboard?limit=1").json().get("rows").get(0);

    assertThat(first.get("rank").asInt()).isEqualTo(1);
    assertThat(first.get("id").asText()).isEqualTo(top.id()).isEqualTo("35");
    assertThat(first.get("score").asDouble()).isEqualTo(top.score());
  }

  @Test
  void bundled_pagesOf1000_coverEveryMemberOnceInRankOrder() {
    Reputation core = bundled.reputation();
    List<String> paged = new ArrayList<>();
    for (int offset = 0; offset < core.size(); offset += 1000) {
      JsonNode page = http.get("/api/leaderboard?limit=1000&offset=" + offset).json();
      assertThat(page.get("total").asInt()).isEqualTo(core.size());
      page.get("rows").forEach(row -> paged.add(row.get("id").asText()));
    }

    assertThat(paged).isEqualTo(core.top(core.size()).stream().map(Standing::id).toList());
  }

  @Test
  void bundled_memberWithDistrusters_explanationEqualsTheCoresTermByTerm() {
    Reputation core = bundled.reputation();
    String id = null;
    for (Standing s : core.top(core.size())) {
      Explanation e = core.explain(s.id());
      if (e.distrusters().size() >= 3 && e.endorsers().size() >= 3) {
        id = s.id();
        break;
      }
    }
    assertThat(id).isNotNull();
    Explanation e = core.explain(id);

    JsonNode x = http.get("/api/member/" + id).json().get("explanation");

    double sum = x.get("teleport").asDouble() + x.get("returned").asDouble();
    sum += x.get("floor").asDouble() + x.get("others").asDouble();
    for (JsonNode term : x.get("endorsers")) {
      sum += term.get("amount").asDouble();
    }
    JsonNode distrusters = x.get("distrusters");
    assertThat(distrusters).hasSize(e.distrusters().size());
    for (int i = 0; i < distrusters.size(); i++) {
      assertThat(distrusters.get(i).get("id").asText())
          .isEqualTo(e.distrusters().get(i).endorser());
      assertThat(distrusters.get(i).get("amount").asDouble())
          .isEqualTo(e.distrusters().get(i).amount());
      sum -= distrusters.get(i).get("amount").asDouble();
    }
    assertThat(sum).isCloseTo(e.total(), within(1e-12));
    assertThat(sum).isCloseTo(core.score(id), within(core.errorBound()));
  }

  @Test
  void explore_busyPort_exits2NamingThePortAndPortOption() throws IOException {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = busy.getLocalPort();

      CliRun run =
          CliRun.of(
              "explore",
              "--ledger",
              LEDGER.toString(),
              "--policy",
              POLICY.toString(),
              "--port",
              String.valueOf(port));

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.errLines())
          .containsExactly(
              "wuffie: cannot serve on 127.0.0.1 port "
                  + port
                  + " (Address already in use): if the port is in use, stop what uses it or give"
                  + " another with --port (--port 0 picks a free one)");
    }
  }

  @Test
  void explore_portOutOfRange_exits2WithUsage() {
    CliRun run = CliRun.of("explore", "--port", "70000");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines())
        .containsExactly(
            "wuffie: --port 70000 must be from 0 to 65535 (0: any free port); see 'wuffie explore"
                + " --help'");
  }

  @Test
  void explore_ledger_printsTheSummaryThenTheUrlAndServesIt() throws Exception {
    PipedOutput out = new PipedOutput();
    Thread command =
        new Thread(
            () ->
                Main.run(
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    "explore",
                    "--ledger",
                    LEDGER.toString(),
                    "--policy",
                    POLICY.toString(),
                    "--port",
                    "0"),
            "explore-command-test");
    command.setDaemon(true);
    command.start();
    try {
      Matcher url = out.await(URL);
      String printed = out.text();
      List<String> summary = printed.substring(0, url.start()).lines().toList();
      CliRun score =
          CliRun.of("score", "--ledger", LEDGER.toString(), "--policy", POLICY.toString());

      assertThat(summary.get(0)).startsWith("input          " + LEDGER);
      assertThat(score.out()).startsWith(keysOf(summary));
      JsonNode answer = Http.client(url.group(1)).get("/api/summary").json();
      List<String> served = new ArrayList<>();
      answer.get("summary").forEach(line -> served.add(line.asText()));
      assertThat(served).isEqualTo(summary);
      assertThat(answer.get("members").asInt()).isEqualTo(6); // 7 accounts, bob-2024 merged
    } finally {
      command.interrupt();
      command.join(10_000);
    }
    assertThat(command.isAlive()).isFalse();
  }

  /** The summary up to the time line, whose figures differ from run to run. */
  private static String keysOf(List<String> summary) {
    StringBuilder text = new StringBuilder();
    for (String line : summary) {
      if (line.startsWith("time ")) {
        break;
      }
      text.append(line).append(System.lineSeparator());
    }
    return text.toString();
  }

  /** An output stream whose text a test waits on. */
  private static final class PipedOutput extends ByteArrayOutputStream {
    synchronized String text() {
      return toString(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      super.write(b, off, len);
      notifyAll();
    }

    /** Waits up to a minute for {@code pattern} to match the text. */
    synchronized Matcher await(Pattern pattern) throws InterruptedException {
      long end = System.nanoTime() + 60_000_000_000L;
      while (true) {
        Matcher m = pattern.matcher(text());
        if (m.find()) {
          return m;
        }
        long left = end - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no line matching " + pattern + " in: " + text());
        }
        wait(Math.max(1, left / 1_000_000));
      }
    }
  }
}
