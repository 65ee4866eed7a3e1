package dev.wuffie.spring.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wuffie.Endorsement;
import dev.wuffie.Ledger;
import dev.wuffie.LedgerEntry;
import dev.wuffie.PersonalTrust;
import dev.wuffie.Reputation;
import dev.wuffie.ScopedReputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.Standing;
import dev.wuffie.Tiers;
import dev.wuffie.json.PolicyJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Drives the Q&amp;A service over real HTTP: members, answers and votes go in through the API, and
 * the reputation and leaderboard that come back must equal {@link Reputation#compute} on the same
 * answers and votes under the same policy, exactly. The subclasses run it on H2 and PostgreSQL.
 *
 * <p>The service learns of votes only through the starter's source polling the votes table; the
 * test waits (boundedly) for a refresh that includes them all. Warm starts are off so that every
 * refresh equals a fresh computation bit for bit, and the tiers' low-water mark is 1 so that tiers
 * do not depend on the refreshes in between.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "wuffie.source.poll-every=50ms",
      "wuffie.warm-start=false",
      "wuffie.tiers.low-water=1"
    })
abstract class QaServiceContract {
  private static final String[] KINDS = {"up", "up", "up", "accept", "down"};
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @LocalServerPort int port;

  @Autowired Tiers tiers;

  record Answer(long id, String author, List<String> tags, Instant at) {}

  /** The tags of answer {@code a}: none, brewing, or baking and brewing. */
  private static final List<List<String>> TAGS =
      List.of(List.of(), List.of("brewing"), List.of("baking", "brewing"));

  record Vote(String voter, long answer, String kind, Instant at) {}

