package dev.wuffie.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wuffie.Endorsement;
import dev.wuffie.Ledger;
import dev.wuffie.LedgerEntry;
import dev.wuffie.LiveReputation;
import dev.wuffie.Reputation;
import dev.wuffie.ScopedReputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.UnknownContributorException;
import dev.wuffie.spring.TestDatabase.Db;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Known answers for {@link WuffieReputations}: its scopes equal {@link ScopedReputation#compute},
 * and its trust answers {@link Reputation#trustFrom} and {@link Reputation#trustFromCircleOf}, on
 * the same ledger; with the errors a web layer maps.
 */
final class WuffieReputationsTest {
  private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
  private static final ScoringPolicy POLICY = ScoringPolicy.builder().build(); // the default
  private static final String[] TAGS = {"brewing", "baking"};

  /**
   * 12 members; 30 contributions tagged brewing, baking or nothing; upvotes of them and thanks
   * between members, from a fixed seed. m0 endorses no one.
   */
  private static Ledger ledger() {
    Ledger ledger = Ledger.create();
    Random random = new Random(21);
    for (int c = 0; c < 30; c++) {
      LedgerEntry.Contribution contribution =
          LedgerEntry.contribution("c" + c, T0.plusSeconds(c), "m" + random.nextInt(12));
      int tag = random.nextInt(3);
      ledger.addContribution(tag < 2 ? contribution.tagged(TAGS[tag]) : contribution);
    }
    for (int v = 0; v < 120; v++) {
      String voter = "m" + (1 + random.nextInt(11));
      Instant at = T0.plusSeconds(100 + v);
      if (v % 4 == 0) {
        String target = "m" + random.nextInt(12);
        if (!target.equals(voter)) {
          ledger.record(Endorsement.of(voter, target, "thanks", at));
        }
      } else {
        ledger.record(Endorsement.ofContribution(voter, "c" + random.nextInt(30), "upvote", at));
      }
    }
    return ledger;
  }

  private static ApplicationContextRunner runner(Ledger ledger, String... properties) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(WuffieAutoConfiguration.class))
        .withPropertyValues("wuffie.enabled=true")
        .withPropertyValues(properties)
        .withBean(Ledger.class, () -> ledger);
  }

  @Test
  void scopes_topAndStanding_equalScopedReputationCompute() {
    Ledger ledger = ledger();
    ScopedReputation expected = ScopedReputation.compute(ledger, POLICY, List.of(TAGS));
    runner(ledger, "wuffie.scopes=brewing,baking")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              WuffieReputations reputations = context.getBean(WuffieReputations.class);

              assertThat(reputations.scopes()).containsExactly("baking", "brewing");
              for (String tag : TAGS) {
                Reputation scope = expected.scope(tag);
                assertThat(reputations.top(tag, 5)).as(tag).isEqualTo(scope.top(5));
                assertThat(reputations.top(tag, 100)).as(tag).isEqualTo(scope.top(100));
                for (String id : scope.ids()) {
                  assertThat(reputations.standing(tag, id)).as(id).isEqualTo(scope.standing(id));
                }
              }
            });
  }

  @Test
  void trustedByAndCircleTrust_equalReputationTrustFrom() {
    Ledger ledger = ledger();
    Reputation expected = Reputation.compute(ledger, POLICY);
    runner(ledger)
        .run(
            context -> {
              WuffieReputations reputations = context.getBean(WuffieReputations.class);
              for (String viewer : List.of("m1", "m5", "m0")) {
                assertThat(reputations.trustedBy(viewer, 5))
                    .as(viewer)
                    .isEqualTo(expected.trustFrom(viewer).top(5));
              }
              assertThat(reputations.trustedBy("m3", 3)).hasSize(3);
              for (String target : expected.ids()) {
                assertThat(reputations.circleTrust("m2", target))
                    .as(target)
                    .isEqualTo(expected.trustFromCircleOf("m2").score(target));
              }
            });
  }

  @Test
  void everyTag_withAStar() {
    Ledger ledger = ledger();
    ScopedReputation expected = ScopedReputation.compute(ledger, POLICY);
    runner(ledger, "wuffie.scopes=*")
        .run(
            context -> {
              WuffieReputations reputations = context.getBean(WuffieReputations.class);
              assertThat(reputations.scopes()).containsExactlyElementsOf(expected.scopes());
              assertThat(reputations.top("baking", 3)).isEqualTo(expected.scope("baking").top(3));
            });
  }

  @Test
  void unknownScopeOrMember_refusedWithWhatThereIs() {
    runner(ledger(), "wuffie.scopes=brewing,cider")
        .run(
            context -> {
              WuffieReputations reputations = context.getBean(WuffieReputations.class);
              assertThatThrownBy(() -> reputations.top("cider", 3))
                  .isInstanceOf(UnknownScopeException.class)
                  .hasMessage(
                      "no scope 'cider': wuffie.scopes keeps it, but no contribution carried it at"
                          + " the last refresh; the scopes are [brewing]");
              assertThatThrownBy(() -> reputations.top("baking", 3))
                  .isInstanceOf(UnknownScopeException.class)
                  .hasMessage(
                      "no scope 'baking': wuffie.scopes does not keep it (it keeps [brewing,"
                          + " cider]); the scopes are [brewing]")
                  .extracting(e -> ((UnknownScopeException) e).scope())
                  .isEqualTo("baking");
              assertThatThrownBy(() -> reputations.standing("brewing", "nobody"))
                  .isInstanceOf(UnknownContributorException.class);
              assertThatThrownBy(() -> reputations.trustedBy("nobody", 3))
                  .isInstanceOf(UnknownContributorException.class);
              assertThatThrownBy(() -> reputations.circleTrust("m1", "nobody"))
                  .isInstanceOf(UnknownContributorException.class);
              assertThatThrownBy(() -> reputations.circleTrust("m0", "m1"))
                  .isInstanceOf(IllegalArgumentException.class)
                  .hasMessage(
                      "'m0' endorses no one, so its circle is empty; ask trustFrom(\"m0\") for"
                          + " its own view");
              assertThatThrownBy(() -> reputations.top("brewing", -1))
                  .isInstanceOf(IllegalArgumentException.class)
                  .hasMessage("k = -1; ask for the top k with k >= 0");
            });
    runner(ledger(), "wuffie.scopes=*")
        .run(
            context ->
                assertThatThrownBy(() -> context.getBean(WuffieReputations.class).top("cider", 3))
                    .isInstanceOf(UnknownScopeException.class)
                    .hasMessage(
                        "no scope 'cider': no contribution carries tag 'cider'; the scopes are"
                            + " [baking, brewing]"));
  }

  @Test
  void withoutScopes_aScopeIsRefused_andTrustStillAnswers() {
    runner(ledger())
        .run(
            context -> {
              WuffieReputations reputations = context.getBean(WuffieReputations.class);
              assertThat(reputations.scopes()).isEmpty();
              assertThat(context.getBean(LiveReputation.class).scopes()).isEmpty();
              assertThatThrownBy(() -> reputations.top("brewing", 3))
                  .isInstanceOf(UnknownScopeException.class)
                  .hasMessage(
                      "no scope 'brewing': wuffie keeps no scopes here; list the tags to keep in"
                          + " wuffie.scopes, or * for every tag");
              assertThat(reputations.trustedBy("m1", 2)).hasSize(2);
            });
  }

  @Test
  void beforeTheFirstRefresh_refusedAsNotYet() {
    runner(Ledger.create(), "wuffie.scopes=*")
        .run(
            context -> {
              WuffieReputations reputations = context.getBean(WuffieReputations.class);
              String message =
                  "no scores yet: wuffie publishes them at its first refresh, once the ledger holds"
                      + " a member; try again shortly";
              assertThatThrownBy(() -> reputations.top("brewing", 3))
                  .isInstanceOf(IllegalStateException.class)
                  .hasMessage(message);
              assertThatThrownBy(() -> reputations.trustedBy("m1", 3))
                  .isInstanceOf(IllegalStateException.class)
                  .hasMessage(message);
              assertThat(reputations.scopes()).isEmpty();
            });
  }

  @Test
  void health_showsTheScopes() {
    runner(ledger(), "wuffie.scopes=*")
        .run(
            context ->
                assertThat(
                        context
                            .getBean("wuffieHealthIndicator", HealthIndicator.class)
                            .health()
                            .getDetails())
                    .containsEntry(
                        "scopes", Map.of("count", 2, "tags", List.of("baking", "brewing"))));
  }

  /**
   * Tags read by the source from the contributions query's {@code tags} column: the published
   * scopes equal {@link ScopedReputation#compute} on the same rows recorded directly, and a tag
   * that first appears in a later poll is a scope after it.
   */
  @Test
  void tagsFromTheSitesTables_scopesEqualCompute_andANewTagAppearsAfterAPoll() throws Exception {
    try (Db db = TestDatabase.H2.create()) {
      QaSite site = new QaSite(13, 10);
      QaSite.createTables(db.dataSource());
      site.addPosts(12, db.dataSource());
      site.addVotes(80, db.dataSource());
      db.execute("ALTER TABLE posts ADD COLUMN tags VARCHAR(64)");
      db.execute(
          "UPDATE posts SET tags = CASE MOD(id, 3) WHEN 0 THEN 'brewing' WHEN 1 THEN"
              + " 'baking|brewing' ELSE NULL END");

      db.runner()
          .withPropertyValues(QaSite.PROPERTIES)
          .withPropertyValues(
              "wuffie.source.contributions.sql=SELECT id AS contribution, author, tags,"
                  + " created_at AS made_at FROM posts",
              "wuffie.source.poll-every=50ms",
              "wuffie.scopes=*")
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                WuffieReputations reputations = context.getBean(WuffieReputations.class);
                assertSameScopes(
                    reputations, ScopedReputation.compute(tagged(site), QaSite.policy()));

                // a post with a new tag (inserted with its tags: the source reads a post once)
                site.posts.add(new QaSite.Post(13, "m1", QaSite.T0.plusSeconds(60 * 13)));
                db.execute(
                    "INSERT INTO posts VALUES (13, 'm1', TIMESTAMP '2025-06-01 00:13:00',"
                        + " 'cider')");
                site.addVotes(20, db.dataSource());
                LiveReputation live = context.getBean(LiveReputation.class);
                Await.until(
                    "every new vote to be recorded",
                    () -> live.ledger().eventCount() == site.votes.size());
                live.refresh(); // publishes what the runner has not published yet, if anything
                assertThat(reputations.scopes()).contains("cider");
                assertSameScopes(
                    reputations, ScopedReputation.compute(tagged(site), QaSite.policy()));
              });
    }
  }

  /** The site's rows recorded directly, with the tags the UPDATEs gave them. */
  private static Ledger tagged(QaSite site) {
    Ledger ledger = Ledger.create();
    for (QaSite.Post p : site.posts) {
      LedgerEntry.Contribution c =
          LedgerEntry.contribution(Long.toString(p.id()), p.at(), p.author());
      if (p.id() == 13) {
        c = c.tagged("cider");
      } else if (p.id() % 3 == 0) {
        c = c.tagged("brewing");
      } else if (p.id() % 3 == 1) {
        c = c.tagged("baking", "brewing");
      }
      ledger.addContribution(c);
    }
    for (QaSite.Vote v : site.votes) {
      ledger.record(
          Endorsement.ofContribution(v.voter(), Long.toString(v.post()), v.kind(), v.at()));
    }
    return ledger;
  }

  private static void assertSameScopes(WuffieReputations actual, ScopedReputation expected) {
    assertThat(actual.scopes()).containsExactlyElementsOf(expected.scopes());
    for (String tag : expected.scopes()) {
      Reputation scope = expected.scope(tag);
      for (String id : scope.ids()) {
        assertThat(actual.standing(tag, id)).as("%s in %s", id, tag).isEqualTo(scope.standing(id));
      }
    }
  }
}
