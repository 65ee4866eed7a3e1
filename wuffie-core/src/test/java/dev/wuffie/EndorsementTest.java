package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class EndorsementTest {
  private static final Instant T = Instant.parse("2026-11-26T12:00:00Z");

  @Test
  void factories_setEveryField() {
    assertThat(Endorsement.of("alice", "bob", "upvote", T))
        .isEqualTo(new Endorsement("alice", "bob", false, "upvote", OptionalDouble.empty(), T));
    assertThat(Endorsement.rating("alice", "bob", "trust", 8, T))
        .isEqualTo(new Endorsement("alice", "bob", false, "trust", OptionalDouble.of(8), T));
    assertThat(Endorsement.ofContribution("alice", "post-1", "upvote", T))
        .isEqualTo(new Endorsement("alice", "post-1", true, "upvote", OptionalDouble.empty(), T));
    assertThat(Endorsement.ratingOfContribution("alice", "post-1", "review", 3.5, T))
        .isEqualTo(new Endorsement("alice", "post-1", true, "review", OptionalDouble.of(3.5), T));
  }

  @Test
  void constructor_selfEndorsement_isAllowed() {
    assertThat(Endorsement.of("alice", "alice", "upvote", T).target()).isEqualTo("alice");
  }

  static Stream<Arguments> badEndorsements() {
    return Stream.of(
        bad(
            () -> Endorsement.of(null, "bob", "upvote", T),
            NullPointerException.class,
            "endorser is null; give the id of the contributor who endorses"),
        bad(
            () -> Endorsement.of("alice", null, "upvote", T),
            NullPointerException.class,
            "target is null; give the id of the endorsed contributor"),
        bad(
            () -> Endorsement.ofContribution("alice", null, "upvote", T),
            NullPointerException.class,
            "target is null; give the id of the endorsed contribution"),
        bad(
            () -> Endorsement.of("alice", "bob", null, T),
            NullPointerException.class,
            "kind is null; give the kind of endorsement, e.g. \"upvote\""),
        bad(
            () -> new Endorsement("alice", "bob", false, "upvote", null, T),
            NullPointerException.class,
            "value is null; pass OptionalDouble.empty() for an unrated endorsement"),
        bad(
            () -> Endorsement.of("alice", "bob", "upvote", null),
            NullPointerException.class,
            "time is null; give the instant the endorsement was made"),
        bad(
            () -> Endorsement.of("", "bob", "upvote", T),
            IllegalArgumentException.class,
            "endorser is empty; give every contributor a non-empty id"),
        bad(
            () -> Endorsement.of("alice", "", "upvote", T),
            IllegalArgumentException.class,
            "target is empty; give every contributor a non-empty id"),
        bad(
            () -> Endorsement.ofContribution("alice", "", "upvote", T),
            IllegalArgumentException.class,
            "target is empty; give every contribution a non-empty id"),
        bad(
            () -> Endorsement.of("alice", "bob", "", T),
            IllegalArgumentException.class,
            "kind is empty; give the kind of endorsement"),
        bad(
            () -> Endorsement.rating("alice", "bob", "trust", Double.NaN, T),
            IllegalArgumentException.class,
            "value NaN of endorsement 'alice' -> 'bob' (trust) is not a finite number; give a"
                + " finite rating, or none"),
        bad(
            () -> Endorsement.ratingOfContribution("a", "p", "review", Double.NEGATIVE_INFINITY, T),
            IllegalArgumentException.class,
            "value -Infinity of endorsement 'a' -> 'p' (review) is not a finite number"));
  }

  private static Arguments bad(
      Supplier<Endorsement> make, Class<? extends Exception> type, String message) {
    return Arguments.of(make, type, message);
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("badEndorsements")
  void constructor_badField_throwsWithMessage(
      Supplier<Endorsement> make, Class<? extends Exception> type, String message) {
    assertThatThrownBy(make::get).isInstanceOf(type).hasMessageContaining(message);
  }
}
