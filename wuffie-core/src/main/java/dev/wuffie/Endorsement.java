package dev.wuffie;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.OptionalDouble;

/**
 * One endorsement event, as a site records it in a {@link Ledger}: who endorsed whom or what, of
 * which kind, possibly with a rating, and when.
 *
 * <p>The target is a contributor id, or the id of a contribution (a post, an answer, a pull
 * request) when {@code toContribution} is true; an endorsement of a contribution is credited to its
 * authors. The kind names what happened ({@code "upvote"}, {@code "accepted"}, {@code "thanks"},
 * {@code "trust"}, ...); a scoring policy decides what each kind weighs. Rated kinds carry a value,
 * say a trust rating from 1 to 10.
 *
 * <pre>{@code
 * Instant now = Instant.now();
 * Endorsement upvote = Endorsement.ofContribution("alice", "answer-17", "upvote", now);
 * Endorsement trust = Endorsement.rating("alice", "bob", "trust", 8, now);
 * }</pre>
 *
 * <p>The constructor checks each field on its own; whether a contribution exists and whether a time
 * is plausible are the {@link Ledger}'s checks, as it knows the contributions and has the clock.
 *
 * @param endorser the id of the contributor who endorses
 * @param target the id of the endorsed contributor, or of the endorsed contribution when {@code
 *     toContribution}
 * @param toContribution whether {@code target} is a contribution id
 * @param kind what kind of endorsement this is, e.g. {@code "upvote"}
 * @param value the rating of a rated kind, empty for the others; finite when present
 * @param time when the endorsement was made
 */
public record Endorsement(
    String endorser,
    String target,
    boolean toContribution,
    String kind,
    OptionalDouble value,
    Instant time) {

  /**
   * Checks every field.
   *
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if an id or the kind is empty, or the value is NaN or infinite
   */
  public Endorsement {
    checkNotNull(endorser, "endorser is null; give the id of the contributor who endorses");
    checkNotNull(
        target,
        "target is null; give the id of the endorsed %s",
        toContribution ? "contribution" : "contributor");
    checkNotNull(kind, "kind is null; give the kind of endorsement, e.g. \"upvote\"");
    checkNotNull(value, "value is null; pass OptionalDouble.empty() for an unrated endorsement");
    checkNotNull(time, "time is null; give the instant the endorsement was made");
    checkArgument(!endorser.isEmpty(), "endorser is empty; give every contributor a non-empty id");
    checkArgument(
        !target.isEmpty(),
        "target is empty; give every %s a non-empty id",
        toContribution ? "contribution" : "contributor");
    checkArgument(!kind.isEmpty(), "kind is empty; give the kind of endorsement, e.g. \"upvote\"");
    if (value.isPresent() && !Double.isFinite(value.getAsDouble())) {
      throw new IllegalArgumentException(
          String.format(
              "value %s of endorsement '%s' -> '%s' (%s) is not a finite number; give a finite"
                  + " rating, or none",
              value.getAsDouble(), endorser, target, kind));
    }
  }

  /**
   * An unrated endorsement of the contributor {@code target}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an id or the kind is empty
   */
  public static Endorsement of(String endorser, String target, String kind, Instant time) {
    return new Endorsement(endorser, target, false, kind, OptionalDouble.empty(), time);
  }

  /**
   * A rated endorsement of the contributor {@code target}, e.g. a trust rating.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an id or the kind is empty, or the value is not finite
   */
  public static Endorsement rating(
      String endorser, String target, String kind, double value, Instant time) {
    return new Endorsement(endorser, target, false, kind, OptionalDouble.of(value), time);
  }

  /**
   * An unrated endorsement of a contribution, credited to its authors.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an id or the kind is empty
   */
  public static Endorsement ofContribution(
      String endorser, String contribution, String kind, Instant time) {
    return new Endorsement(endorser, contribution, true, kind, OptionalDouble.empty(), time);
  }

  /**
   * A rated endorsement of a contribution, credited to its authors.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an id or the kind is empty, or the value is not finite
   */
  public static Endorsement ratingOfContribution(
      String endorser, String contribution, String kind, double value, Instant time) {
    return new Endorsement(endorser, contribution, true, kind, OptionalDouble.of(value), time);
  }
}
