package dev.wuffie.explore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.Tiers;
import dev.wuffie.io.InputFormatException;
import dev.wuffie.json.PolicyJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The explorer's JSON API: turns a request's path, query and body into the answer object that the
 * server writes as JSON, or an {@link ApiException} with its status and message. It knows nothing
 * of HTTP beyond that; {@link ExploreServer} does the rest.
 *
 * <ul>
 *   <li>{@code GET /api/summary}: the input, its summary lines, the policy, convergence, tiers;
 *   <li>{@code GET /api/leaderboard?offset=O&limit=L&q=TEXT}: a page of the leaderboard;
 *   <li>{@code GET /api/histogram}: the score histogram;
 *   <li>{@code GET /api/member/ID} and {@code GET /api/member/ID/history}: one member;
 *   <li>{@code GET /api/scopes}: the ledger's scopes (tags), with their members;
 *   <li>{@code GET /api/trusted?from=ID&offset=O&limit=L}: the members ID would trust;
 *   <li>{@code GET /api/watch}: the gaming watch;
 *   <li>{@code POST /api/whatif} with a policy (the {@code --policy} JSON format): a what-if.
 * </ul>
 *
 * <p>The summary, leaderboard, histogram and member take {@code scope=TAG}: the same answer within
 * the scope of that tag ({@link Scopes}); absent or empty, the whole ledger. An unknown scope is a
 * 404 that names the scopes there are.
 *
 * <p>Thread-safe: it only reads the {@link Explorer}.
 */
final class Api {
  /** The most members a leaderboard page has. */
  static final int MAX_LIMIT = 1000;

  /** The default size of a leaderboard page. */
  static final int DEFAULT_LIMIT = 100;

  /** How many scopes the message of an unknown scope names. */
  static final int NAMED_SCOPES = 20;

  /** What the policy reader's messages call a what-if's policy. */
  static final String POSTED_POLICY = "the posted policy";

  static final String MEMBER = "/api/member/";
  private static final String HISTORY = "/history";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Explorer explorer;
  private final JsonNode policy;

  Api(Explorer explorer) {
    this.explorer = explorer;
    this.policy = policyJson(explorer.policy());
  }

