package dev.wuffie.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wuffie.Endorsement;
import dev.wuffie.Explanation;
import dev.wuffie.Ledger;
import dev.wuffie.Reputation;
import dev.wuffie.Saturation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.Standing;
import dev.wuffie.io.InputFormatException;
import dev.wuffie.json.PolicyJson;
import dev.wuffie.rank.RankSolver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class ExploreApiTest {
  private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");
  private static final double D = 0.85;

  /**
   * upvote 1, accepted as given, linear saturation, no decay, uniform teleport; solved to a change
   * below 1e-15, so that explanations add up to the scores within 1e-12 (the default tolerance,
   * 1e-10, leaves differences of about 2e-12).
   */
  private static ScoringPolicy policy(double accepted) {
    return ScoringPolicy.builder()
        .clearKinds()
        .kind("upvote", 1)
        .kind("accepted", accepted)
        .saturation(Saturation.linear())
        .solver(RankSolver.defaults().toBuilder().tolerance(1e-15).build())
        .build();
  }

  /** a upvotes b and accepts c's answer (w_ab = 1, w_ac = 3), b upvotes c, c upvotes a. */
  private static Ledger triangle() {
    Ledger ledger = Ledger.create();
    for (String id : List.of("a", "b", "c")) {
      ledger.addContributor(id);
    }
    ledger.record(Endorsement.of("a", "b", "upvote", T));
    ledger.record(Endorsement.of("a", "c", "accepted", T));
    ledger.record(Endorsement.of("b", "c", "upvote", T));
    ledger.record(Endorsement.of("c", "a", "upvote", T));
    return ledger;
  }

  private static Explorer explorer(Ledger ledger, ScoringPolicy policy) {
    return Explorer.of(ledger, Reputation.compute(ledger, policy), "test", List.of("line"));
  }

  /**
   * 250 members m000..m249, each endorsing 1 to 6 others at random (seed 14), more often those of
   * low number; half of them endorse m000 too, so that it has more than 50 endorsers.
   */
  private static Ledger community() {
    Ledger ledger = Ledger.create();
    int n = 250;
    for (int i = 0; i < n; i++) {
      ledger.addContributor(String.format(Locale.ROOT, "m%03d", i));
    }
    Random random = new Random(14);
    for (int i = 1; i < n; i++) {
      if (random.nextBoolean()) {
        ledger.record(Endorsement.of(String.format(Locale.ROOT, "m%03d", i), "m000", "upvote", T));
      }
    }
    for (int i = 0; i < n; i++) {
      int k = 1 + random.nextInt(6);
      for (int j = 0; j < k; j++) {
        int target = (int) Math.min(n - 1, Math.abs(random.nextGaussian()) * n / 3);
        if (target != i) {
          ledger.record(
              Endorsement.of(
                  String.format(Locale.ROOT, "m%03d", i),
                  String.format(Locale.ROOT, "m%03d", target),
                  random.nextInt(4) == 0 ? "accepted" : "upvote",
                  T));
        }
      }
    }
    return ledger;
  }

  @Test
  void member_triangle_scoresAndPassesOnAreTheHandDerivedFormula() {
    // With t = (1 - d) / 3 and no dangling member: s_a = t + d s_c, s_b = t + d s_a / 4,
    // s_c = t + d (3/4 s_a + s_b), so s_a = t (1 + d + d^2) / (1 - 3 d^2 / 4 - d^3 / 4).
    double t = (1 - D) / 3;
    double sa = t * (1 + D + D * D) / (1 - 0.75 * D * D - 0.25 * D * D * D);
    double sb = t + D * sa / 4;
    double sc = t + D * (0.75 * sa + sb);
    try (Http http = Http.serve(explorer(triangle(), policy(3)))) {
      JsonNode a = http.get("/api/member/a").json();
      JsonNode c = http.get("/api/member/c").json();

      assertThat(a.get("score").asDouble()).isCloseTo(sa, within(1e-10));
      assertThat(c.get("score").asDouble()).isCloseTo(sc, within(1e-10));
      double coreSa = a.get("score").asDouble();
      JsonNode passes = a.get("passesOn");
      assertThat(passes).hasSize(2);
      assertThat(passes.get(0).get("id").asText()).isEqualTo("c");
      assertThat(passes.get(0).get("amount").asDouble())
          .isCloseTo(D * coreSa * 3 / 4, within(1e-15));
      assertThat(passes.get(1).get("id").asText()).isEqualTo("b");
      assertThat(passes.get(1).get("amount").asDouble()).isCloseTo(D * coreSa / 4, within(1e-15));
      // What a passes on to c is a's term in c's explanation.
      JsonNode terms = c.get("explanation").get("endorsers");
      assertThat(terms.get(0).get("id").asText()).isEqualTo("a");
      assertThat(terms.get(0).get("amount").asDouble())
          .isCloseTo(passes.get(0).get("amount").asDouble(), within(1e-15));
      assertThat(terms.get(0).get("parts").get(0).get("kind").asText()).isEqualTo("accepted");
      assertThat(c.get("explanation").get("teleport").asDouble()).isCloseTo(t, within(1e-15));
      assertThat(c.get("explanation").get("returned").asDouble()).isZero();
    }
  }

  @Test
  void member_community_explanationEqualsTheCoreAndSumsToTheScore() {
    Ledger ledger = community();
    Reputation core = Reputation.compute(ledger, policy(3));
    try (Http http = Http.serve(Explorer.of(ledger, core, "community", List.of()))) {
      assertThat(core.explain("m000").endorsers().size()).isGreaterThan(50);
      for (Standing s : core.top(core.size())) {
        if (s.rank() % 5 != 1 && !s.id().equals("m000")) {
          continue; // every fifth member, and m000 with its summed others
        }
        JsonNode m = http.get("/api/member/" + s.id()).json();
        Explanation e = core.explain(s.id());
        JsonNode x = m.get("explanation");
        assertThat(m.get("rank").asInt()).isEqualTo(s.rank());
        assertThat(m.get("score").asDouble()).isEqualTo(s.score());
        assertThat(x.get("teleport").asDouble()).isEqualTo(e.teleport());
        assertThat(x.get("returned").asDouble()).isEqualTo(e.returned());
        assertThat(x.get("floor").asDouble()).isEqualTo(e.floor());
        JsonNode endorsers = x.get("endorsers");
        assertThat(endorsers).hasSize(Math.min(50, e.endorsers().size()));
        double sum = x.get("teleport").asDouble() + x.get("returned").asDouble();
        sum += x.get("floor").asDouble() + x.get("others").asDouble();
        for (int i = 0; i < endorsers.size(); i++) {
          assertThat(endorsers.get(i).get("id").asText())
              .isEqualTo(e.endorsers().get(i).endorser());
          assertThat(endorsers.get(i).get("amount").asDouble())
              .isEqualTo(e.endorsers().get(i).amount());
          sum += endorsers.get(i).get("amount").asDouble();
        }
        double others = 0;
        for (Explanation.Term term :
            e.endorsers().subList(endorsers.size(), e.endorsers().size())) {
          others += term.amount();
        }
        assertThat(x.get("others").asDouble()).isCloseTo(others, within(1e-15));
        assertThat(x.get("distrusters")).isEmpty();
        assertThat(sum).isCloseTo(e.total(), within(1e-12));
        assertThat(sum).isCloseTo(s.score(), within(1e-12));
      }
    }
  }

  @Test
  void leaderboard_pages_coverEveryMemberOnceInRankOrder() {
    Ledger ledger = community();
    Reputation core = Reputation.compute(ledger, policy(3));
    try (Http http = Http.serve(Explorer.of(ledger, core, "community", List.of()))) {
      List<String> paged = new ArrayList<>();
      for (int offset = 0; ; offset += 37) {
        JsonNode page = http.get("/api/leaderboard?offset=" + offset + "&limit=37").json();
        assertThat(page.get("total").asInt()).isEqualTo(250);
        assertThat(page.get("offset").asInt()).isEqualTo(offset);
        if (page.get("rows").isEmpty()) {
          break;
        }
        for (JsonNode row : page.get("rows")) {
          assertThat(row.get("rank").asInt()).isEqualTo(paged.size() + 1);
          paged.add(row.get("id").asText());
        }
      }
      assertThat(paged).isEqualTo(core.top(250).stream().map(Standing::id).toList());
      JsonNode first = http.get("/api/leaderboard?limit=1").json().get("rows").get(0);
      Standing top = core.top(1).get(0);
      assertThat(first.get("id").asText()).isEqualTo(top.id());
      assertThat(first.get("score").asDouble()).isEqualTo(top.score());
      assertThat(first.get("points").asDouble()).isEqualTo(top.points());
      assertThat(first.get("percentile").asDouble()).isEqualTo(100.0);
      assertThat(first.get("tier").asText()).isEqualTo("elder");
    }
  }

  @Test
  void leaderboard_search_findsIdsContainingTheTextIgnoringCaseBestFirst() {
    Ledger ledger = community();
    Reputation core = Reputation.compute(ledger, policy(3));
    List<String> expected =
        core.top(250).stream().map(Standing::id).filter(id -> id.contains("m01")).toList();
    try (Http http = Http.serve(Explorer.of(ledger, core, "community", List.of()))) {
      JsonNode all = http.get("/api/leaderboard?q=M01&limit=1000").json();
      JsonNode second = http.get("/api/leaderboard?q=m01&offset=1&limit=2").json();

      assertThat(expected).hasSize(10);
      assertThat(all.get("total").asInt()).isEqualTo(10);
      List<String> found = new ArrayList<>();
      all.get("rows").forEach(row -> found.add(row.get("id").asText()));
      assertThat(found).isEqualTo(expected);
      assertThat(second.get("total").asInt()).isEqualTo(10);
      assertThat(second.get("rows")).hasSize(2);
      assertThat(second.get("rows").get(0).get("id").asText()).isEqualTo(expected.get(1));
      assertThat(http.get("/api/leaderboard?q=nobody").json().get("total").asInt()).isZero();
    }
  }

  @Test
  void whatIf_oneKindWeightChanged_givesTheCoresRanksUnderThatPolicy() throws InputFormatException {
    Ledger ledger = community();
    ScoringPolicy before = policy(3);
    ScoringPolicy after = policy(0.25);
    Reputation current = Reputation.compute(ledger, before);
    Reputation expected = Reputation.compute(ledger, after);
    try (Http http = Http.serve(Explorer.of(ledger, current, "community", List.of()))) {
      Http.Answer answer = http.post("/api/whatif", PolicyJson.write(after));

      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      JsonNode w = answer.json();
      assertThat(PolicyJson.read(w.get("policy").toString())).isEqualTo(after);
      JsonNode top = w.get("top");
      assertThat(top).hasSize(100);
      for (int i = 0; i < 100; i++) {
        Standing s = expected.top(100).get(i);
        assertThat(top.get(i).get("id").asText()).isEqualTo(s.id());
        assertThat(top.get(i).get("rank").asInt()).isEqualTo(s.rank());
        assertThat(top.get(i).get("score").asDouble()).isEqualTo(s.score());
      }
      Map<String, int[]> moved = new HashMap<>();
      for (String id : current.ids()) {
        if (current.rank(id) != expected.rank(id)) {
          moved.put(id, new int[] {current.rank(id), expected.rank(id)});
        }
      }
      assertThat(moved).isNotEmpty();
      int listed = 0;
      for (String list : List.of("rises", "falls")) {
        int lastChange = Integer.MAX_VALUE;
        for (JsonNode move : w.get(list)) {
          int[] ranks = moved.get(move.get("id").asText());
          assertThat(move.get("rankBefore").asInt()).isEqualTo(ranks[0]);
          assertThat(move.get("rankAfter").asInt()).isEqualTo(ranks[1]);
          assertThat(ranks[1] < ranks[0]).isEqualTo(list.equals("rises"));
          int change = Math.abs(ranks[0] - ranks[1]);
          assertThat(change).isLessThanOrEqualTo(lastChange);
          lastChange = change;
          listed++;
        }
      }
      assertThat(listed)
          .isEqualTo(Math.min(50, count(moved, true)) + Math.min(50, count(moved, false)));
      double sumSquares = 0;
      for (String id : current.ids()) {
        double d = current.rank(id) - expected.rank(id);
        sumSquares += d * d;
      }
      assertThat(w.get("spearman").asDouble())
          .isCloseTo(1 - 6 * sumSquares / (250.0 * (250.0 * 250 - 1)), within(1e-12));
      assertThat(w.get("kendall").asDouble()).isBetween(-1.0, 1.0);
      assertThat(w.get("millis").asLong()).isNotNegative();
      assertThat(w.get("health").has("current")).isTrue();
    }
  }

  private static int count(Map<String, int[]> moved, boolean rises) {
    return (int) moved.values().stream().filter(r -> (r[1] < r[0]) == rises).count();
  }

  @Test
  void whatIf_samePolicy_correlationsAreOneAndNobodyMoves() {
    try (Http http = Http.serve(explorer(triangle(), policy(3)))) {
      JsonNode w = http.post("/api/whatif", PolicyJson.write(policy(3))).json();

      assertThat(w.get("spearman").asDouble()).isEqualTo(1.0);
      assertThat(w.get("kendall").asDouble()).isEqualTo(1.0);
      assertThat(w.get("rises")).isEmpty();
      assertThat(w.get("falls")).isEmpty();
    }
  }

  @Test
  void summaryAndHistogram_community_describeTheInputAndCountEveryMember()
      throws InputFormatException {
    Ledger ledger = community();
    Reputation core = Reputation.compute(ledger, policy(3));
    try (Http http = Http.serve(Explorer.of(ledger, core, "community", List.of("a", "b")))) {
      JsonNode summary = http.get("/api/summary").json();
      JsonNode histogram = http.get("/api/histogram").json();

      assertThat(summary.get("title").asText()).isEqualTo("community");
      assertThat(summary.get("summary").toString()).isEqualTo("[\"a\",\"b\"]");
      assertThat(summary.get("members").asInt()).isEqualTo(250);
      assertThat(summary.get("endorsements").asInt()).isEqualTo(core.graph().edgeCount());
      assertThat(PolicyJson.read(summary.get("policy").toString())).isEqualTo(policy(3));
      assertThat(summary.get("converged").asBoolean()).isTrue();
      assertThat(summary.get("asOf").asText()).isEqualTo(T.toString());
      assertThat(summary.get("tiers").toString())
          .isEqualTo(
              "[{\"name\":\"trusted\",\"percentile\":90.0},{\"name\":\"elder\",\"percentile\":99.0}]");
      int counted = histogram.get("zeros").asInt();
      double lastHi = 0;
      for (JsonNode bin : histogram.get("bins")) {
        counted += bin.get("count").asInt();
        assertThat(bin.get("lo").asDouble()).isGreaterThanOrEqualTo(lastHi * (1 - 1e-12));
        lastHi = bin.get("hi").asDouble();
      }
      assertThat(counted).isEqualTo(250);
      assertThat(histogram.get("bins")).hasSize(Ranking.BINS);
      assertThat(histogram.get("bins").get(0).get("lo").asDouble())
          .isEqualTo(core.top(250).get(249).score());
      assertThat(lastHi).isEqualTo(core.top(1).get(0).score());
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "GET|/api/member/nobody|404|unknown member 'nobody': no contributor has this id",
        "GET|/api/member/A|404|unknown member 'A'",
        "GET|/api/member/nobody/history|404|unknown member 'nobody'",
        "GET|/api/leaderboard?limit=abc|400|limit=abc is not a whole number",
        "GET|/api/leaderboard?limit=0|400|limit=0 is out of range: give limit a whole number from 1"
            + " to 1000",
        "GET|/api/leaderboard?limit=1001|400|limit=1001 is out of range",
        "GET|/api/leaderboard?offset=-1|400|offset=-1 is out of range: give offset a whole number"
            + " at least 0",
        "GET|/api/leaderboard?offset=x|400|offset=x is not a whole number",
        "GET|/api/nothing|404|no such path: /api/nothing; the API has /api/summary",
        "GET|/nothing|404|no such path: /nothing",
        "GET|/assets/%2e%2e/Api.class|404|no such path",
        "GET|/assets/.hidden.css|404|no such path",
        "GET|/assets/test-only|404|no such path",
        "GET|/api/whatif|405|method GET is not allowed here: use POST",
        "POST|/api/summary|405|method POST is not allowed here: use GET",
        "DELETE|/api/member/a|405|method DELETE is not allowed here: use GET",
        "PUT|/|405|method PUT is not allowed here"
      })
  void errors_eachCase_answerItsStatusWithAMessage(
      String method, String path, int status, String message) {
    try (Http http = Http.serve(explorer(triangle(), policy(3)))) {
      Http.Answer answer = method.equals("GET") ? http.get(path) : http.send(method, path);

      assertThat(answer.status()).isEqualTo(status);
      assertThat(answer.contentType()).isEqualTo("application/json; charset=utf-8");
      assertThat(answer.json().get("error").asText()).contains(message);
      assertThat(http.log()).isEmpty();
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"damping\": 0.5}|the posted policy:1:2: unknown field \"damping\"",
        "{\"kinds\": {\"upvote\": \"x\"}}|the posted policy:1:",
        "[1, 2]|the posted policy:1:1:",
        "''|the posted policy: no JSON found",
        "{\"kinds\": {\"thanks\": 1}, \"replaceDefaultKinds\": true}|the ledger cannot be scored"
            + " under the what-if policy: the ledger has 4 events of kinds the policy does not know",
        "{\"teleport\": {\"seeds\": {\"zed\": 1}}, \"kinds\": {\"upvote\": 1, \"accepted\": 3}}|the"
            + " ledger cannot be scored under the what-if policy: ",
      })
  void whatIf_badPolicy_answers400WithTheReadersMessage(String body, String message) {
    try (Http http = Http.serve(explorer(triangle(), policy(3)))) {
      Http.Answer answer = http.post("/api/whatif", body);

      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.json().get("error").asText()).startsWith(message);
    }
  }

  @Test
  void member_idWithSlashAndSpace_isFoundPercentEncoded() {
    Ledger ledger = Ledger.create();
    ledger.addContributor("x/y z+1");
    ledger.addContributor("b");
    ledger.record(Endorsement.of("b", "x/y z+1", "upvote", T));
    try (Http http = Http.serve(explorer(ledger, policy(3)))) {
      JsonNode m = http.get("/api/member/x%2Fy%20z%2B1").json();
      JsonNode history = http.get("/api/member/x%2Fy%20z%2B1/history").json();

      assertThat(m.get("id").asText()).isEqualTo("x/y z+1");
      assertThat(m.get("rank").asInt()).isEqualTo(1);
      assertThat(history.get("points")).isNotEmpty();
      assertThat(history.get("points").get(history.get("points").size() - 1).get("rank").asInt())
          .isEqualTo(1);
      assertThat(history.get("reason").isNull()).isTrue();
    }
  }

  @Test
  void staticFiles_assetOnTheClassPath_isServedWithItsContentType() {
    try (Http http = Http.serve(explorer(triangle(), policy(3)))) {
      Http.Answer css = http.get("/assets/test-only/probe.css");

      assertThat(css.status()).isEqualTo(200);
      assertThat(css.contentType()).isEqualTo("text/css; charset=utf-8");
      assertThat(css.body()).contains("body { color: black; }");
    }
  }

  @Test
  void watchAndHealth_community_areTheAnalysesOfTheCurrentReputation() {
    Ledger ledger = community();
    Reputation reputation = Reputation.compute(ledger, policy(3));
    GamingWatch expected = GamingWatch.of(reputation, ledger.snapshot());
    try (Http http = Http.serve(explorer(ledger, policy(3)))) {
      JsonNode watch = http.get("/api/watch").json();
      JsonNode health = http.get("/api/summary").json().get("health");
      JsonNode member = http.get("/api/member/m000").json();

      for (String pattern : List.of("oneEndorser", "returned", "newAccounts")) {
        List<GamingWatch.Flag> flags =
            switch (pattern) {
              case "oneEndorser" -> expected.oneEndorser();
              case "returned" -> expected.returned();
              default -> expected.newAccounts();
            };
        assertThat(watch.get(pattern)).hasSize(flags.size());
        for (int i = 0; i < flags.size(); i++) {
          assertThat(watch.get(pattern).get(i).get("id").asText()).isEqualTo(flags.get(i).id());
          assertThat(watch.get(pattern).get(i).get("share").asDouble())
              .isEqualTo(flags.get(i).share());
        }
      }
      assertThat(watch.get("oneEndorser").size() + watch.get("returned").size()).isPositive();
      assertThat(member.get("watch")).hasSize(expected.of("m000").size());
      assertThat(health.get("evenShare").asDouble()).isEqualTo(reputation.health().evenShare());
      assertThat(health.get("gini").asDouble()).isEqualTo(reputation.health().gini());
    }
  }
}
