package dev.wuffie.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.Ledger;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.json.LedgerJson;
import dev.wuffie.json.PolicyJson;
import dev.wuffie.json.ReputationJson;
import dev.wuffie.json.ReputationSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wuffie score --ledger}, {@code --snapshot} and {@code wuffie explain --ledger}. */
final class LedgerModeTest {
  private static final Path LEDGER = CliRun.resource("cli/qa-ledger.jsonl");
  private static final Path POLICY = CliRun.resource("cli/qa-policy.json");

  @TempDir Path dir;

  /** The ledger file, read by the library. */
  private static Ledger ledger() throws IOException {
    Ledger ledger = Ledger.create();
    LedgerJson.defaults().read(LEDGER, ledger);
    return ledger;
  }

  @Test
  void ledgerFile_isWhatLedgerJsonWritesForIt() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    LedgerJson.write(ledger().snapshot(), out);

    assertThat(out.toString(UTF_8)).isEqualTo(Files.readString(LEDGER, UTF_8));
  }

  @Test
  void score_ledgerWithPolicy_scoresAsTheLibraryDoesAndWritesTheSnapshot() throws IOException {
    Path tsv = dir.resolve("scores.tsv");
    Path snapshot = dir.resolve("reputation.json");
    Instant before = Instant.now();

    CliRun run =
        CliRun.of(
            "score",
            "--ledger",
            LEDGER.toString(),
            "--policy",
            POLICY.toString(),
            "--output",
            tsv.toString(),
            "--snapshot",
            snapshot.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("input          " + LEDGER + " (a ledger)\n")
        .contains(
            "ledger         7 accounts (1 merged into others), 4 contributions, 12 events (1"
                + " retracted)\n")
        .contains("contributors   6\n")
        .contains("distrust       1 negative event, applied after convergence (strength 1)\n")
        .contains("dropped        1 self-endorsement\n")
        .contains(
            "kinds          upvote = 1 (5 events), accepted = 3 (2 events), thanks = 1 (2 events),"
                + " downvote = -1 (1 event), bounty = 0.01 x value (1 event)\n")
        .contains("snapshot       " + snapshot + " (6 contributors, written atomically)\n");
    Reputation expected = Reputation.compute(ledger(), PolicyJson.read(POLICY));
    Map<String, Double> scores = CliRun.scores(tsv);
    assertThat(scores).hasSize(expected.size());
    scores.forEach((id, score) -> assertThat(score).as(id).isEqualTo(expected.score(id)));
    ReputationSnapshot written = ReputationJson.read(snapshot);
    assertThat(written.standings()).isEqualTo(expected.top(expected.size()));
    assertThat(written.policy()).contains(PolicyJson.read(POLICY));
    assertThat(written.asOf()).contains(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(written.converged()).isTrue();
    assertThat(written.createdAt()).isBetween(before, Instant.now());
    assertThat(Files.list(dir)).containsExactlyInAnyOrder(tsv, snapshot);
  }

  @Test
  void score_ledgerWithoutPolicy_usesTheDefaultPolicyAndItsKinds() throws IOException {
    Path ledger =
        write(
            "votes.jsonl",
            """
            {"endorser":"alice","target":"bob","kind":"upvote","time":"2025-01-01T00:00:00Z"}
            {"endorser":"bob","target":"carol","kind":"flag","time":"2025-01-02T00:00:00Z"}
            {"endorser":"carol","target":"alice","kind":"trust","value":8,"time":"2025-01-03T00:00:00Z"}
            """);

    CliRun run = CliRun.of("score", "--ledger", ledger.toString(), "--kinds", "upvote=2");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "kinds          upvote = 2 (1 event), flag = -2 (1 event), trust = value (1 event)")
        .contains("distrust       1 negative event");
    Ledger expectedLedger = Ledger.create();
    LedgerJson.defaults().read(ledger, expectedLedger);
    Reputation expected =
        Reputation.compute(expectedLedger, ScoringPolicy.builder().kind("upvote", 2).build());
    assertThat(run.out()).contains(String.format("%.6f", expected.top(1).get(0).score()));
  }

  @Test
  void score_inputWithSnapshot_writesAPolicylessSnapshot() throws IOException {
    Path snapshot = dir.resolve("plain.json");

    CliRun run =
        CliRun.of(
            "score",
            "--input",
            CliRun.resource("cli/endorsements.csv").toString(),
            "--snapshot",
            snapshot.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    ReputationSnapshot written = ReputationJson.read(snapshot);
    assertThat(written.policy()).isEmpty();
    assertThat(written.asOf()).isEmpty();
    assertThat(written.size()).isEqualTo(13);
  }

  @Test
  void score_snapshotReplacesTheOldFileWholeAndLeavesNoTemporaryFile() throws IOException {
    Path snapshot = dir.resolve("reputation.json");
    Files.writeString(snapshot, "old");

    CliRun run =
        CliRun.of(
            "score",
            "--ledger",
            LEDGER.toString(),
            "--policy",
            POLICY.toString(),
            "--snapshot",
            snapshot.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(ReputationJson.read(snapshot).size()).isEqualTo(6);
    assertThat(Files.list(dir)).containsExactly(snapshot);
  }

  @Test
  void explain_ledger_explainsFromTheLedger() {
    CliRun run =
        CliRun.of(
            "explain",
            "--ledger",
            LEDGER.toString(),
            "--policy",
            POLICY.toString(),
            "--id",
            "dave");

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).contains("contributor    dave");
    assertThat(run.out())
        .contains("kinds          upvote = 1 (5 events)")
        .contains("bounty")
        .contains("a-3")
        .containsPattern("terms sum to 0\\.\\d+ \\(score 0\\.\\d+\\)");
    // Only this run's output can serve here (the reference script reads no merges or
    // retractions): check that the printed terms add up to the printed score.
    Matcher check = Pattern.compile("terms sum to (\\S+) \\(score (\\S+)\\)").matcher(run.out());
    assertThat(check.find()).isTrue();
    assertThat(Double.parseDouble(check.group(1)))
        .isCloseTo(Double.parseDouble(check.group(2)), within(1e-9));
  }

  @Test
  void score_malformedLedgerLine_exits2WithOneLineNamingFileAndLine() throws IOException {
    Path ledger =
        write(
            "bad.jsonl",
            """
            {"contributor":"alice"}
            {"endorser":"alice","target":"bob","kind":"upvote","time":"2025-01-01T00:00:00Z"}
            {"endorser":"alice","target":"bob","kind":"upvote","time":"2025-01-01"}
            """);

    CliRun run = CliRun.of("score", "--ledger", ledger.toString());

    assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines())
        .containsExactly(
            "wuffie: "
                + ledger
                + ":3:59: time: \"2025-01-01\" is not an ISO-8601 instant; write e.g."
                + " \"2026-11-01T12:00:00Z\" (UTC), with fractional seconds if need be");
  }

  @Test
  void explain_kindThePolicyDoesNotKnow_exits2NamingTheLine() throws IOException {
    Path ledger =
        write(
            "kinds.jsonl",
            """
            {"endorser":"alice","target":"bob","kind":"upvote","time":"2025-01-01T00:00:00Z"}

            {"endorser":"alice","target":"bob","kind":"retweet","time":"2025-01-01T00:00:00Z"}
            """);

    CliRun run = CliRun.of("explain", "--ledger", ledger.toString(), "--policy", POLICY.toString());

    assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.errLines().get(0)).startsWith("wuffie: " + ledger + ":3: ").contains("retweet");
  }

  @Test
  void score_ledgerEntryTheLedgerRefuses_exits2NamingTheLine() throws IOException {
    Path ledger =
        write(
            "refused.jsonl",
            """
            {"endorser":"alice","contribution":"a-9","kind":"upvote","time":"2025-01-01T00:00:00Z"}
            """);

    CliRun run = CliRun.of("score", "--ledger", ledger.toString());

    assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.errLines())
        .containsExactly(
            "wuffie: "
                + ledger
                + ":1: unknown contribution 'a-9': register it with addContribution(...) before"
                + " endorsing it");
  }

  @Test
  void badUsage_exits2WithOneLine() {
    String ledger = LEDGER.toString();
    String input = CliRun.resource("cli/endorsements.csv").toString();
    Map<List<String>, String> cases =
        Map.of(
            List.of("score"),
            "wuffie: give the endorsements to score: --input PATH (an edge list), --ledger PATH"
                + " (a ledger, JSON Lines) or --jdbc URL --events SQL (a database); see 'wuffie"
                + " score --help'",
            List.of("score", "--input", input, "--ledger", ledger),
            "wuffie: --input and --ledger exclude each other: give one of them; see 'wuffie score"
                + " --help'",
            List.of("explain", "--input", input, "--ledger", ledger),
            "wuffie: --input and --ledger exclude each other: give one of them; see 'wuffie"
                + " explain --help'",
            List.of("score", "--ledger", ledger, "--distrust"),
            "wuffie: --distrust is for --input: in a ledger, the events of the policy's negative"
                + " kinds (downvote, flag) are distrust; see 'wuffie score --help'",
            List.of("explain", "--ledger", ledger, "--drop-negative"),
            "wuffie: --drop-negative is for --input: in a ledger, the events of the policy's"
                + " negative kinds (downvote, flag) are distrust; see 'wuffie explain --help'",
            List.of("score", "--ledger", "no-such.jsonl"),
            "wuffie: no such file: no-such.jsonl");
    cases.forEach(
        (args, message) -> {
          CliRun run = CliRun.of(args.toArray(String[]::new));
          assertThat(run.exitCode()).as(args.toString()).isEqualTo(Main.BAD_INPUT);
          assertThat(run.errLines()).as(args.toString()).containsExactly(message);
        });
  }

  @Test
  void score_snapshotInAMissingDirectory_exits2() {
    Path snapshot = dir.resolve("no-such-dir").resolve("reputation.json");

    CliRun run =
        CliRun.of(
            "score",
            "--ledger",
            LEDGER.toString(),
            "--policy",
            POLICY.toString(),
            "--snapshot",
            snapshot.toString());

    assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.errLines().get(0)).startsWith("wuffie: cannot write " + snapshot + ": ");
  }

  @Test
  void score_ledgerTimesAreHistory_farFutureAccepted() throws IOException {
    Instant later = Instant.now().plus(Duration.ofDays(400));
    Path ledger =
        write(
            "future.jsonl",
            "{\"endorser\":\"a\",\"target\":\"b\",\"kind\":\"upvote\",\"time\":\""
                + later
                + "\"}\n");

    CliRun run = CliRun.of("score", "--ledger", ledger.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, UTF_8);
    return file;
  }
}