  @Test
  void votesOverHttp_scoredExactlyAsComputeOnTheSameVotes() throws Exception {
    Random random = new Random(11);
    List<String> members = new ArrayList<>();
    for (int m = 1; m <= 9; m++) {
      JsonNode member = post("/members", Map.of("id", "member" + m), 201);
      members.add(member.path("id").asText());
    }
    List<Answer> answers = new ArrayList<>();
    for (int a = 0; a < 18; a++) {
      String author = members.get(random.nextInt(members.size()));
      List<String> tags = TAGS.get(a % 3);
      JsonNode answer = post("/answers", Map.of("author", author, "tags", tags), 201);
      assertThat(answer.path("tags")).isEqualTo(json.valueToTree(tags));
      answers.add(
          new Answer(
              answer.path("id").asLong(),
              author,
              tags,
              Instant.parse(answer.path("createdAt").asText())));
    }
    List<Vote> votes = new ArrayList<>();
    long lastVoteId = 0;
    for (int v = 0; v < 150; v++) {
      String voter = members.get(random.nextInt(members.size()));
      Answer answer = answers.get(random.nextInt(answers.size()));
      String kind = KINDS[random.nextInt(KINDS.length)];
      JsonNode vote =
          post("/votes", Map.of("voter", voter, "answer", answer.id(), "kind", kind), 201);
      assertThat(vote.path("id").asLong()).isGreaterThan(lastVoteId);
      lastVoteId = vote.path("id").asLong();
      votes.add(new Vote(voter, answer.id(), kind, Instant.parse(vote.path("createdAt").asText())));
    }

    Reputation expected = Reputation.compute(ledger(answers, votes), policy());
    Map<String, String> expectedTiers = tiers.assign(expected, Map.of());
    assertThat(expectedTiers).isNotEmpty();

    JsonNode board = awaitLeaderboard(expected);
    assertThat(board.path("contributors").asInt()).isEqualTo(expected.size());
    List<Standing> top = expected.top(expected.size());
    for (int r = 0; r < top.size(); r++) {
      Standing s = top.get(r);
      JsonNode leader = board.path("leaders").get(r);
      assertThat(leader.path("id").asText()).isEqualTo(s.id());
      assertThat(leader.path("rank").asInt()).isEqualTo(s.rank());
      assertThat(leader.path("score").asDouble()).isEqualTo(s.score());
      assertThat(leader.path("points").asDouble()).isEqualTo(s.points());
      assertThat(leader.path("percentile").asDouble()).isEqualTo(s.percentile());
      assertThat(text(leader.path("tier"))).isEqualTo(expectedTiers.get(s.id()));
    }
    assertThat(get("/leaderboard?limit=3", 200).path("leaders"))
        .extracting(n -> n.path("id").asText())
        .containsExactlyElementsOf(expected.top(3).stream().map(Standing::id).toList());

    for (String id : expected.ids()) {
      JsonNode reputation = get("/members/" + id + "/reputation", 200);
      Standing s = expected.standing(id);
      assertThat(reputation.path("score").asDouble()).as(id).isEqualTo(s.score());
      assertThat(reputation.path("rank").asInt()).as(id).isEqualTo(s.rank());
      assertThat(reputation.path("percentile").asDouble()).as(id).isEqualTo(s.percentile());
      assertThat(reputation.path("points").asDouble()).as(id).isEqualTo(s.points());
      assertThat(text(reputation.path("tier"))).as(id).isEqualTo(expectedTiers.get(id));
      assertThat(reputation.path("explanation"))
          .as(id)
          .isEqualTo(json.valueToTree(expected.explain(id)));
    }

    ScopedReputation scopes = ScopedReputation.compute(ledger(answers, votes), policy());
    assertThat(scopes.scopes()).containsExactly("baking", "brewing");
    for (String tag : scopes.scopes()) {
      Reputation scope = scopes.scope(tag);
      JsonNode scopeBoard = get("/scopes/" + tag + "/top?k=1000", 200);
      assertThat(scopeBoard.path("scope").asText()).isEqualTo(tag);
      assertThat(scopeBoard.path("contributors").asInt()).isEqualTo(scope.size());
      List<Standing> scopeTop = scope.top(scope.size());
      assertThat(scopeBoard.path("leaders")).hasSize(scopeTop.size());
      for (int r = 0; r < scopeTop.size(); r++) {
        Standing s = scopeTop.get(r);
        JsonNode leader = scopeBoard.path("leaders").get(r);
        assertThat(leader.path("id").asText()).as(tag).isEqualTo(s.id());
        assertThat(leader.path("rank").asInt()).as(tag).isEqualTo(s.rank());
        assertThat(leader.path("score").asDouble()).as(tag).isEqualTo(s.score());
        assertThat(leader.path("percentile").asDouble()).as(tag).isEqualTo(s.percentile());
      }
    }
    int circles = 0;
    for (String id : expected.ids()) {
      JsonNode trusted = get("/members/" + id + "/trusted?k=5", 200);
      List<PersonalTrust.Trusted> mostTrusted = expected.trustFrom(id).top(5);
      assertThat(trusted.path("trusted")).as(id).hasSize(mostTrusted.size());
      for (int r = 0; r < mostTrusted.size(); r++) {
        JsonNode one = trusted.path("trusted").get(r);
        assertThat(one.path("id").asText()).as(id).isEqualTo(mostTrusted.get(r).id());
        assertThat(one.path("trust").asDouble()).as(id).isEqualTo(mostTrusted.get(r).score());
      }
      PersonalTrust circle;
      try {
        circle = expected.trustFromCircleOf(id);
      } catch (IllegalArgumentException e) { // id voted for no one else
        assertThat(get("/members/" + id + "/circle/" + id, 400).path("error").asText())
            .isEqualTo(e.getMessage());
        continue;
      }
      circles++;
      for (String target : expected.ids()) {
        assertThat(get("/members/" + id + "/circle/" + target, 200).path("trust").asDouble())
            .as("%s's circle's trust in %s", id, target)
            .isEqualTo(circle.score(target));
      }
    }
    assertThat(circles).isPositive();

    assertThat(get("/scopes/cider/top", 404))
        .isEqualTo(
            error(
                404,
                "no scope 'cider': no contribution carries tag 'cider'; the scopes are [baking,"
                    + " brewing]"));
    assertThat(get("/scopes/brewing/top?k=0", 400))
        .isEqualTo(error(400, "k 0 must be in [1, 1000]"));
    assertThat(get("/members/nobody/trusted", 404).path("status").asInt()).isEqualTo(404);

    JsonNode unknown = get("/members/nobody/reputation", 404);
    assertThat(unknown.path("status").asInt()).isEqualTo(404);
    assertThat(unknown.path("error").asText())
        .isEqualTo(
            "member 'nobody' has no reputation: there is no such member, or no answer or vote of"
                + " theirs has been scored yet");
  }

