package dev.wuffie.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wuffie.BitcoinOtc;
import dev.wuffie.Decay;
import dev.wuffie.Endorsement;
import dev.wuffie.KindWeight;
import dev.wuffie.Ledger;
import dev.wuffie.LiveReputation;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.Standing;
import dev.wuffie.Tiers;
import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.io.InputFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class ReputationJsonTest {
  private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
  private static final Instant CREATED = Instant.parse("2026-11-26T06:30:00.123456789Z");

  private static Reputation small() {
    Ledger ledger = Ledger.create();
    ledger.addContribution("answer-17", NOW, "bob");
    ledger.record(Endorsement.ofContribution("alice", "answer-17", "upvote", NOW));
    ledger.record(Endorsement.of("bob", "alice", "thanks", NOW));
    ledger.record(Endorsement.of("carol", "bob", "thanks", NOW));
    ScoringPolicy policy =
        ScoringPolicy.builder()
            .clearKinds()
            .kind("upvote", 1)
            .kind("thanks", 0.5)
            .decay(Decay.halfLife(Duration.ofDays(180)))
            .build();
    return Reputation.compute(ledger, policy);
  }

  @Test
  void write_small_asDocumented() throws IOException {
    ReputationSnapshot snapshot = ReputationSnapshot.of(small(), CREATED);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    ReputationJson.write(snapshot, out);

    String text = out.toString(UTF_8);
    assertThat(text).isEqualTo(ReputationJson.write(snapshot) + "\n");
    assertThat(text)
        .startsWith(
            """
            {
              "version": 1,
              "createdAt": "2026-11-26T06:30:00.123456789Z",
              "asOf": "2026-11-01T12:00:00Z",
              "converged": true,
            """)
        .contains(
            """
              "policy": {
                "kinds": {
                  "upvote": 1.0,
                  "thanks": 0.5
                },
            """)
        .contains("  \"halfLife\": \"P180D\",\n")
        .endsWith(
            "  \"contributors\": [\n"
                + line(snapshot.standings().get(0))
                + ",\n"
                + line(snapshot.standings().get(1))
                + ",\n"
                + line(snapshot.standings().get(2))
                + "\n  ]\n}\n");
    assertThat(ReputationJson.read(text)).isEqualTo(snapshot);
    assertThat(FormatsDoc.blocks("Reputation snapshots")).containsExactly(text);
  }

  @Test
  void tiers_writtenOnTheirStandings_readBack_andOldSnapshotsHaveNone() throws IOException {
    Ledger ledger = Ledger.create();
    ledger.record(Endorsement.of("alice", "bob", "upvote", NOW));
    ledger.record(Endorsement.of("carol", "bob", "upvote", NOW));
    LiveReputation live =
        LiveReputation.builder(ledger, ScoringPolicy.builder().build())
            .tiers(Tiers.builder().percentile("top", 90).build())
            .build();
    ReputationSnapshot snapshot = ReputationSnapshot.of(live.refresh(), CREATED);
    ReputationSnapshot without = ReputationSnapshot.of(small(), CREATED);

    String text = ReputationJson.write(snapshot);

    assertThat(snapshot.tiers()).isEqualTo(Map.of("bob", "top"));
    assertThat(text)
        .contains(
            "{\"id\": \"bob\", \"rank\": 1, \"score\": " + snapshot.standings().get(0).score())
        .contains("\"percentile\": 100.0, \"tier\": \"top\"}")
        .containsOnlyOnce("\"tier\"");
    assertThat(ReputationJson.read(text)).isEqualTo(snapshot);
    assertThat(ReputationJson.read(ReputationJson.write(without)).tiers()).isEmpty();
    assertThat(ReputationJson.write(without)).doesNotContain("tier");
  }

  @Test
  void tiers_ofAnIdWithoutStanding_refused() {
    ReputationSnapshot good = ReputationSnapshot.of(small(), CREATED);

    assertThatThrownBy(
            () ->
                new ReputationSnapshot(
                    CREATED,
                    Optional.empty(),
                    Optional.empty(),
                    true,
                    1,
                    0,
                    good.standings(),
                    Map.of("zed", "top")))
        .hasMessage(
            "'zed' holds tier 'top' but has no standing; tiers are held by contributors with one");
    String id = good.standings().get(0).id();
    assertThatThrownBy(
            () ->
                new ReputationSnapshot(
                    CREATED,
                    Optional.empty(),
                    Optional.empty(),
                    true,
                    1,
                    0,
                    good.standings(),
                    Map.of(id, "")))
        .hasMessage("the tier of '" + id + "' is empty; give it a name");
  }

  private static String line(Standing s) {
    return "    {\"id\": \""
        + s.id()
        + "\", \"rank\": "
        + s.rank()
        + ", \"score\": "
        + s.score()
        + ", \"points\": "
        + s.points()
        + ", \"percentile\": "
        + s.percentile()
        + "}";
  }

  @Test
  void writeThenRead_bitcoinOtc_equalSnapshot(@TempDir Path dir) throws IOException {
    Ledger ledger = BitcoinOtc.ledger("trust");
    ScoringPolicy policy =
        ScoringPolicy.builder()
            .kind(KindWeight.rated("trust", 0, 0.1))
            .decay(Decay.halfLife(Duration.ofDays(365)))
            .build();
    Reputation reputation = Reputation.compute(ledger, policy);
    ReputationSnapshot snapshot = ReputationSnapshot.of(reputation, CREATED);
    Path file = dir.resolve("reputation.json");

    ReputationJson.write(snapshot, file);
    ReputationSnapshot read = ReputationJson.read(file);

    assertThat(read).isEqualTo(snapshot);
    assertThat(read.size()).isEqualTo(reputation.size());
    assertThat(read.policy()).contains(policy);
    assertThat(read.asOf()).isEqualTo(reputation.asOf());
    for (Standing s : read.standings()) {
      assertThat(s).isEqualTo(reputation.standing(s.id()));
    }
    assertThat(Files.list(dir)).containsExactly(file);
  }

  @Test
  void writeThenRead_doublesAtTheEdges_sameBits() throws IOException {
    double[] scores = {1.0, 0.1 + 0.2, 0.1, 1e-12, 1.0 / 3, 5e-324, Double.MIN_NORMAL, 0.0, 0.0};
    List<Standing> standings = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      standings.add(new Standing("c" + i, i + 1, scores[i], scores[i] * 1e300, 100.0 / (i + 1)));
    }
    standings.sort((a, b) -> Double.compare(b.score(), a.score()));
    List<Standing> ranked = new ArrayList<>();
    for (int i = 0; i < standings.size(); i++) {
      Standing s = standings.get(i);
      ranked.add(new Standing(s.id(), i + 1, s.score(), s.points(), s.percentile()));
    }
    ReputationSnapshot snapshot =
        new ReputationSnapshot(
            CREATED, Optional.empty(), Optional.empty(), false, 1000, 0.1 + 0.7, ranked, Map.of());
    ReputationSnapshot infinite =
        new ReputationSnapshot(
            CREATED,
            Optional.of(NOW),
            Optional.empty(),
            false,
            0,
            Double.POSITIVE_INFINITY,
            ranked,
            Map.of());

    assertThat(ReputationJson.read(ReputationJson.write(snapshot))).isEqualTo(snapshot);
    assertThat(ReputationJson.read(ReputationJson.write(infinite))).isEqualTo(infinite);
    assertThat(ReputationJson.write(infinite)).contains("\"residual\": \"Infinity\"");
  }

  @Test
  void of_graphReputation_hasNoPolicyNorAsOf() throws IOException {
    EndorsementGraph graph =
        EndorsementGraph.builder().add("a", "b", 1).add("b", "c", 2).add("c", "a", 0.5).build();
    ReputationSnapshot snapshot = ReputationSnapshot.of(Reputation.compute(graph), CREATED);

    String json = ReputationJson.write(snapshot);

    assertThat(json).contains("\"asOf\": null,").contains("\"policy\": null,");
    assertThat(ReputationJson.read(json)).isEqualTo(snapshot);
    assertThat(ReputationJson.read(new ByteArrayInputStream(json.getBytes(UTF_8)), "snap.json"))
        .isEqualTo(snapshot);
  }

  @Test
  void write_customDecay_refusedAndNothingWritten(@TempDir Path dir) throws IOException {
    Ledger ledger = Ledger.create();
    ledger.record(Endorsement.of("a", "b", "upvote", NOW));
    Decay custom = ageMillis -> 1;
    ReputationSnapshot snapshot =
        ReputationSnapshot.of(
            Reputation.compute(ledger, ScoringPolicy.builder().decay(custom).build()), CREATED);
    Path file = dir.resolve("reputation.json");

    assertThatThrownBy(() -> ReputationJson.write(snapshot, file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot write the custom decay");
    assertThat(Files.list(dir)).isEmpty();
  }

  /** A valid snapshot's text, to break. */
  private static String valid() {
    return ReputationJson.write(ReputationSnapshot.of(small(), CREATED));
  }

  private static Arguments bad(String json, String message) {
    return Arguments.of(json, message);
  }

  static Stream<Arguments> badSnapshots() {
    String valid = valid();
    return Stream.of(
        bad("", "snap.json: no JSON found; a reputation snapshot is a JSON object"),
        bad("[]", "snap.json:1:1: a reputation snapshot is a JSON object such as"),
        bad(
            valid.replace("\"version\": 1", "\"version\": 2"),
            "snap.json:2:14: version: this wuffie reads version 1 of the snapshot format, not 2"),
        bad(
            valid.replace("  \"version\": 1,\n", ""),
            "snap.json:1:1: a reputation snapshot needs \"version\""),
        bad(
            valid.replace("\"converged\": true", "\"converged\": \"yes\""),
            "snap.json:5:16: converged: expected true or false, found a string (\"yes\")"),
        bad(
            valid.replace("\"iterations\"", "\"iteration\""),
            "snap.json:6:3: unknown field \"iteration\" (did you mean \"iterations\"?)"),
        bad(
            valid.replace("\"createdAt\": \"", "\"createdAt\": \"x"),
            "snap.json:3:16: createdAt: \"x2026-11-26T06:30:00.123456789Z\" is not an ISO-8601 instant"),
        bad(
            valid.replace("\"upvote\": 1.0", "\"upvote\": \"one\""),
            "snap.json:10:17: policy: kinds.upvote: expected a weight"),
        bad(
            valid.replace("\"rank\": 2", "\"rank\": 3"),
            "snap.json:29:19: standing 2 (alice) has rank 3; standings are best first"),
        bad(
            valid.replace("\"rank\": 2", "\"rank\": 2, \"rank\": 2"),
            "snap.json:31:32: contributors[1]: \"rank\" is given twice"),
        bad(valid.replace("\"score\": ", "\"score\": -"), "snap.json:29:19: score -0.48"),
        bad(
            valid.replace("\"percentile\": 50.0", "\"percentile\": 1e999"),
            "contributors[1].percentile: 1e999 is too large for a double"),
        bad(valid + "\n{}", "snap.json:35:1: more content after the end of a reputation snapshot"),
        bad(valid.substring(0, valid.length() - 20), "snap.json:"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badSnapshots")
  void read_badSnapshot_throwsNamingFileLineAndColumn(String json, String message) {
    assertThatThrownBy(
            () -> ReputationJson.read(new ByteArrayInputStream(json.getBytes(UTF_8)), "snap.json"))
        .isInstanceOf(InputFormatException.class)
        .hasMessageStartingWith(message.startsWith("snap.json") ? message : "snap.json:")
        .hasMessageContaining(message.startsWith("snap.json") ? "" : message);
  }

  static Stream<Arguments> badRecords() {
    Standing a = new Standing("a", 1, 0.6, 1.2, 100);
    Standing b = new Standing("b", 2, 0.4, 0.8, 0);
    return Stream.of(
        Arguments.of(List.of(b, a), "standing 1 (b) has rank 2; standings are best first"),
        Arguments.of(
            List.of(a, new Standing("a", 2, 0.4, 0.8, 0)), "contributor 'a' has two standings"),
        Arguments.of(
            List.of(new Standing("", 1, 0.4, 0.8, 0)), "standing 1 has no id; give every id"),
        Arguments.of(
            List.of(new Standing("a", 1, 0.4, 0.8, 0), new Standing("b", 2, 0.6, 1.2, 100)),
            "'b' at rank 2 has a higher score than the contributor ranked above it"),
        Arguments.of(
            List.of(new Standing("a", 1, 1.5, 0.8, 0)), "score 1.5 of 'a' is not in [0, 1]"),
        Arguments.of(
            List.of(new Standing("a", 1, 0.5, Double.NaN, 0)),
            "points NaN of 'a' must be a finite number >= 0"),
        Arguments.of(
            List.of(new Standing("a", 1, 0.5, 1, 101)), "percentile 101.0 of 'a' is not in"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badRecords")
  void snapshot_inconsistentStandings_refused(List<Standing> standings, String message) {
    assertThatThrownBy(
            () ->
                new ReputationSnapshot(
                    CREATED, Optional.empty(), Optional.empty(), true, 1, 0, standings, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void snapshot_badScalars_refused() {
    List<Standing> none = List.of();
    assertThatThrownBy(
            () ->
                new ReputationSnapshot(
                    CREATED, Optional.empty(), Optional.empty(), true, -1, 0, none, Map.of()))
        .hasMessage("iterations -1 is negative");
    assertThatThrownBy(
            () ->
                new ReputationSnapshot(
                    CREATED,
                    Optional.empty(),
                    Optional.empty(),
                    true,
                    1,
                    Double.NaN,
                    none,
                    Map.of()))
        .hasMessage("residual NaN must be a number >= 0");
    assertThatThrownBy(
            () ->
                new ReputationSnapshot(
                    null, Optional.empty(), Optional.empty(), true, 1, 0, none, Map.of()))
        .hasMessage("createdAt is null; give the time the snapshot was made");
  }

  @Test
  void classJavadocExample_runs(@TempDir Path dir) throws IOException {
    Reputation reputation = small();
    Path path = dir.resolve("reputation.json");
    // ReputationSnapshot's class javadoc, with the path in a temporary directory:
    ReputationSnapshot snapshot = ReputationSnapshot.of(reputation, Instant.now());
    ReputationJson.write(snapshot, path); // atomic
    ReputationSnapshot back = ReputationJson.read(path); // equals snapshot

    assertThat(back).isEqualTo(snapshot);
  }
}
