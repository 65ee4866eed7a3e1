package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class ScopedReputationTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final ScoringPolicy LINEAR =
      ScoringPolicy.builder()
          .clearKinds()
          .kind("upvote", 1)
          .kind("thanks", 1)
          .saturation(Saturation.linear())
          .solver(dev.wuffie.rank.RankSolver.builder().tolerance(1e-15).build())
          .build();

  /**
   * Three members: b wrote p1 (brewing); c wrote p2 and p4, a wrote p3 (baking); q is untagged. a
   * upvotes p1 and p2, c upvotes p3, b thanks c, and everyone upvotes q by a.
   */
  private static Ledger twoTopics() {
    Ledger ledger = Ledger.create();
    ledger.addContribution(LedgerEntry.contribution("p1", T, "b").tagged("brewing"));
    ledger.addContribution(LedgerEntry.contribution("p2", T, "c").tagged("baking"));
    ledger.addContribution(LedgerEntry.contribution("p3", T, "a").tagged("baking"));
    ledger.addContribution(LedgerEntry.contribution("p4", T, "c").tagged("baking"));
    ledger.addContribution("q", T, "a");
    ledger.record(Endorsement.ofContribution("a", "p1", "upvote", T));
    ledger.record(Endorsement.ofContribution("a", "p2", "upvote", T));
    ledger.record(Endorsement.ofContribution("c", "p3", "upvote", T));
    ledger.record(Endorsement.of("b", "c", "thanks", T));
    ledger.record(Endorsement.ofContribution("b", "q", "upvote", T));
    ledger.record(Endorsement.ofContribution("c", "q", "upvote", T));
    return ledger;
  }

  @Test
  void compute_twoTopics_handDerivedScores() {
    ScopedReputation scoped = ScopedReputation.compute(twoTopics(), LINEAR);

    assertThat(scoped.scopes()).containsExactly("baking", "brewing");
    // brewing: p = b; edges a->b (p1), b->c (thanks); c dangles back to b. s_a = 0,
    // s_b = 0.15 + 0.85 s_c, s_c = 0.85 s_b: s_b = 20/37, s_c = 17/37.
    Reputation brewing = scoped.scope("brewing");
    assertThat(brewing.score("a")).isEqualTo(0.0);
    assertThat(brewing.score("b")).isCloseTo(20.0 / 37, within(1e-12));
    assertThat(brewing.score("c")).isCloseTo(17.0 / 37, within(1e-12));
    // baking: p = (a 1/3, c 2/3); edges a->c (p2), c->a (p3), b->c (thanks); nobody reaches b.
    // s_a = 0.05 + 0.85 s_c, s_c = 0.1 + 0.85 s_a: s_a = 18/37, s_c = 19/37.
    Reputation baking = scoped.scope("baking");
    assertThat(baking.score("a")).isCloseTo(18.0 / 37, within(1e-12));
    assertThat(baking.score("b")).isEqualTo(0.0);
    assertThat(baking.score("c")).isCloseTo(19.0 / 37, within(1e-12));
    assertThat(baking.top(1).get(0).id()).isEqualTo("c");
    assertThat(brewing.rank("b")).isEqualTo(1);
    assertThat(brewing.percentile("b")).isEqualTo(100.0);
    assertThat(scoped.converged()).isTrue();
  }

  @Test
  void explain_scope_partsAreTheScopesEndorsementsOnly() {
    Reputation baking = ScopedReputation.compute(twoTopics(), LINEAR).scope("baking");

    Explanation why = baking.explain("a");
    assertThat(why.score()).isCloseTo(18.0 / 37, within(1e-12));
    assertThat(why.total()).isCloseTo(why.score(), within(1e-12));
    assertThat(why.teleport()).isCloseTo(0.15 / 3, within(1e-12));
    // c upvoted p3 (baking) and q (untagged): only p3 is part of c's term in baking
    assertThat(why.endorsers()).extracting(Explanation.Term::endorser).containsExactly("c");
    assertThat(why.endorsers().get(0).amount()).isCloseTo(0.85 * 19 / 37, within(1e-12));
    assertThat(why.endorsers().get(0).parts())
        .extracting(Explanation.Part::kind, Explanation.Part::contribution)
        .containsExactly(org.assertj.core.api.Assertions.tuple("upvote", "p3"));
  }

  @Test
  void compute_everyContributionTagged_equalsGlobalUnderActivityPrior() {
    Ledger ledger = randomLedger(new Random(16), true);
    ScoringPolicy policy =
        ScoringPolicy.builder()
            .kind("upvote", 1)
            .kind("accepted", 3)
            .kind("downvote", -1)
            .kind("thanks", 2)
            .decay(Decay.halfLife(Duration.ofDays(30)))
            .reciprocalWeight(0.5)
            .activityPrior()
            .build();

    ScopedReputation scoped = ScopedReputation.compute(ledger, policy);
    Reputation global = Reputation.compute(ledger, policy);

    Reputation all = scoped.scope("all");
    assertThat(all.size()).isEqualTo(global.size());
    for (String id : global.ids()) {
      assertThat(all.score(id)).as(id).isCloseTo(global.score(id), within(1e-12));
      assertThat(all.rank(id)).as(id).isEqualTo(global.rank(id));
    }
    assertThat(scoped.scope("odd").score("m1")).isNotCloseTo(global.score("m1"), within(1e-6));
  }

  @Test
  void compute_manyScopesTogether_equalsEachScopeAloneAsAFilteredLedger() {
    Ledger ledger = randomLedger(new Random(7), false);
    ScoringPolicy policy =
        ScoringPolicy.builder()
            .kind("upvote", 1)
            .kind("accepted", 3)
            .kind("downvote", -1)
            .kind("thanks", 2)
            .decay(Decay.halfLife(Duration.ofDays(30)))
            .asOf(T.plus(Duration.ofDays(100)))
            .activityPrior()
            .build();

    ScopedReputation scoped = ScopedReputation.compute(ledger, policy);

    assertThat(scoped.scopes()).containsExactly("even", "odd", "third");
    for (String tag : scoped.scopes()) {
      Reputation alone = Reputation.compute(filtered(ledger, tag), policy);
      Reputation together = scoped.scope(tag);
      for (String id : alone.ids()) {
        assertThat(together.score(id)).as(tag + " " + id).isCloseTo(alone.score(id), within(1e-12));
      }
    }
  }

  @Test
  void compute_manyScopesWithoutDistrust_sharedMemberPairs_equalEachScopeAloneAsAFilteredLedger() {
    // no distrust and no reciprocal damping: the scopes sum and weigh the endorsements between
    // members once (MemberPairs), adding a scope's own sums where its endorsements of contributions
    // fall on the same pair (m0 thanks m1 and upvotes m1's work): saturation is not linear there
    Ledger ledger = randomLedger(new Random(5), false);
    ScoringPolicy policy =
        ScoringPolicy.builder()
            .kind("upvote", 1)
            .kind("accepted", 3)
            .kind("downvote", 0.5)
            .kind("thanks", 2)
            .decay(Decay.halfLife(Duration.ofDays(30)))
            .asOf(T.plus(Duration.ofDays(100)))
            .activityPrior()
            .build();
    LedgerSnapshot snapshot = ledger.snapshot();
    int[] scopes = new int[snapshot.tagCount()];
    for (int i = 0; i < scopes.length; i++) {
      scopes[i] = i;
    }
    CompiledLedger[] compiled = CompiledLedger.compile(snapshot, policy, false, scopes);
    assertThat(compiled).hasSize(3);
    assertThat(compiled[0].pairs.size()).isLessThan(compiled[0].graph.edgeCount()); // shared

    ScopedReputation scoped = ScopedReputation.compute(ledger, policy);

    for (String tag : scoped.scopes()) {
      Reputation alone = Reputation.compute(filtered(ledger, tag), policy);
      Reputation together = scoped.scope(tag);
      assertThat(together.result().iterations()).isEqualTo(alone.result().iterations());
      for (String id : alone.ids()) {
        assertThat(together.score(id))
            .as(tag + " " + id)
            .isCloseTo(alone.score(id), within(1e-12 * alone.score(id)));
      }
    }
  }

  @Test
  void compute_distrustAndInfluenceCap_equalsEachScopeScoredAlone() {
    Ledger ledger = randomLedger(new Random(11), false);
    ScoringPolicy policy =
        ScoringPolicy.builder()
            .kind("upvote", 1)
            .kind("accepted", 3)
            .kind("downvote", -1)
            .kind("thanks", 2)
            .decay(Decay.halfLife(Duration.ofDays(30)))
            .reciprocalWeight(0.5)
            .influenceCap(0.3)
            .activityPrior()
            .build();

    ScopedReputation scoped = ScopedReputation.compute(ledger, policy);

    // the cap's rounds stop within a slack of its fixed point that depends on where they start, so
    // the reference is the same scope's cap from its own solve: the scope scored by itself
    for (String tag : scoped.scopes()) {
      Reputation alone = ScopedReputation.compute(ledger, policy, List.of(tag)).scope(tag);
      Reputation together = scoped.scope(tag);
      assertThat(together.converged()).isEqualTo(alone.converged());
      assertThat(together.result().iterations()).isEqualTo(alone.result().iterations());
      for (String id : alone.ids()) {
        assertThat(together.score(id))
            .as(tag + " " + id)
            .isCloseTo(alone.score(id), within(1e-12 * alone.score(id)));
      }
    }
  }

  @Test
  void compute_oneScope_equalsThatScopeAmongAll() {
    Ledger ledger = randomLedger(new Random(7), false);
    ScoringPolicy policy =
        ScoringPolicy.builder()
            .kind("upvote", 1)
            .kind("accepted", 3)
            .kind("downvote", -1)
            .kind("thanks", 2)
            .decay(Decay.halfLife(Duration.ofDays(30)))
            .build();

    ScopedReputation all = ScopedReputation.compute(ledger, policy);
    for (String tag : all.scopes()) {
      Reputation one = ScopedReputation.compute(ledger, policy, List.of(tag)).scope(tag);
      assertThat(one.result().iterations()).isEqualTo(all.scope(tag).result().iterations());
      for (String id : one.ids()) {
        assertThat(all.scope(tag).score(id))
            .as(tag + " " + id)
            .isCloseTo(one.score(id), within(1e-12 * one.score(id)));
      }
    }
  }

  @Test
  void compute_someTags_scoresThoseOnly() {
    ScopedReputation scoped = ScopedReputation.compute(twoTopics(), LINEAR, List.of("brewing"));

    assertThat(scoped.scopes()).containsExactly("brewing");
    assertThat(scoped.scope("brewing").score("b")).isCloseTo(20.0 / 37, within(1e-12));
  }

  @Test
  void compute_unknownTag_saysWhichTagsThereAre() {
    assertThatThrownBy(() -> ScopedReputation.compute(twoTopics(), LINEAR, List.of("cheese")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no contribution has tag 'cheese'; the ledger's tags are [baking, brewing]");
  }

  @Test
  void scope_notScored_saysWhichScopesThereAre() {
    ScopedReputation scoped = ScopedReputation.compute(twoTopics(), LINEAR);

    assertThatThrownBy(() -> scoped.scope("cheese"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "no scope 'cheese'; the scopes are [baking, brewing] (a scope is a tag that"
                + " contributions carry)");
  }

  @Test
  void compute_noTags_noScopes() {
    Ledger ledger = Ledger.create();
    ledger.addContribution("q", T, "a");
    ledger.record(Endorsement.ofContribution("b", "q", "upvote", T));

    assertThat(ScopedReputation.compute(ledger, LINEAR).scopes()).isEmpty();
  }

  static Stream<Arguments> badTags() {
    return Stream.of(
        Arguments.of("", "a tag of contribution 'p' is empty; give each tag as a non-empty word"),
        Arguments.of(
            "home brewing",
            "tag 'home brewing' of contribution 'p' holds whitespace; a tag is one word without"
                + " whitespace or commas: write 'home-brewing' for 'home brewing'"),
        Arguments.of(
            " ",
            "tag ' ' of contribution 'p' holds whitespace; a tag is one word without whitespace"
                + " or commas: write 'home-brewing' for 'home brewing'"),
        Arguments.of(
            "a,b",
            "tag 'a,b' of contribution 'p' holds a comma; a tag is one word without whitespace or"
                + " commas: write 'home-brewing' for 'home brewing'"));
  }

  @ParameterizedTest
  @MethodSource("badTags")
  void tagged_badTag_refusedWithMessage(String tag, String message) {
    Ledger ledger = Ledger.create();

    assertThatThrownBy(
            () -> ledger.addContribution(LedgerEntry.contribution("p", T, "a").tagged(tag)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
    assertThatThrownBy(
            () -> new LedgerEntry.Contribution("p", T, java.util.Map.of("a", 1.0), Set.of(tag)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
    assertThat(ledger.contributionCount()).isZero();
  }

  @Test
  void snapshotEntries_keepTags_andApplyBackEqual() {
    Ledger ledger = twoTopics();
    ledger.addContribution(LedgerEntry.contribution("p5", T, "b").tagged("brewing", "baking"));

    List<LedgerEntry> entries = ledger.snapshot().entries().toList();
    Ledger copy = Ledger.create();
    copy.apply(entries);

    assertThat(copy.snapshot().entries().toList()).isEqualTo(entries);
    assertThat(entries)
        .filteredOn(e -> e instanceof LedgerEntry.Contribution c && c.id().equals("p5"))
        .extracting(e -> ((LedgerEntry.Contribution) e).tags())
        .containsExactly(Set.of("brewing", "baking"));
  }

  @Test
  void apply_failedBatch_leavesNoTag() {
    Ledger ledger = twoTopics();

    assertThatThrownBy(
            () ->
                ledger.apply(
                    List.of(
                        LedgerEntry.contribution("p9", T, "a").tagged("cheese"),
                        LedgerEntry.event(Endorsement.ofContribution("a", "nope", "upvote", T)))))
        .isInstanceOf(UnknownContributionException.class);

    assertThatThrownBy(() -> ScopedReputation.compute(ledger, LINEAR, List.of("cheese")))
        .hasMessageContaining("no contribution has tag 'cheese'");
  }

  /**
   * 30 members, 60 contributions over 60 days, 600 events: upvotes, accepted, downvotes of
   * contributions and thanks between members. With {@code allTagged} every contribution has tag
   * "all" and the odd ones "odd" too; else they are tagged "even", "odd" and (every third) "third",
   * and every fifth has no tag.
   */
  private static Ledger randomLedger(Random random, boolean allTagged) {
    Ledger ledger = Ledger.create();
    for (int c = 0; c < 60; c++) {
      List<String> tags = new ArrayList<>();
      if (allTagged) {
        tags.add("all");
        if (c % 2 == 1) {
          tags.add("odd");
        }
      } else if (c % 5 != 0) {
        tags.add(c % 2 == 0 ? "even" : "odd");
        if (c % 3 == 0) {
          tags.add("third");
        }
      }
      String author = "m" + random.nextInt(30);
      ledger.addContribution(
          LedgerEntry.contribution("c" + c, T.plus(Duration.ofDays(c)), author)
              .tagged(tags.toArray(new String[0])));
    }
    String[] kinds = {"upvote", "upvote", "accepted", "downvote"};
    for (int e = 0; e < 600; e++) {
      String endorser = "m" + random.nextInt(30);
      Instant time = T.plus(Duration.ofHours(random.nextInt(24 * 90)));
      if (random.nextInt(4) == 0) {
        ledger.record(Endorsement.of(endorser, "m" + random.nextInt(30), "thanks", time));
      } else {
        String contribution = "c" + random.nextInt(60);
        ledger.record(
            Endorsement.ofContribution(endorser, contribution, kinds[random.nextInt(4)], time));
      }
    }
    return ledger;
  }

  /**
   * The ledger with the contributions tagged {@code tag} only (as untagged ones), their
   * endorsements and the endorsements between members; every member kept.
   */
  private static Ledger filtered(Ledger ledger, String tag) {
    Ledger copy = Ledger.create();
    Set<String> kept = new java.util.HashSet<>();
    ledger
        .snapshot()
        .entries()
        .forEach(
            entry -> {
              if (entry instanceof LedgerEntry.Contributor contributor) {
                copy.addContributor(contributor.id());
              } else if (entry instanceof LedgerEntry.Contribution c && c.tags().contains(tag)) {
                kept.add(c.id());
                copy.addContribution(c.id(), c.time(), c.shares());
              } else if (entry instanceof LedgerEntry.Event event) {
                Endorsement endorsement = event.endorsement();
                if (!endorsement.toContribution() || kept.contains(endorsement.target())) {
                  copy.record(endorsement);
                }
              }
            });
    return copy;
  }
}
