package dev.wuffie.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wuffie.Endorsement;
import dev.wuffie.Explanation;
import dev.wuffie.Ledger;
import dev.wuffie.LedgerEntry;
import dev.wuffie.PersonalTrust;
import dev.wuffie.Reputation;
import dev.wuffie.ScopedReputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.Standing;
import dev.wuffie.rank.RankSolver;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The explorer's API in context: {@code scope=TAG} on the summary, leaderboard, histogram and
 * member ({@link ScopedReputation}), {@code GET /api/scopes}, and {@code GET /api/trusted} (trust
 * from one member, {@link Reputation#trustFrom(String)}), against the core and hand-derived scores.
 */
final class ExploreContextApiTest {
  private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

  private static final ScoringPolicy POLICY =
      ScoringPolicy.builder()
          .clearKinds()
          .kind("upvote", 1)
          .kind("thanks", 1)
          .solver(RankSolver.defaults().toBuilder().tolerance(1e-15).build())
          .build();

  /**
   * Two topics: b's work w1 in brewing is upvoted by a; c's w2 and w4 and a's w3 in baking are
   * upvoted by a, b and c; b thanks c, which counts in every scope.
   */
  private static Ledger topics() {
    Ledger ledger = Ledger.create();
    for (String id : List.of("a", "b", "c")) {
      ledger.addContributor(id);
    }
    ledger.addContribution(LedgerEntry.contribution("w1", T, "b").tagged("brewing"));
    ledger.addContribution(LedgerEntry.contribution("w2", T, "c").tagged("baking"));
    ledger.addContribution(LedgerEntry.contribution("w3", T, "a").tagged("baking"));
    ledger.addContribution(LedgerEntry.contribution("w4", T, "c").tagged("baking"));
    ledger.record(Endorsement.ofContribution("a", "w1", "upvote", T));
    ledger.record(Endorsement.ofContribution("a", "w2", "upvote", T));
    ledger.record(Endorsement.ofContribution("c", "w3", "upvote", T));
    ledger.record(Endorsement.ofContribution("b", "w4", "upvote", T));
    ledger.record(Endorsement.of("b", "c", "thanks", T));
    return ledger;
  }

  /** 60 members m00..m59, each endorsing 1 to 4 others at random (seed 16); none tagged. */
  private static Ledger untagged() {
    Ledger ledger = Ledger.create();
    int n = 60;
    for (int i = 0; i < n; i++) {
      ledger.addContributor(id(i));
    }
    Random random = new Random(16);
    for (int i = 0; i < n; i++) {
      for (int k = 1 + random.nextInt(4); k > 0; k--) {
        int target = random.nextInt(n);
        if (target != i) {
          ledger.record(Endorsement.of(id(i), id(target), "upvote", T));
        }
      }
    }
    return ledger;
  }

  private static String id(int i) {
    return String.format(Locale.ROOT, "m%02d", i);
  }

  private static Http serve(Ledger ledger) {
    return Http.serve(
        Explorer.of(ledger, Reputation.compute(ledger, POLICY), "test", List.of("line")));
  }

  @Test
  void scopes_topics_listEachTagWithItsAuthorsAndContributions() {
    try (Http http = serve(topics())) {
      JsonNode scopes = http.get("/api/scopes").json().get("scopes");

      assertThat(scopes.toString())
          .isEqualTo(
              "[{\"tag\":\"baking\",\"members\":2,\"contributions\":3},"
                  + "{\"tag\":\"brewing\",\"members\":1,\"contributions\":1}]");
    }
  }

  @Test
  void leaderboard_scope_isTheScopesRankingAndTheHandDerivedScores() {
    // brewing: the walk restarts at b; a -> b, b -> c (thanks), c dangles back to b:
    // b = 0.15 + 0.85 c, c = 0.85 b, so b = 20/37, c = 17/37, a = 0.
    // baking: restarts at a (1/3) and c (2/3); a -> c, c -> a, b -> c: a = 18/37, c = 19/37.
    Ledger ledger = topics();
    ScopedReputation core = ScopedReputation.compute(ledger, POLICY);
    try (Http http = serve(ledger)) {
      for (String tag : List.of("brewing", "baking")) {
        JsonNode rows = http.get("/api/leaderboard?scope=" + tag).json().get("rows");
        List<Standing> expected = core.scope(tag).top(3);
        assertThat(rows).hasSize(3);
        for (int i = 0; i < 3; i++) {
          assertThat(rows.get(i).get("id").asText()).isEqualTo(expected.get(i).id());
          assertThat(rows.get(i).get("rank").asInt()).isEqualTo(expected.get(i).rank());
          assertThat(rows.get(i).get("score").asDouble()).isEqualTo(expected.get(i).score());
        }
      }
      JsonNode brewing = http.get("/api/leaderboard?scope=brewing").json().get("rows");
      assertThat(brewing.get(0).get("id").asText()).isEqualTo("b");
      assertThat(brewing.get(0).get("score").asDouble()).isCloseTo(20.0 / 37, within(1e-12));
      assertThat(brewing.get(1).get("score").asDouble()).isCloseTo(17.0 / 37, within(1e-12));
      assertThat(brewing.get(2).get("score").asDouble()).isZero();
      JsonNode baking = http.get("/api/leaderboard?scope=baking&q=A").json();
      assertThat(baking.get("total").asInt()).isEqualTo(1);
      assertThat(baking.get("rows").get(0).get("rank").asInt()).isEqualTo(2);
      assertThat(baking.get("rows").get(0).get("score").asDouble())
          .isCloseTo(18.0 / 37, within(1e-12));
      // Without a scope (or an empty one): the whole ledger, as before.
      Reputation global = Reputation.compute(ledger, POLICY);
      for (String path : List.of("/api/leaderboard", "/api/leaderboard?scope=")) {
        JsonNode first = http.get(path).json().get("rows").get(0);
        assertThat(first.get("id").asText()).isEqualTo(global.top(1).get(0).id());
        assertThat(first.get("score").asDouble()).isEqualTo(global.top(1).get(0).score());
      }
    }
  }

  @Test
  void memberSummaryHistogram_scope_areTheScopesReputation() {
    Ledger ledger = topics();
    Reputation baking = ScopedReputation.compute(ledger, POLICY).scope("baking");
    try (Http http = serve(ledger)) {
      JsonNode c = http.get("/api/member/c?scope=baking").json();
      JsonNode summary = http.get("/api/summary?scope=baking").json();
      JsonNode histogram = http.get("/api/histogram?scope=baking").json();

      assertThat(c.get("scope").asText()).isEqualTo("baking");
      assertThat(c.get("rank").asInt()).isEqualTo(1);
      assertThat(c.get("score").asDouble()).isCloseTo(19.0 / 37, within(1e-12));
      Explanation e = baking.explain("c");
      JsonNode x = c.get("explanation");
      assertThat(x.get("teleport").asDouble()).isEqualTo(e.teleport());
      double sum = x.get("teleport").asDouble() + x.get("returned").asDouble();
      for (JsonNode term : x.get("endorsers")) {
        sum += term.get("amount").asDouble();
      }
      assertThat(x.get("endorsers")).hasSize(e.endorsers().size());
      assertThat(sum).isCloseTo(19.0 / 37, within(1e-12));
      // a passes on to c in baking what a's term in c's explanation is.
      JsonNode a = http.get("/api/member/a?scope=baking").json();
      assertThat(a.get("passesOn").get(0).get("id").asText()).isEqualTo("c");
      assertThat(a.get("passesOn").get(0).get("amount").asDouble())
          .isCloseTo(termOf(e, "a"), within(1e-15));

      assertThat(summary.get("scope").asText()).isEqualTo("baking");
      assertThat(summary.get("endorsements").asInt()).isEqualTo(baking.graph().edgeCount());
      assertThat(summary.get("health").get("gini").asDouble()).isEqualTo(baking.health().gini());
      assertThat(http.get("/api/summary").json().get("scope").isNull()).isTrue();
      assertThat(histogram.get("zeros").asInt()).isEqualTo(1); // b, who wrote nothing in baking
      assertThat(histogram.get("bins").get(0).get("lo").asDouble()).isEqualTo(baking.score("a"));
    }
  }

  private static double termOf(Explanation e, String endorser) {
    return e.endorsers().stream()
        .filter(t -> t.endorser().equals(endorser))
        .findFirst()
        .orElseThrow()
        .amount();
  }

  @Test
  void scopes_untaggedLedger_areEmpty() {
    try (Http http = serve(untagged())) {
      assertThat(http.get("/api/scopes").json().get("scopes")).isEmpty();
    }
  }

  @Test
  void trusted_fromAMember_isTrustFromItsTopK() {
    Ledger ledger = untagged();
    Reputation core = Reputation.compute(ledger, POLICY);
    PersonalTrust expected = core.trustFrom("m07");
    List<PersonalTrust.Trusted> top = expected.top(expected.reached());
    try (Http http = serve(ledger)) {
      JsonNode page = http.get("/api/trusted?from=m07&limit=10").json();
      JsonNode next = http.get("/api/trusted?from=m07&offset=10&limit=5").json();

      assertThat(top.size()).isGreaterThan(15);
      assertThat(page.get("from").asText()).isEqualTo("m07");
      assertThat(page.get("total").asInt()).isEqualTo(top.size());
      assertThat(page.get("reached").asInt()).isEqualTo(expected.reached());
      assertThat(page.get("own").asDouble()).isEqualTo(expected.score("m07"));
      assertThat(page.get("errorBound").asDouble()).isEqualTo(expected.errorBound());
      assertThat(page.get("accuracy").asDouble()).isEqualTo(PersonalTrust.DEFAULT_ACCURACY);
      assertThat(page.get("damping").asDouble()).isEqualTo(0.85);
      assertThat(page.get("rows")).hasSize(10);
      assertThat(next.get("rows")).hasSize(5);
      for (int i = 0; i < 15; i++) {
        JsonNode row = i < 10 ? page.get("rows").get(i) : next.get("rows").get(i - 10);
        assertThat(row.get("rank").asInt()).isEqualTo(i + 1);
        assertThat(row.get("id").asText()).isEqualTo(top.get(i).id());
        assertThat(row.get("score").asDouble()).isEqualTo(top.get(i).score());
        assertThat(row.get("globalRank").asInt()).isEqualTo(core.rank(top.get(i).id()));
        assertThat(row.get("id").asText()).isNotEqualTo("m07");
      }
      // Asked again (kept in the cache), the same answer.
      assertThat(http.get("/api/trusted?from=m07&limit=10").json()).isEqualTo(page);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "topics|/api/leaderboard?scope=Brewing|404|unknown scope 'Brewing': the scopes are baking,"
            + " brewing (tags are case-sensitive; GET /api/scopes lists them); leave scope out",
        "topics|/api/member/a?scope=cooking|404|unknown scope 'cooking': the scopes are baking",
        "topics|/api/histogram?scope=x|404|unknown scope 'x'",
        "topics|/api/summary?scope=x|404|unknown scope 'x'",
        "topics|/api/member/nobody?scope=baking|404|unknown member 'nobody'",
        "untagged|/api/leaderboard?scope=brewing|404|unknown scope 'brewing': this ledger has no"
            + " scopes (no contribution has a tag); leave scope out for the whole ledger",
        "untagged|/api/trusted|400|from is missing: give the id of the member",
        "untagged|/api/trusted?from=|400|from is missing",
        "untagged|/api/trusted?from=nobody|404|unknown member 'nobody'",
        "untagged|/api/trusted?from=m01&limit=0|400|limit=0 is out of range",
        "untagged|/api/trusted?from=m01&offset=-1|400|offset=-1 is out of range",
        "topics|/api/trusted?from=a&scope=baking|400|scope and from exclude each other",
      })
  void errors_eachCase_answerItsStatusWithAMessage(
      String ledger, String path, int status, String message) {
    try (Http http = serve(ledger.equals("topics") ? topics() : untagged())) {
      Http.Answer answer = http.get(path);

      assertThat(answer.status()).isEqualTo(status);
      assertThat(answer.json().get("error").asText()).contains(message);
      assertThat(http.log()).isEmpty();
    }
  }
}