  /** Writes {@code answer} as JSON. */
  static byte[] json(Object answer) {
    try {
      return MAPPER.writeValueAsBytes(answer);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + answer.getClass().getSimpleName(), e);
    }
  }

  /**
   * The answer to {@code GET path?rawQuery}.
   *
   * @param rawPath the request's path, still percent-encoded
   * @param rawQuery the request's query, still percent-encoded, or null
   * @throws ApiException for an unknown path or id (404) or a bad query value (400)
   */
  Object get(String rawPath, String rawQuery) throws ApiException {
    switch (rawPath) {
      case "/api/summary":
        return summary(query(rawQuery));
      case "/api/leaderboard":
        return leaderboard(query(rawQuery));
      case "/api/histogram":
        return ranking(query(rawQuery)).histogram();
      case "/api/scopes":
        return new Views.Scopes(explorer.scopes().list());
      case "/api/trusted":
        return trusted(query(rawQuery));
      case "/api/watch":
        return explorer.analysis().watch();
      default:
        break;
    }
    if (rawPath.startsWith(MEMBER) && rawPath.length() > MEMBER.length()) {
      String rest = rawPath.substring(MEMBER.length());
      if (rest.endsWith(HISTORY) && rest.length() > HISTORY.length()) {
        String id = decodePath(rest.substring(0, rest.length() - HISTORY.length()));
        return explorer.history(id).orElseThrow(() -> unknownMember(id));
      }
      if (rest.indexOf('/') < 0) {
        String id = decodePath(rest);
        Map<String, String> query = query(rawQuery);
        return explorer
            .member(id, ranking(query), scope(query))
            .orElseThrow(() -> unknownMember(id));
      }
    }
    throw unknownPath(rawPath);
  }

  /**
   * The answer to {@code POST /api/whatif} with {@code body}, a policy in the {@code --policy}
   * format: the same ledger re-scored under it and compared with the current scores.
   *
   * @throws ApiException (400) if the body is not a valid policy, or the ledger cannot be scored
   *     under it; the message is the policy reader's or the core's
   */
  Views.WhatIf whatIf(String body) throws ApiException {
    ScoringPolicy posted;
    try {
      posted =
          PolicyJson.read(
              new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), POSTED_POLICY);
    } catch (InputFormatException e) {
      throw ApiException.badRequest(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("reading a byte array failed", e); // it cannot fail to read
    }
    WhatIf outcome;
    try {
      outcome = explorer.whatIf(posted);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "the ledger cannot be scored under the what-if policy: " + e.getMessage());
    }
    Analysis analysis = explorer.analysis();
    Reputation after = outcome.after();
    return new Views.WhatIf(
        policyJson(posted),
        outcome.millis(),
        new Views.Healths(analysis.health(explorer.reputation()), analysis.health(after)),
        outcome.spearman(),
        outcome.kendall(),
        outcome.rises(),
        outcome.falls(),
        outcome.top());
  }

  /** An unknown path: 404, naming the paths there are. */
  static ApiException unknownPath(String rawPath) {
    return ApiException.notFound(
        "no such path: "
            + rawPath
            + "; the API has /api/summary, /api/leaderboard, /api/histogram, /api/member/ID,"
            + " /api/member/ID/history, /api/scopes, /api/trusted?from=ID, /api/watch and POST"
            + " /api/whatif, the page is at /");
  }

  private Views.Summary summary(Map<String, String> query) throws ApiException {
    Reputation r = ranking(query).reputation();
    List<Views.TierView> tiers = new ArrayList<>();
    for (Tiers.Tier t : Ranking.TIERS.tiers()) {
      tiers.add(new Views.TierView(t.name(), t.threshold()));
    }
    return new Views.Summary(
        explorer.title(),
        scope(query),
        explorer.summary(),
        r.size(),
        r.graph().edgeCount(),
        policy,
        explorer.analysis().health(r),
        r.converged(),
        r.iterations(),
        r.errorBound(),
        r.asOf().map(Object::toString).orElse(null),
        tiers);
  }

  private Views.Page leaderboard(Map<String, String> query) throws ApiException {
    int offset = intParameter(query, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = intParameter(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    return ranking(query).page(offset, limit, query.get("q"));
  }

  /** The scope the query names ({@code scope=TAG}), or null for the whole ledger. */
  private static String scope(Map<String, String> query) {
    String scope = query.get("scope");
    return scope == null || scope.isEmpty() ? null : scope;
  }

  /** The ranking of the scope the query names, or of the whole ledger. */
  private Ranking ranking(Map<String, String> query) throws ApiException {
    String scope = scope(query);
    Optional<Ranking> ranking = explorer.ranking(scope);
    if (ranking.isPresent()) {
      return ranking.get();
    }
    List<String> tags = explorer.scopes().tags();
    throw ApiException.notFound(
        tags.isEmpty()
            ? "unknown scope '"
                + scope
                + "': this ledger has no scopes (no contribution has a tag); leave scope out for"
                + " the whole ledger"
            : "unknown scope '"
                + scope
                + "': the scopes are "
                + String.join(", ", tags.subList(0, Math.min(NAMED_SCOPES, tags.size())))
                + (tags.size() > NAMED_SCOPES
                    ? " and " + (tags.size() - NAMED_SCOPES) + " more"
                    : "")
                + " (tags are case-sensitive; GET /api/scopes lists them); leave scope out for the"
                + " whole ledger");
  }

  /** {@code GET /api/trusted?from=ID&offset=O&limit=L}: the members ID would trust. */
  private Views.TrustedPage trusted(Map<String, String> query) throws ApiException {
    String from = query.get("from");
    if (from == null || from.isEmpty()) {
      throw ApiException.badRequest(
          "from is missing: give the id of the member whose view to show, as"
              + " /api/trusted?from=ID");
    }
    if (scope(query) != null) {
      throw ApiException.badRequest(
          "scope and from exclude each other: trust from a member is over the whole trust graph,"
              + " not within a scope; leave scope out");
    }
    int offset = intParameter(query, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = intParameter(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    return explorer.trusted(from, offset, limit).orElseThrow(() -> unknownMember(from));
  }

  /** The query parameter {@code name}, a whole number in {@code [min, max]}, or {@code absent}. */
  private static int intParameter(
      Map<String, String> query, String name, int absent, int min, int max) throws ApiException {
    String text = query.get(name);
    if (text == null) {
      return absent;
    }
    String range = max == Integer.MAX_VALUE ? "at least " + min : "from " + min + " to " + max;
    int value;
    try {
      value = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          name + "=" + text + " is not a whole number: give " + name + " a whole number " + range);
    }
    if (value < min || value > max) {
      throw ApiException.badRequest(
          name + "=" + text + " is out of range: give " + name + " a whole number " + range);
    }
    return value;
  }

  /** The parameters of a raw query string (the last of repeated names wins). */
  private static Map<String, String> query(String rawQuery) throws ApiException {
    Map<String, String> parameters = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      parameters.put(decode(name, true), decode(value, true));
    }
    return parameters;
  }

  private static String decodePath(String raw) throws ApiException {
    return decode(raw, false);
  }

  /** Percent-decodes {@code raw} as UTF-8; a {@code +} is a space only in a query. */
  private static String decode(String raw, boolean query) throws ApiException {
    try {
      return URLDecoder.decode(query ? raw : raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "'" + raw + "' is not percent-encoded correctly: encode it with encodeURIComponent");
    }
  }

  private static ApiException unknownMember(String id) {
    return ApiException.notFound(
        "unknown member '"
            + id
            + "': no contributor has this id (ids are case-sensitive); search the leaderboard"
            + " for it");
  }

  /** The policy as {@link PolicyJson} writes it, as a JSON tree. */
  private static JsonNode policyJson(ScoringPolicy policy) {
    try {
      return MAPPER.readTree(PolicyJson.write(policy));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("PolicyJson wrote JSON that does not read back", e);
    }
  }
}
