package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ExplanationTest {
  private static final Explanation.Part UPVOTES = new Explanation.Part("upvote", null, 2, 0.25);

  @Test
  void total_addsTeleportReturnedEndorsersAndFloor_subtractsDistrusters() {
    // Binary fractions, so the sum is exact: 0.125 + 0.0625 + (0.25 + 0.5) - 0.375 + 0.0625.
    Explanation explanation =
        new Explanation(
            "bob",
            0.625,
            0.125,
            0.0625,
            List.of(term("alice", 0.5), term("carol", 0.25)),
            List.of(term("erin", 0.375)),
            0.0625);

    assertThat(explanation.total()).isEqualTo(0.625);
  }

  @Test
  void total_noTerms_isTeleportPlusReturned() {
    Explanation loner = new Explanation("loner", 0.1875, 0.125, 0.0625, List.of(), List.of(), 0);

    assertThat(loner.total()).isEqualTo(0.1875);
  }

  @Test
  void constructor_copiesTheLists_laterChangesDoNotShow() {
    List<Explanation.Term> endorsers = new ArrayList<>(List.of(term("alice", 0.5)));
    List<Explanation.Term> distrusters = new ArrayList<>();
    List<Explanation.Part> parts = new ArrayList<>(List.of(UPVOTES));
    Explanation.Term alice = new Explanation.Term("alice", 0.25, parts);
    endorsers.add(alice);

    Explanation explanation = new Explanation("bob", 1, 0, 0, endorsers, distrusters, 0);
    endorsers.clear();
    distrusters.add(term("erin", 1));
    parts.clear();

    assertThat(explanation.endorsers())
        .extracting(Explanation.Term::endorser)
        .containsExactly("alice", "alice");
    assertThat(explanation.distrusters()).isEmpty();
    assertThat(alice.parts()).containsExactly(UPVOTES);
    assertThat(explanation.total()).isEqualTo(0.75);
    assertThatThrownBy(() -> explanation.endorsers().add(alice))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> alice.parts().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void constructors_nullIds_throwWithMessage() {
    assertThatThrownBy(() -> new Explanation(null, 0, 0, 0, List.of(), List.of(), 0))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("id is null");
    assertThatThrownBy(() -> new Explanation.Term(null, 0, List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("endorser is null");
    assertThatThrownBy(() -> new Explanation.Part(null, "c", 1, 0))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("kind is null");
  }

  @Test
  void constructors_nullListsOrElements_refused() {
    List<Explanation.Term> withNull = new ArrayList<>();
    withNull.add(null);

    assertThatThrownBy(() -> new Explanation("bob", 0, 0, 0, null, List.of(), 0))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Explanation("bob", 0, 0, 0, List.of(), withNull, 0))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Explanation.Term("alice", 0, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void part_contributionMayBeNull_forADirectEndorsement() {
    assertThat(UPVOTES.contribution()).isNull();
    assertThat(new Explanation.Part("accepted", "answer-17", 1, 0.5).contribution())
        .isEqualTo("answer-17");
  }

  private static Explanation.Term term(String endorser, double amount) {
    return new Explanation.Term(endorser, amount, List.of());
  }
}
