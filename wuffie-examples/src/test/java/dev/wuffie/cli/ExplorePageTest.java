package dev.wuffie.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wuffie.Ledger;
import dev.wuffie.PersonalTrust;
import dev.wuffie.Reputation;
import dev.wuffie.ScopedReputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.Standing;
import dev.wuffie.examples.CommunitySite;
import dev.wuffie.json.LedgerJson;
import dev.wuffie.json.PolicyJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code wuffie explore} in a real browser (headless Chromium): the page against the server, each
 * answer checked against what the core computes. Two servers run in this JVM: the bundled Bitcoin
 * OTC network, and {@code explore/sybil-ring.jsonl}, a small ledger of an honest community with a
 * planted sybil ring (six accounts, new in the ledger's last days, that endorse {@code boss} and
 * each other). A third serves the Beer Stack Exchange site as {@code CommunitySite} writes it (its
 * answers tagged with their questions' tags), for the scope selector. Screenshots of every view, at
 * desktop and at phone width, go to {@code target/screenshots/}.
 */
final class ExplorePageTest {
  private static final Path RING = CliRun.resource("explore/sybil-ring.jsonl");
  private static final Path RING_POLICY = CliRun.resource("explore/sybil-ring-policy.json");
  private static final Set<String> RING_ACCOUNTS =
      Set.of("ring-1", "ring-2", "ring-3", "ring-4", "ring-5", "ring-6");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private static ExploreRun bundled;
  private static ExploreRun ring;
  private static ExploreRun beer;
  private static Browser browser;
  private static Reputation bundledCore;
  private static Path beerLedger;
  private static Path beerPolicy;

  @BeforeAll
  static void start() throws Exception {
    bundled = ExploreRun.start();
    ring = ExploreRun.start("--ledger", RING.toString(), "--policy", RING_POLICY.toString());
    writeBeerSite();
    beer = ExploreRun.start("--ledger", beerLedger.toString(), "--policy", beerPolicy.toString());
    browser = Browser.start();
    bundledCore = bundledAsScoreDoes();
  }

  /** Runs {@code example community-site DIR}, which writes the site's ledger and policy. */
  private static void writeBeerSite() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "explore-beer"));
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      CommunitySite.main(new String[] {dir.toString()});
    } finally {
      System.setOut(stdout);
    }
    beerLedger = dir.resolve("ledger.jsonl");
    beerPolicy = dir.resolve("policy.json");
  }

  /**
   * The beer site's reputation within the scope of {@code tag}, as the core computes it with every
   * scope, as the server does (a scope solved alone differs in the last bits).
   */
  private static Reputation beerScope(String tag) throws IOException {
    Ledger ledger = Ledger.create();
    LedgerJson.defaults().read(beerLedger, ledger);
    return ScopedReputation.compute(ledger, PolicyJson.read(beerPolicy)).scope(tag);
  }

  @AfterAll
  static void stop() throws IOException {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (bundled != null) {
        bundled.close();
      }
      if (ring != null) {
        ring.close();
      }
      if (beer != null) {
        beer.close();
      }
    }
  }

  /** The bundled network scored as {@code wuffie} with no arguments scores it. */
  private static Reputation bundledAsScoreDoes() throws BadInputException {
    PrintWriter err = new PrintWriter(new StringWriter());
    try (Progress progress = Progress.start(err, false)) {
      return LedgerScoring.run(Input.bundled(), ScoreSettings.bundled(), progress, err)
          .reputation();
    }
  }

  /** The ring ledger scored under {@code policy}, as the core does it. */
  private static Reputation ringUnder(ScoringPolicy policy) throws IOException {
    Ledger ledger = Ledger.builder().maxFuture(Duration.ofSeconds(Long.MAX_VALUE)).build();
    LedgerJson.defaults().read(RING, ledger);
    return Reputation.compute(ledger, policy);
  }

  @Test
  void leaderboard_bundled_topMemberFirstAndPagesOfAHundred() {
    assertThat(browser.open(bundled.uri(), "/", "leaderboard")).isEqualTo("ready");
    assertThat(browser.message()).isNull();

    List<String> ids = browser.attributes("#leaderboard tbody tr", "data-id");
    List<String> ranks = browser.attributes("#leaderboard tbody tr", "data-rank");
    List<Standing> top = bundledCore.top(101);
    assertThat(ids).hasSize(100).first().isEqualTo(top.get(0).id());
    assertThat(ranks.get(0)).isEqualTo("1");
    assertThat(browser.attributes("#leaderboard", "data-total"))
        .containsExactly(String.valueOf(bundledCore.size()));

    browser.navigating();
    browser.driver().findElement(By.id("page-next")).click();
    browser.awaitView("leaderboard");
    assertThat(browser.attributes("#leaderboard tbody tr", "data-rank")).first().isEqualTo("101");
    assertThat(browser.attributes("#leaderboard tbody tr", "data-id"))
        .hasSize(100)
        .first()
        .isEqualTo(top.get(100).id());
  }

  @Test
  void member_bundledTop_explanationBarsSumToTheCoreScore() {
    String id = bundledCore.top(1).get(0).id();
    assertThat(browser.open(bundled.uri(), "/member/" + encode(id), "member")).isEqualTo("ready");

    double sum = sumOfParts();
    assertThat(sum).isCloseTo(bundledCore.score(id), within(1e-9));
    assertThat(browser.attributes("#member-stats", "data-rank")).containsExactly("1");
    // Every endorser bar links to that endorser's page.
    List<WebElement> endorsers =
        browser.driver().findElements(By.cssSelector("#explanation [data-part=endorser]"));
    assertThat(endorsers).isNotEmpty();
    for (WebElement bar : endorsers) {
      String href = bar.findElement(By.tagName("a")).getDomAttribute("href");
      assertThat(href).endsWith("#/member/" + encode(bar.getAttribute("data-id")));
    }
  }

  @Test
  void member_ringLedgerWithDistrust_explanationBarsSumToTheCoreScore() throws IOException {
    Reputation core = ringUnder(PolicyJson.read(RING_POLICY));
    // eli is distrusted by gus: the explanation has a negative bar.
    assertThat(browser.open(ring.uri(), "/member/eli", "member")).isEqualTo("ready");

    assertThat(browser.attributes("#explanation [data-part=distrust]", "data-amount"))
        .singleElement()
        .satisfies(amount -> assertThat(Double.parseDouble(amount)).isNegative());
    assertThat(sumOfParts()).isCloseTo(core.score("eli"), within(1e-9));
  }

  private static double sumOfParts() {
    return browser.attributes("#explanation [data-part]", "data-amount").stream()
        .mapToDouble(Double::parseDouble)
        .sum();
  }

  @Test
  void whatIf_upvoteWeighsThree_ranksAreTheCores() throws IOException {
    String policyJson = Files.readString(RING_POLICY);
    ScoringPolicy current = PolicyJson.read(policyJson);
    ScoringPolicy heavierUpvotes =
        PolicyJson.read(policyJson.replace("\"upvote\": 1,", "\"upvote\": 3,"));
    Reputation before = ringUnder(current);
    Reputation after = ringUnder(heavierUpvotes);
    assertThat(browser.open(ring.uri(), "/whatif", "whatif")).isEqualTo("ready");

    WebElement upvote =
        browser
            .driver()
            .findElement(By.cssSelector("input[data-kind=upvote][data-kind-field=weight]"));
    upvote.clear();
    upvote.sendKeys("3");
    browser.driver().findElement(By.id("whatif-run")).click();
    assertThat(browser.awaitBodyData("whatif", "done", "error")).isEqualTo("done");

    List<String> ids = browser.attributes("#whatif-top tbody tr", "data-id");
    List<String> ranks = browser.attributes("#whatif-top tbody tr", "data-rank");
    assertThat(ids).hasSize(after.size());
    boolean moved = false;
    for (int i = 0; i < ids.size(); i++) {
      assertThat(Integer.parseInt(ranks.get(i))).as(ids.get(i)).isEqualTo(after.rank(ids.get(i)));
      moved |= before.rank(ids.get(i)) != after.rank(ids.get(i));
    }
    assertThat(moved).as("the change moves someone, so the comparison means something").isTrue();

    // The downloaded policy.json reads back equal to the what-if policy.
    browser.driver().findElement(By.id("whatif-download")).click();
    Path file = browser.downloads().resolve("policy.json");
    new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
        .withMessage("policy.json was not downloaded")
        .until(d -> Files.isRegularFile(file));
    assertThat(PolicyJson.read(file)).isEqualTo(heavierUpvotes);
  }

  @Test
  void watch_ringLedger_flagsThePlantedRing() {
    assertThat(browser.open(ring.uri(), "/watch", "watch")).isEqualTo("ready");

    Set<String> flagged = new HashSet<>(browser.attributes("tr[data-pattern]", "data-id"));
    assertThat(flagged).as("flagged members").isNotEmpty();
    Set<String> ringAndBoss = new HashSet<>(RING_ACCOUNTS);
    ringAndBoss.add("boss");
    assertThat(flagged).as("flagged members").containsAnyElementsOf(ringAndBoss);
    // The links of the rows reach the flagged members' pages, where the flag shows again.
    String first = browser.attributes("tr[data-pattern]", "data-id").get(0);
    browser.navigating();
    browser.driver().findElement(By.cssSelector("tr[data-pattern] td.id a")).click();
    assertThat(browser.awaitView("member")).isEqualTo("ready");
    assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo(first);
    assertThat(browser.driver().findElements(By.cssSelector("#member-watch li"))).isNotEmpty();
  }

  @Test
  void badInput_unknownMember_messageOnThePageAnd404() throws Exception {
    assertThat(browser.open(ring.uri(), "/member/nobody-here", "member")).isEqualTo("error");

    assertThat(browser.message()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    HttpResponse<String> answer = get(ring.uri(), "api/member/nobody-here");
    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(answer.body()).path("error").asText()).isNotBlank();
  }

  @Test
  void badInput_dampingOutOfRange_messageOnThePageAnd400() throws Exception {
    assertThat(browser.open(ring.uri(), "/whatif", "whatif")).isEqualTo("ready");

    WebElement damping = browser.driver().findElement(By.id("policy-damping"));
    damping.clear();
    damping.sendKeys("1.5");
    browser.driver().findElement(By.id("whatif-run")).click();
    assertThat(browser.awaitBodyData("whatif", "done", "error")).isEqualTo("error");
    assertThat(browser.message()).contains("damping").doesNotContain("Exception");

    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(ring.uri().resolve("/api/whatif"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"solver\": {\"damping\": 1.5}}"))
                .header("Content-Type", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(answer.body()).path("error");
    assertThat(error.asText()).contains("damping");
  }

  @Test
  void badInput_notANumber_messageNamesTheControlAndNothingIsSent() {
    assertThat(browser.open(ring.uri(), "/whatif", "whatif")).isEqualTo("ready");

    WebElement cap = browser.driver().findElement(By.id("policy-influenceCap"));
    cap.clear();
    cap.sendKeys("a lot");
    browser.driver().findElement(By.id("whatif-run")).click();

    assertThat(browser.message()).contains("Influence cap").contains("a lot");
    assertThat(cap.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.driver().findElement(By.tagName("body")).getAttribute("data-whatif"))
        .isNull();
  }

  @Test
  void keyboard_tabToSearchTypeAnIdEnter_reachesTheMemberPage() {
    assertThat(browser.open(ring.uri(), "/", "leaderboard")).isEqualTo("ready");
    Actions keys = new Actions(browser.driver());

    keys.sendKeys(Keys.TAB).perform();
    assertThat(active().getAttribute("id")).as("the first tab stop").isEqualTo("skip-link");
    for (int i = 0; i < 20 && !"search".equals(active().getAttribute("id")); i++) {
      keys.sendKeys(Keys.TAB).perform();
    }
    assertThat(active().getAttribute("id")).isEqualTo("search");
    browser.navigating();
    keys.sendKeys("boss").sendKeys(Keys.ENTER).perform();

    assertThat(browser.awaitView("member")).isEqualTo("ready");
    assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("boss");
  }

  @Test
  void scope_beerSiteSelectBrewing_leaderboardAndMemberAreTheScopesAndBackWorks()
      throws IOException {
    Reputation brewing = beerScope("brewing");
    Standing top = brewing.top(1).get(0);
    assertThat(browser.open(beer.uri(), "/", "leaderboard")).isEqualTo("ready");
    String globalTop = browser.attributes("#leaderboard tbody tr", "data-id").get(0);
    assertThat(top.id()).as("brewing's top differs from the whole site's").isNotEqualTo(globalTop);

    browser.navigating();
    new Select(browser.driver().findElement(By.id("scope-select"))).selectByValue("brewing");
    assertThat(browser.awaitView("leaderboard")).isEqualTo("ready");
    assertThat(browser.driver().getCurrentUrl()).endsWith("#/?scope=brewing");
    assertThat(browser.attributes("#leaderboard", "data-scope")).containsExactly("brewing");
    assertThat(browser.attributes("#leaderboard tbody tr", "data-id")).first().isEqualTo(top.id());
    assertThat(Double.parseDouble(browser.attributes("#leaderboard tbody tr", "data-score").get(0)))
        .isEqualTo(top.score());
    assertThat(browser.driver().findElement(By.tagName("h1")).getText())
        .isEqualTo("Leaderboard in #brewing");

    // The member's page keeps the scope: its score and explanation are brewing's.
    browser.navigating();
    browser.driver().findElement(By.cssSelector("#leaderboard tbody tr td.id a")).click();
    assertThat(browser.awaitView("member")).isEqualTo("ready");
    assertThat(browser.attributes("#member-stats", "data-scope")).containsExactly("brewing");
    assertThat(Double.parseDouble(browser.attributes("#member-stats", "data-score").get(0)))
        .isEqualTo(top.score());
    assertThat(sumOfParts()).isCloseTo(top.score(), within(1e-9));

    // Back to the scope's leaderboard, and back again to the whole site's.
    browser.navigating();
    browser.driver().navigate().back();
    assertThat(browser.awaitView("leaderboard")).isEqualTo("ready");
    assertThat(browser.attributes("#leaderboard tbody tr", "data-id")).first().isEqualTo(top.id());
    browser.navigating();
    browser.driver().navigate().back();
    assertThat(browser.awaitView("leaderboard")).isEqualTo("ready");
    assertThat(browser.attributes("#leaderboard tbody tr", "data-id")).first().isEqualTo(globalTop);
    assertThat(browser.attributes("#leaderboard", "data-scope")).containsExactly((String) null);
  }

  @Test
  void scope_untaggedBundledNetwork_noSelector() {
    assertThat(browser.open(bundled.uri(), "/", "leaderboard")).isEqualTo("ready");
    assertThat(browser.driver().findElements(By.id("scope-select"))).isEmpty();
    assertThat(browser.driver().findElement(By.id("main")).getText().lines())
        .as("no stray text where the selector would be")
        .doesNotContain("null");

    String top = encode(bundledCore.top(1).get(0).id());
    assertThat(browser.open(bundled.uri(), "/member/" + top, "member")).isEqualTo("ready");
    assertThat(browser.driver().findElements(By.id("scope-select"))).isEmpty();
    assertThat(browser.driver().findElements(By.id("view-switch"))).hasSize(1);
  }

  @Test
  void trustView_switchOnTheTopMembersPage_listIsTrustFromItsTopHundred() {
    String id = bundledCore.top(1).get(0).id();
    PersonalTrust trust = bundledCore.trustFrom(id);
    List<PersonalTrust.Trusted> expected = trust.top(100);
    assertThat(browser.open(bundled.uri(), "/member/" + encode(id), "member")).isEqualTo("ready");

    browser.navigating();
    browser.driver().findElement(By.id("view-switch")).click();
    assertThat(browser.awaitView("member")).isEqualTo("ready");
    assertThat(browser.driver().getCurrentUrl()).endsWith("?view=trust");
    assertThat(browser.attributes("#trusted tbody tr", "data-id"))
        .containsExactlyElementsOf(expected.stream().map(PersonalTrust.Trusted::id).toList());
    List<String> scores = browser.attributes("#trusted tbody tr", "data-score");
    for (int i = 0; i < expected.size(); i++) {
      assertThat(Double.parseDouble(scores.get(i))).isEqualTo(expected.get(i).score());
    }
    assertThat(Double.parseDouble(browser.attributes("#trusted-panel", "data-error-bound").get(0)))
        .isEqualTo(trust.errorBound());
    assertThat(browser.driver().findElement(By.id("trusted-title")).getText())
        .isEqualTo("Who " + id + " would trust");
    assertThat(browser.driver().findElement(By.id("trusted-bound")).getText())
        .contains("L1 error bound");
    assertThat(browser.driver().findElement(By.id("main")).getText().lines())
        .doesNotContain("null");

    // From the keyboard: the switch is a checkbox, Space turns it off again.
    browser.navigating();
    browser.driver().findElement(By.id("view-switch")).sendKeys(Keys.SPACE);
    assertThat(browser.awaitView("member")).isEqualTo("ready");
    assertThat(browser.driver().findElements(By.id("trusted"))).isEmpty();
    assertThat(browser.driver().findElements(By.cssSelector("#explanation [data-part]")))
        .isNotEmpty();
  }

  private static WebElement active() {
    return browser.driver().switchTo().activeElement();
  }

  @Test
  void screenshots_everyViewAtDesktopAndPhoneWidth_noSidewaysScrollOnAPhone() throws IOException {
    String top = encode(bundledCore.top(1).get(0).id());
    String brewingTop = encode(beerScope("brewing").top(1).get(0).id());
    List<View> views =
        List.of(
            new View("leaderboard", bundled.uri(), "/", "leaderboard"),
            new View("member", bundled.uri(), "/member/" + top, "member"),
            new View("watch", ring.uri(), "/watch", "watch"),
            new View("ring-member", ring.uri(), "/member/boss", "member"),
            new View("whatif", ring.uri(), "/whatif", "whatif"),
            new View("help", bundled.uri(), "/help", "help"),
            new View("scope-leaderboard", beer.uri(), "/?scope=brewing", "leaderboard"),
            new View(
                "scope-member", beer.uri(), "/member/" + brewingTop + "?scope=brewing", "member"),
            new View("trust-view", bundled.uri(), "/member/" + top + "?view=trust", "member"),
            new View("unknown-member", bundled.uri(), "/member/nobody-here", "member"));
    for (boolean phone : new boolean[] {false, true}) {
      browser.phone(phone);
      try {
        for (View view : views) {
          String name = view.name() + (phone ? "-phone" : "-desktop");
          String state = browser.open(view.base(), view.hash(), view.view());
          if (view.view().equals("whatif")) {
            browser.driver().findElement(By.id("whatif-run")).click();
            assertThat(browser.awaitBodyData("whatif", "done", "error")).isEqualTo("done");
          }
          boolean bad = view.name().equals("unknown-member");
          assertThat(state).as(name).isEqualTo(bad ? "error" : "ready");
          assertThat(browser.message()).as(name + "'s message").matches(m -> bad == (m != null));
          assertThat(
                  browser
                      .driver()
                      .findElement(By.tagName("body"))
                      .getAttribute("data-script-error"))
              .as(name + " had a script error")
              .isNull();
          browser.screenshot(name);
          if (phone) {
            assertThat(browser.scrollsSideways()).as(name + " scrolls sideways").isFalse();
          }
        }
      } finally {
        browser.phone(false);
      }
    }
  }

  private record View(String name, URI base, String hash, String view) {}

  private static String encode(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static HttpResponse<String> get(URI base, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(base.resolve("/" + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