  @Test
  void badVotes_refusedWithClearJsonErrors_andNothingRecorded() throws Exception {
    post("/members", Map.of("id", "critic"), 201);

    assertThat(post("/votes", Map.of("voter", "ghost", "answer", 1, "kind", "up"), 422))
        .isEqualTo(error(422, "the voter 'ghost' is no member"));
    assertThat(post("/votes", Map.of("voter", "critic", "answer", 999_999, "kind", "up"), 422))
        .isEqualTo(error(422, "there is no answer 999999"));
    assertThat(post("/votes", Map.of("voter", "critic", "answer", 1, "kind", "star"), 400))
        .isEqualTo(error(400, "kind 'star' is not one of [accept, down, up]"));
    assertThat(post("/votes", Map.of("voter", "critic", "kind", "up"), 400))
        .isEqualTo(error(400, "the vote has no 'answer'; give its id"));
    assertThat(post("/answers", Map.of("author", "ghost"), 422))
        .isEqualTo(error(422, "the author 'ghost' is no member"));
    assertThat(post("/answers", Map.of("author", "critic", "tags", List.of("home brewing")), 400))
        .isEqualTo(
            error(
                400,
                "tag 'home brewing' is not one word of up to 40 letters, digits, '+', '#', '.' or"
                    + " '-'"));
    assertThat(post("/members", Map.of("id", "critic"), 409))
        .isEqualTo(error(409, "member 'critic' exists already"));
    assertThat(get("/leaderboard?limit=0", 400))
        .isEqualTo(error(400, "limit 0 must be in [1, 1000]"));
  }

  private JsonNode error(int status, String message) {
    return json.valueToTree(Map.of("status", status, "error", message));
  }

  private static String text(JsonNode node) {
    return node.isNull() || node.isMissingNode() ? null : node.asText();
  }

  private static Ledger ledger(List<Answer> answers, List<Vote> votes) {
    Ledger ledger = Ledger.create();
    for (Answer a : answers) {
      ledger.addContribution(
          LedgerEntry.contribution(Long.toString(a.id()), a.at(), a.author())
              .tagged(a.tags().toArray(String[]::new)));
    }
    for (Vote v : votes) {
      ledger.record(
          Endorsement.ofContribution(v.voter(), Long.toString(v.answer()), v.kind(), v.at()));
    }
    return ledger;
  }

  /** The policy of the service's application.properties, read here on its own. */
  private static ScoringPolicy policy() throws IOException {
    try (InputStream in = QaServiceContract.class.getResourceAsStream("/wuffie-policy.json")) {
      return PolicyJson.read(in, "wuffie-policy.json");
    }
  }

  /** The full leaderboard, once it holds exactly {@code expected}'s standings. */
  private JsonNode awaitLeaderboard(Reputation expected) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      HttpResponse<String> response = send(request("/leaderboard?limit=1000").GET().build());
      if (response.statusCode() == 200) {
        JsonNode board = json.readTree(response.body());
        if (holds(board, expected)) {
          return board;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "after " + WAIT + " the leaderboard still is not the expected one: " + response.body());
      }
      Thread.sleep(20);
    }
  }

  private static boolean holds(JsonNode board, Reputation expected) {
    if (board.path("contributors").asInt() != expected.size()) {
      return false;
    }
    for (JsonNode leader : board.path("leaders")) {
      String id = leader.path("id").asText();
      if (!expected.contains(id) || leader.path("score").asDouble() != expected.score(id)) {
        return false;
      }
    }
    return true;
  }

  private JsonNode post(String path, Map<String, ?> body, int status) throws Exception {
    HttpResponse<String> response =
        send(
            request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build());
    assertThat(response.statusCode())
        .as("POST %s %s: %s", path, body, response.body())
        .isEqualTo(status);
    return json.readTree(response.body());
  }

  private JsonNode get(String path, int status) throws Exception {
    HttpResponse<String> response = send(request(path).GET().build());
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(status);
    return json.readTree(response.body());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(30));
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
