package dev.wuffie.examples;

import dev.wuffie.Reputation;
import dev.wuffie.Standing;
import dev.wuffie.graph.EndorsementGraph;

/**
 * The README's quick start, verbatim between the markers: record a few endorsements, score them,
 * print the leaderboard. {@code QuickStartTest} runs it and checks that the README still matches.
 */
public final class QuickStart {
  private QuickStart() {}

  /** Prints the leaderboard of a four-person community. */
  public static void main(String[] args) {
    // quick-start:begin
    EndorsementGraph graph =
        EndorsementGraph.builder()
            .add("alice", "bob", 1.0) // alice upvoted one of bob's answers
            .add("carol", "bob", 3.0) // carol accepted bob's answer: it weighs more
            .add("bob", "alice", 1.0)
            .add("dave", "carol", 1.0)
            .build();

    Reputation reputation = Reputation.compute(graph);

    for (Standing s : reputation.top(4)) {
      System.out.printf(
          "%d. %-5s %.4f  (percentile %.0f)%n", s.rank(), s.id(), s.score(), s.percentile());
    }
    System.out.printf("converged in %d iterations%n", reputation.iterations());
    // quick-start:end
  }
}
