package dev.wuffie.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code wuffie score} with policy options: the input read into a ledger and scored under a policy.
 * Where a policy amounts to plain weighted PageRank on some edge list, the scores are checked
 * against the fast path on that edge list.
 */
final class PolicyModeTest {
  private static final double SAME = 1e-12;
  private static final Path ENDORSEMENTS = CliRun.resource("cli/endorsements.csv");
  private static final Path SIGNED = CliRun.resource("cli/signed.csv");
  private static final Path BITCOIN_OTC = CliRun.resource("datasets/soc-sign-bitcoinotc.csv.gz");

  @TempDir Path dir;

  static Stream<Arguments> positiveInputs() {
    String seeds = CliRun.resource("cli/seeds.csv").toString();
    return Stream.of(
        arguments("endorsements.csv", List.of()),
        arguments("endorsements.csv.gz", List.of()),
        arguments("endorsements.tsv", List.of()),
        arguments("endorsements.txt", List.of()),
        arguments("endorsements.csv", List.of("--seeds", seeds)),
        arguments("endorsements.csv", List.of("--damping", "0.5", "--tolerance", "1e-13")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("positiveInputs")
  void distrustOnly_noNegativeWeights_scoresLikeTheFastPath(String input, List<String> options) {
    Path file = CliRun.resource("cli/" + input);

    Map<String, Double> fast = score(file, options);
    Map<String, Double> policy = score(file, concat(options, "--distrust"));

    assertSameScores(policy, fast);
  }

  @Test
  void asOfAfterEverything_bitcoinOtcWithNegativesDropped_scoresLikeTheFastPath() {
    Map<String, Double> fast = score(BITCOIN_OTC, List.of("--drop-negative"));
    Map<String, Double> policy =
        score(BITCOIN_OTC, List.of("--drop-negative", "--as-of", "2100-01-01"));

    assertThat(policy).hasSize(5881);
    assertSameScores(policy, fast);
  }

  @Test
  void kinds_mapTheWeightFieldThroughEachScale() throws IOException {
    Path events =
        write(
            "events.csv",
            """
            endorser,endorsed,value,time,kind
            alice,bob,1,1700000000,accepted
            alice,carol,1,1700000000,upvote
            carol,bob,,1700000100,upvote
            bob,alice,2,1700000200,upvote
            dave,carol,1,1700000300
            erin,dave,0.5,1700000400,accepted
            """);
    Path mapped =
        write(
            "mapped.csv",
            """
            alice,bob,3
            alice,carol,1
            carol,bob,1
            bob,alice,2
            dave,carol,1
            erin,dave,1.5
            """);

    CliRun run = run(events, "--kinds", "upvote=1,accepted=3");
    Map<String, Double> policy =
        score(events, List.of("--kinds", "upvote=1", "--kinds", "accepted=3"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern(
            "(?m)^kinds +accepted = 3 x value \\(2 lines\\), upvote = value \\(3 lines\\),"
                + " endorse = value \\(1 line\\)$");
    assertSameScores(policy, score(mapped, List.of()));
  }

  @Test
  void halfLife_oldEndorsementCountsLessThanARecentOne() throws IOException {
    Path events =
        write(
            "events.csv",
            """
            old,x,1,2024-01-01T00:00:00Z
            recent,y,1,2025-01-01T00:00:00Z
            """);

    Map<String, Double> plain = score(events, List.of("--distrust"));
    CliRun run = run(events, "--half-life", "30d");
    Map<String, Double> decayed = score(events, List.of("--half-life", "30d"));

    assertThat(plain.get("x")).isCloseTo(plain.get("y"), within(SAME));
    assertThat(decayed.get("x")).isLessThan(decayed.get("y") * 0.9);
    // By hand: old's endorsement of x is 366 days old at asOf, so it weighs f = 2^(-366/30) of
    // W_old = 1 and the rest is old's teleport weight. n = 4, p = 1/4, x and y dangling: everyone
    // gets the same base B from teleport and returned mass; old and recent get only B, x gets
    // B + 0.85 f B, y gets B + 0.85 B, and the sum B (4.85 + 0.85 f) is 1. The default solver's
    // L1 error is below 0.85 / 0.15 * 1e-10 < 1e-9.
    double f = Math.pow(2, -366 / 30.0);
    double base = 1 / (4.85 + 0.85 * f);
    assertThat(decayed.get("old")).isCloseTo(base, within(1e-9));
    assertThat(decayed.get("recent")).isCloseTo(base, within(1e-9));
    assertThat(decayed.get("x")).isCloseTo(base * (1 + 0.85 * f), within(1e-9));
    assertThat(decayed.get("y")).isCloseTo(base * 1.85, within(1e-9));
    assertThat(run.out())
        .containsPattern(
            "(?m)^policy +linear saturation, half-life P30D, as of 2025-01-01T00:00:00Z \\(latest"
                + " event\\), uniform teleport$");
  }

  @Test
  void halfLife_shorthandAndIsoForms_scoreAlike() throws IOException {
    Path events =
        write(
            "events.csv",
            """
            a,b,1,1700000000
            b,c,1,1700086400
            c,a,1,1700172800
            a,c,1,1700259200
            """);

    Map<String, Double> shorthand = score(events, List.of("--half-life", "720h"));

    assertThat(score(events, List.of("--half-life", "P30D"))).isEqualTo(shorthand);
    assertThat(score(events, List.of("--half-life", "PT720H"))).isEqualTo(shorthand);
    assertThat(score(events, List.of("--half-life", "30d"))).isEqualTo(shorthand);
  }

  @Test
  void asOf_ignoresLaterEndorsements() throws IOException {
    Path events =
        write(
            "events.csv",
            """
            a,b,1,2025-01-01T00:00:00Z
            b,c,1,2025-02-01T00:00:00Z
            c,a,1,2025-03-01T00:00:00Z
            a,c,2,2025-03-02T00:00:00Z
            """);
    Path before =
        write(
            "before.csv",
            """
            a,b,1
            b,c,1
            """);

    CliRun run = run(events, "--as-of", "2025-02-15");

    assertThat(run.out())
        .containsPattern("(?m)^policy +linear saturation, no decay, as of 2025-02-15T00:00:00Z,");
    assertSameScores(score(events, List.of("--as-of", "2025-02-15")), score(before, List.of()));
    assertSameScores(
        score(events, List.of("--as-of", "1738972800")), score(before, List.of())); // 2025-02-08
  }

  @Test
  void distrust_negativeRatings_discountTheirTargetsAndAreReported() {
    Map<String, Double> dropped = score(SIGNED, List.of("--drop-negative"));
    Map<String, Double> distrusted = score(SIGNED, List.of("--distrust"));
    CliRun run = run(SIGNED, "--distrust");

    assertThat(run.out())
        .containsPattern(
            "(?m)^endorsements +5 trusting pairs from 5 positive records \\(9 in all\\)$")
        .containsPattern(
            "(?m)^distrust +4 negative records, applied after convergence \\(strength 1\\)$");
    // alice gives a tenth of her weight as distrust to walter, who has nothing but the teleport
    // share: it takes him to the floor. bob's distrust of carol takes most of her score.
    assertThat(distrusted.get("walter")).isZero();
    assertThat(dropped.get("walter")).isPositive();
    assertThat(distrusted.get("carol")).isLessThan(dropped.get("carol") / 2);
    assertThat(distrusted.values().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1.0, within(1e-12));
  }

  @Test
  void dropNegative_policyMode_dropsAndCountsThem() {
    CliRun run = run(SIGNED, "--drop-negative", "--kinds", "endorse=1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern("(?m)^dropped +4 negative ratings, 0 self-endorsements$")
        .doesNotContainPattern("(?m)^distrust ");
    assertSameScores(
        score(SIGNED, List.of("--drop-negative", "--kinds", "endorse=1")),
        score(SIGNED, List.of("--drop-negative")));
  }

  @Test
  void policyFile_kindsAndSolver_scoreLikeTheMappedEdgeList() throws IOException {
    Path events =
        write(
            "events.csv",
            """
            alice,bob,1,1700000000,accepted
            alice,carol,,1700000000,upvote
            carol,bob,1,1700000100,upvote
            bob,alice,1,1700000200,upvote
            dave,carol,2,1700000300,accepted
            """);
    Path mapped =
        write(
            "mapped.csv",
            """
            alice,bob,3
            alice,carol,1
            carol,bob,1
            bob,alice,1
            dave,carol,6
            """);
    Path policy =
        write(
            "policy.json",
            """
            {
              "kinds": {"upvote": 1, "accepted": {"rated": true, "scale": 3}},
              "replaceDefaultKinds": true,
              "saturation": "linear",
              "solver": {"damping": 0.5, "tolerance": 1e-12}
            }
            """);

    CliRun run = run(events, "--policy", policy.toString());
    CliRun overridden = run(events, "--policy", policy.toString(), "--damping", "0.7");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern(
            "(?m)^kinds +accepted = 3 x value \\(2 lines\\), upvote = 1 \\(3 lines\\)$")
        .containsPattern("(?m)^damping +0.5$");
    assertThat(overridden.out()).containsPattern("(?m)^damping +0.7$");
    assertSameScores(
        score(events, List.of("--policy", policy.toString())),
        score(mapped, List.of("--damping", "0.5", "--tolerance", "1e-12")));
  }

  @Test
  void policyFile_defaultsAndLogSaturation_repeatsCountLess() throws IOException {
    Path events =
        write(
            "events.csv",
            """
            fan,a,1,1700000000,upvote
            fan,a,1,1700000001,upvote
            fan,a,1,1700000002,upvote
            fan,b,1,1700000003,upvote
            """);
    Path policy = write("policy.json", "{}");

    CliRun run =
        run(events, "--policy", policy.toString(), "--output", dir.resolve("s.tsv").toString());
    Map<String, Double> scores = CliRun.scores(dir.resolve("s.tsv"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("(?m)^policy +log saturation, no decay,");
    // fan is everyone's only endorser: a gets d * s_fan * w_a / (w_a + w_b) above fan's score, and
    // b likewise. With log saturation w_a = log2(1 + 3) = 2 and w_b = log2(1 + 1) = 1 (linear
    // saturation would give 3 and 1).
    double fan = scores.get("fan");
    assertThat(scores.get("a") - fan).isCloseTo(0.85 * fan * 2 / 3, within(1e-9));
    assertThat(scores.get("b") - fan).isCloseTo(0.85 * fan / 3, within(1e-9));
  }

  @Test
  void policyFile_fixedKindWithAValueOtherThanOne_isRefusedNamingTheLine() throws IOException {
    Path events =
        write(
            "events.csv",
            """
            alice,bob,1,1700000000,upvote
            carol,bob,,1700000000,upvote
            dave,bob,2,1700000000,upvote
            """);
    Path policy = write("policy.json", "{\"kinds\": {\"upvote\": 1}}");

    CliRun run = run(events, "--policy", policy.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines())
        .containsExactly(
            "wuffie: "
                + events
                + ":3: kind 'upvote' has the fixed weight 1 in "
                + policy
                + ", so its weight field must be empty or 1, not 2; or declare it rated there"
                + " ({\"rated\": true, \"scale\": 1}) to weigh scale x value");
  }

  @Test
  void policyFile_seedsThatAreNotContributors_areReportedAndIgnored() throws IOException {
    Path policy = write("policy.json", "{\"teleport\": {\"seeds\": {\"alice\": 2, \"zed\": 1}}}");

    CliRun run = run(ENDORSEMENTS, "--policy", policy.toString(), "--top", "1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.errLines())
        .containsExactly(
            "wuffie: warning: 1 of 2 seeds are not contributors of the graph and are ignored: zed");
    assertThat(run.out())
        .containsPattern("(?m)^seeds +1 from " + java.util.regex.Pattern.quote(policy.toString()))
        .containsPattern("(?m)^policy .*, teleport to the seeds$");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void score_badInput_exitsTwoWithOneClearLine(
      String description, String content, String args, List<String> expected) throws IOException {
    Path file = dir.resolve("input.csv");
    if (content != null) {
      Files.writeString(file, content, StandardCharsets.ISO_8859_1);
    }
    String[] argv =
        Arrays.stream(args.split(" "))
            .map(
                arg ->
                    arg.replace("{file}", file.toString())
                        .replace("{graph}", ENDORSEMENTS.toString()))
            .toArray(String[]::new);

    CliRun run = CliRun.of(argv);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).singleElement().asString().startsWith("wuffie: ").contains(expected);
    assertThat(run.err()).doesNotContain("Exception", "at dev.", "at java.", "Usage:");
  }

  static Stream<Arguments> badInputs() {
    String graph = "score --input {graph} ";
    String input = "score --input {file} ";
    String policy = "score --input {graph} --policy {file}";
    return Stream.of(
        arguments(
            "--kinds without a weight",
            null,
            graph + "--kinds upvote",
            List.of(
                "--kinds 'upvote': expected NAME=WEIGHT pairs separated by commas, such as --kinds"
                    + " upvote=1,accepted=3,downvote=-1",
                "see 'wuffie score --help'")),
        arguments(
            "--kinds without a name",
            null,
            graph + "--kinds =1",
            List.of("--kinds '=1': expected NAME=WEIGHT pairs")),
        arguments(
            "--kinds with an empty pair",
            null,
            graph + "--kinds upvote=1,,accepted=3",
            List.of("--kinds 'upvote=1,,accepted=3': expected NAME=WEIGHT pairs")),
        arguments(
            "--kinds weight not a number",
            null,
            graph + "--kinds upvote=one",
            List.of("--kinds upvote=one: the weight is not a number")),
        arguments(
            "--kinds weight infinite",
            null,
            graph + "--kinds upvote=Infinity",
            List.of("--kinds upvote=Infinity: the weight must be a finite number")),
        arguments(
            "--kinds twice",
            null,
            graph + "--kinds upvote=1,upvote=2",
            List.of("--kinds: kind 'upvote' is given twice")),
        arguments(
            "bad duration",
            null,
            graph + "--half-life 180days",
            List.of(
                "Invalid value for option '--half-life': '180days' is not a duration: give"
                    + " ISO-8601 (P180D, PT12H) or a whole number and a unit s, m, h, d or w")),
        arguments(
            "duration in years",
            null,
            graph + "--half-life 1y",
            List.of("months and years have no fixed length: give days, e.g. 365d")),
        arguments(
            "zero duration",
            null,
            graph + "--half-life 0d",
            List.of("'0d' must be a positive duration")),
        arguments(
            "bad instant",
            null,
            graph + "--as-of yesterday",
            List.of(
                "Invalid value for option '--as-of': 'yesterday' is not a time: give Unix seconds")),
        arguments(
            "instant without a zone",
            null,
            graph + "--as-of 2026-01-01T00:00:00",
            List.of("'2026-01-01T00:00:00' is not a time")),
        arguments(
            "--distrust with --drop-negative",
            null,
            graph + "--distrust --drop-negative",
            List.of("--distrust and --drop-negative exclude each other")),
        arguments(
            "policy file with a bad value",
            "{\n  \"saturation\": \"cubic\"\n}\n",
            policy,
            List.of(
                "input.csv:2:17: saturation: unknown saturation 'cubic'; use one of linear, log,"
                    + " sqrt")),
        arguments(
            "policy file with an unknown field",
            "{\n  \"kinds\": {\"upvote\": 1},\n  \"halflife\": \"P30D\"\n}\n",
            policy,
            List.of("input.csv:3:3: unknown field \"halflife\" (did you mean \"halfLife\"?)")),
        arguments(
            "policy file with a syntax error",
            "{\"saturation\": \"log\",}",
            policy,
            List.of("input.csv:1:22: Unexpected character ('}'")),
        arguments(
            "policy file empty", "", policy, List.of("input.csv: no JSON found; a policy is")),
        arguments("missing policy file", null, policy, List.of("no such file: ", "input.csv")),
        arguments(
            "negative weight without --distrust",
            "alice,bob,1\n\nbob,carol,-2\n",
            input + "--kinds upvote=1",
            List.of(
                "input.csv:3: negative weight -2 for bob -> carol; weights must be >= 0: apply"
                    + " negative weights as distrust with --distrust, or drop them with"
                    + " --drop-negative")),
        arguments(
            "negative weight of a kind",
            "alice,bob,1,1700000000,upvote\nbob,carol,1,1700000000,downvote\n",
            input + "--kinds upvote=1,downvote=-1",
            List.of("input.csv:2: negative weight -1 (kind 'downvote': -1 x 1) for bob -> carol")),
        arguments(
            "unknown kind in input",
            "alice,bob,1,1700000000,upvote\nbob,carol,1,1700000000,flag\n",
            input + "--kinds upvote=1",
            List.of(
                "input.csv:2: unknown kind 'flag'; declare it with --kinds flag=WEIGHT or in the"
                    + " --policy file (known kinds: endorse, upvote)")),
        arguments(
            "half-life and a line without time",
            "alice,bob,1,1700000000\n# no time:\nbob,carol,1\n",
            input + "--half-life 30d",
            List.of(
                "input.csv:3: no time (fourth field), but --half-life needs the time of every"
                    + " endorsement; give Unix seconds")),
        arguments(
            "as-of and a line without time",
            "alice,bob,1,1700000000\nbob,carol,1,\n",
            input + "--as-of 2026-01-01",
            List.of("input.csv:2: no time (fourth field), but --as-of needs the time")),
        arguments(
            "bad time field",
            "alice,bob,1,1700000000\nbob,carol,1,yesterday\n",
            input + "--distrust",
            List.of("input.csv:2: time 'yesterday' is not a time: give Unix seconds")),
        arguments(
            "bad weight field",
            "alice,bob,1,1700000000\nbob,carol,high,1700000000\n",
            input + "--distrust",
            List.of("input.csv:2: weight 'high' is not a number")),
        arguments(
            "too many fields",
            "alice,bob,1,1700000000,upvote,extra,more\n",
            input + "--distrust",
            List.of("input.csv:1: found 7 field(s); expected endorser<sep>endorsed[<sep>weight")),
        arguments(
            "empty endorser",
            "alice,bob\n,carol\n",
            input + "--distrust",
            List.of("input.csv:2: empty endorser id")),
        arguments(
            "no endorsements",
            "# only a comment\n",
            input + "--distrust",
            List.of("input.csv: no endorsements found")),
        arguments(
            "not UTF-8",
            "alice,bob\nb\u00f6b,carol\n",
            input + "--distrust",
            List.of("input.csv:2: not valid UTF-8 text; save the file as UTF-8")),
        arguments(
            "broken gzip",
            "\u001f\u008b\u0008\u0000 not really gzip",
            input + "--distrust",
            List.of("input.csv")),
        arguments(
            "time out of range",
            "alice,bob,1,1700000000\nbob,carol,1,1e30\n",
            input + "--distrust",
            List.of("input.csv:2: time '1e30' is not a time")),
        arguments(
            "time beyond the ledger's range",
            "alice,bob,1,1700000000\nbob,carol,1,1e16\n",
            input + "--distrust",
            List.of(
                "input.csv:2: time ",
                "is outside the range of milliseconds since 1970 that a long holds")));
  }

  private CliRun run(Path input, String... options) {
    List<String> args = new ArrayList<>(List.of("score", "--input", input.toString()));
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(String[]::new));
  }

  /** The scores {@code score --input input options} writes. */
  private Map<String, Double> score(Path input, List<String> options) {
    Path output = dir.resolve("scores-" + System.nanoTime() + ".tsv");
    List<String> args = new ArrayList<>(options);
    args.addAll(List.of("--output", output.toString()));
    CliRun run = run(input, args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    return CliRun.scores(output);
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private static List<String> concat(List<String> options, String... more) {
    List<String> all = new ArrayList<>(options);
    all.addAll(List.of(more));
    return all;
  }

  private static void assertSameScores(Map<String, Double> actual, Map<String, Double> expected) {
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach(
        (id, score) -> assertThat(actual.get(id)).as(id).isCloseTo(score, within(SAME)));
  }
}
