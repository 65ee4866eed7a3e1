package dev.wuffie.spring.example;

import dev.wuffie.Explanation;
import dev.wuffie.Refresh;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.Standing;
import dev.wuffie.WuffieException;
import dev.wuffie.spring.WuffieReputations;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service's HTTP API. Writes go to the site's own tables only: wuffie learns of a vote when the
 * starter's source next polls the votes table, and reads come from the last refresh it published.
 */
@RestController
class QaController {
  /** The most leaders one request may ask for. */
  static final int MAX_LIMIT = 1000;

  private final JdbcClient jdbc;
  private final ScoringPolicy policy;
  private final LatestScores scores;
  private final WuffieReputations reputations;

  QaController(
      JdbcClient jdbc, ScoringPolicy policy, LatestScores scores, WuffieReputations reputations) {
    this.jdbc = jdbc;
    this.policy = policy;
    this.scores = scores;
    this.reputations = reputations;
  }

  record NewMember(String id) {}

  record Member(String id, Instant createdAt) {}

  record NewAnswer(String author, List<String> tags) {}

  record Answer(long id, String author, List<String> tags, Instant createdAt) {}

  record NewVote(String voter, Long answer, String kind) {}

  record Vote(long id, String voter, long answer, String kind, Instant createdAt) {}

  /** A member's standing, tier and where the score comes from. */
  record MemberReputation(
      String id,
      double score,
      int rank,
      double percentile,
      double points,
      String tier,
      Explanation explanation) {}

  record Leader(int rank, String id, double score, double points, double percentile, String tier) {}

  record Leaderboard(int contributors, List<Leader> leaders) {}

  record ScopeLeader(int rank, String id, double score, double points, double percentile) {}

  record ScopeBoard(String scope, int contributors, List<ScopeLeader> leaders) {}

  record Trusted(String id, double trust) {}

  record TrustedBy(String viewer, List<Trusted> trusted) {}

  record CircleTrust(String member, String target, double trust) {}

