package dev.wuffie.examples;

import dev.wuffie.Decay;
import dev.wuffie.Endorsement;
import dev.wuffie.Explanation;
import dev.wuffie.Ledger;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.Standing;
import java.time.Duration;
import java.time.Instant;

/**
 * The README's quick start, verbatim between the markers: a site records what its members do in a
 * ledger, decides what counts in a policy, scores, prints the leaderboard and explains one score.
 * {@code QuickStartTest} runs it and checks that the README still matches.
 */
public final class QuickStart {
  private QuickStart() {}

  /** Prints the leaderboard of a five-person community and where bob's score comes from. */
  public static void main(String[] args) {
    // quick-start:begin
    Instant now = Instant.parse("2026-11-01T12:00:00Z");
    Ledger ledger = Ledger.create();
    ledger.addContribution("answer-17", now, "bob"); // bob answered carol's question
    ledger.record(Endorsement.ofContribution("alice", "answer-17", "upvote", now));
    ledger.record(Endorsement.ofContribution("carol", "answer-17", "accepted", now));
    ledger.record(Endorsement.of("bob", "alice", "thanks", now));
    ledger.record(Endorsement.of("dave", "carol", "follow", now.minus(Duration.ofDays(400))));
    ledger.record(Endorsement.of("erin", "dave", "downvote", now));

    ScoringPolicy policy =
        ScoringPolicy.builder()
            .kind("accepted", 4) // this site values accepted answers more than the default 3
            .decay(Decay.halfLife(Duration.ofDays(365)))
            .build();
    Reputation reputation = Reputation.compute(ledger, policy);

    for (Standing s : reputation.top(5)) {
      System.out.printf(
          "%d. %-5s %5.2f points (percentile %3.0f)%n",
          s.rank(), s.id(), s.points(), s.percentile());
    }
    Explanation why = reputation.explain("bob");
    System.out.printf(
        "bob = %.4f: teleport %.4f, returned %.4f%n", why.score(), why.teleport(), why.returned());
    for (Explanation.Term term : why.endorsers()) {
      for (Explanation.Part part : term.parts()) {
        System.out.printf(
            "  + %.4f from %s (%s on %s)%n",
            part.amount(), term.endorser(), part.kind(), part.contribution());
      }
    }
    // quick-start:end
  }
}