  @PostMapping("/members")
  ResponseEntity<Member> addMember(@RequestBody NewMember body) {
    String id = required(body == null ? null : body.id(), "id");
    if (id.length() > 64) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "a member id has at most 64 characters");
    }
    if (exists("SELECT COUNT(*) FROM members WHERE id = ?", id)) {
      throw new ApiException(HttpStatus.CONFLICT, "member '" + id + "' exists already");
    }
    Instant now = now();
    jdbc.sql("INSERT INTO members (id, created_at) VALUES (?, ?)").params(id, utc(now)).update();
    return ResponseEntity.created(URI.create("/members/" + id)).body(new Member(id, now));
  }

  @PostMapping("/answers")
  ResponseEntity<Answer> addAnswer(@RequestBody NewAnswer body) {
    String author = required(body == null ? null : body.author(), "author");
    List<String> tags = body.tags() == null ? List.of() : List.copyOf(new TreeSet<>(body.tags()));
    for (String tag : tags) {
      if (!tag.matches("[\\p{L}\\p{N}+#.-]{1,40}")) {
        throw new ApiException(
            HttpStatus.BAD_REQUEST,
            "tag '" + tag + "' is not one word of up to 40 letters, digits, '+', '#', '.' or '-'");
      }
    }
    member(author, "author");
    Instant now = now();
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO answers (author, created_at, tags) VALUES (?, ?, ?)")
        .params(author, utc(now), tags.isEmpty() ? null : String.join("|", tags))
        .update(key, "id");
    long id = key.getKeyAs(Number.class).longValue();
    return ResponseEntity.created(URI.create("/answers/" + id))
        .body(new Answer(id, author, tags, now));
  }

  /**
   * Records a vote in the site's votes table: 201 with its id; 422 for an unknown voter or answer,
   * 400 for a missing field or a kind the policy does not know.
   */
  @PostMapping("/votes")
  ResponseEntity<Vote> addVote(@RequestBody NewVote body) {
    if (body == null) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "give a JSON body: voter, answer, kind");
    }
    String voter = required(body.voter(), "voter");
    String kind = required(body.kind(), "kind");
    if (body.answer() == null) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "the vote has no 'answer'; give its id");
    }
    if (!policy.kinds().containsKey(kind)) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "kind '" + kind + "' is not one of " + new TreeSet<>(policy.kinds().keySet()));
    }
    member(voter, "voter");
    if (!exists("SELECT COUNT(*) FROM answers WHERE id = ?", body.answer())) {
      throw new ApiException(
          HttpStatus.UNPROCESSABLE_ENTITY, "there is no answer " + body.answer());
    }
    Instant now = now();
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO votes (voter, answer, kind, created_at) VALUES (?, ?, ?, ?)")
        .params(voter, body.answer(), kind, utc(now))
        .update(key, "id");
    long id = key.getKeyAs(Number.class).longValue();
    return ResponseEntity.created(URI.create("/votes/" + id))
        .body(new Vote(id, voter, body.answer(), kind, now));
  }

  /**
   * A member's reputation in the last refresh; 404 (from wuffie's {@code
   * UnknownContributorException}) for an id wuffie does not know, 503 before the first refresh.
   */
  @GetMapping("/members/{id}/reputation")
  MemberReputation reputation(@PathVariable("id") String id) {
    Refresh refresh = latest();
    Reputation reputation = refresh.current();
    Standing standing = reputation.standing(id); // UnknownContributorException: 404
    Explanation explanation = reputation.explain(id);
    return new MemberReputation(
        standing.id(),
        standing.score(),
        standing.rank(),
        standing.percentile(),
        standing.points(),
        refresh.tiers().get(standing.id()),
        explanation);
  }

  /** The best {@code limit} members of the last refresh, best first. */
  @GetMapping("/leaderboard")
  Leaderboard leaderboard(@RequestParam(name = "limit", defaultValue = "10") int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST, "limit " + limit + " must be in [1, " + MAX_LIMIT + "]");
    }
    Refresh refresh = latest();
    Map<String, String> tiers = refresh.tiers();
    List<Leader> leaders =
        refresh.current().top(limit).stream()
            .map(
                s ->
                    new Leader(
                        s.rank(), s.id(), s.score(), s.points(), s.percentile(), tiers.get(s.id())))
            .toList();
    return new Leaderboard(refresh.current().size(), leaders);
  }

  /**
   * The best {@code k} members within the scope of {@code tag} ("top in #brewing"), from the last
   * refresh; 404 for a tag no answer carries.
   */
  @GetMapping("/scopes/{tag}/top")
  ScopeBoard scopeTop(
      @PathVariable("tag") String tag, @RequestParam(name = "k", defaultValue = "10") int k) {
    limit(k, "k");
    latest(); // 503 before the first refresh
    List<ScopeLeader> leaders =
        reputations.top(tag, k).stream() // UnknownScopeException: 404
            .map(s -> new ScopeLeader(s.rank(), s.id(), s.score(), s.points(), s.percentile()))
            .toList();
    return new ScopeBoard(tag, reputations.scope(tag).size(), leaders);
  }

  /**
   * The {@code k} members that {@code id} would trust most ("trusted by people you trust"); 404 for
   * an id wuffie does not know.
   */
  @GetMapping("/members/{id}/trusted")
  TrustedBy trusted(
      @PathVariable("id") String id, @RequestParam(name = "k", defaultValue = "10") int k) {
    limit(k, "k");
    latest();
    return new TrustedBy(
        id,
        reputations.trustedBy(id, k).stream().map(t -> new Trusted(t.id(), t.score())).toList());
  }

  /**
   * How much the members {@code id} votes for trust {@code target}; 404 for an id wuffie does not
   * know, 400 if {@code id} has voted for no one.
   */
  @GetMapping("/members/{id}/circle/{target}")
  CircleTrust circle(@PathVariable("id") String id, @PathVariable("target") String target) {
    latest();
    try {
      return new CircleTrust(id, target, reputations.circleTrust(id, target));
    } catch (WuffieException e) {
      throw e; // an unknown member: 404
    } catch (IllegalArgumentException e) {
      throw new ApiException(HttpStatus.BAD_REQUEST, e.getMessage()); // endorses no one
    }
  }

  private static void limit(int value, String name) {
    if (value < 1 || value > MAX_LIMIT) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST, name + " " + value + " must be in [1, " + MAX_LIMIT + "]");
    }
  }

  private Refresh latest() {
    return scores
        .get()
        .orElseThrow(
            () ->
                new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "no scores yet: wuffie scores once the first vote is in; try again shortly"));
  }

  private void member(String id, String role) {
    if (!exists("SELECT COUNT(*) FROM members WHERE id = ?", id)) {
      throw new ApiException(
          HttpStatus.UNPROCESSABLE_ENTITY, "the " + role + " '" + id + "' is no member");
    }
  }

  private boolean exists(String sql, Object id) {
    return jdbc.sql(sql).param(id).query(Long.class).single() > 0;
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "'" + field + "' is missing or empty");
    }
    return value;
  }

  /** Now, to the millisecond: what the votes table keeps and wuffie reads back. */
  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
