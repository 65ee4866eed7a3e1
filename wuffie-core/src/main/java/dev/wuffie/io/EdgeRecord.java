package dev.wuffie.io;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * One line of an edge list, read by {@link EdgeListFormat}: the six {@linkplain
 * EdgeListFormat.Column columns}, each optional field present only when the line gives it (an empty
 * field is absent).
 *
 * <p>A record carries what the line says and nothing more: what an absent weight, time or kind
 * means, and whether a weight may be negative, is for whoever turns records into endorsements (a
 * graph counts an absent weight as 1; a scoring policy weighs a record by its kind).
 *
 * <pre>{@code
 * EdgeListReader.create().readRecords(path, record ->
 *     System.out.println(record.endorser() + " -> " + record.endorsed()
 *         + " weighs " + record.weight().orElse(1)));
 * }</pre>
 *
 * @param endorser the endorser's id (never empty when read from a line)
 * @param endorsed the endorsed contributor's id (never empty when read from a line)
 * @param weight the weight field, if given: a number as {@link Double#parseDouble} reads it (the
 *     readers of {@link EdgeListReader} let only finite numbers through)
 * @param time the time field, if given (and read: {@link EdgeListFormat#EDGES} checks the time but
 *     does not keep it)
 * @param kind the kind field, if given
 * @param tags the tags of the endorsed work (the scopes it counts in), empty if none are given
 * @param line the 1-based line (or row) the record comes from, for messages; 0 if unknown
 */
public record EdgeRecord(
    String endorser,
    String endorsed,
    OptionalDouble weight,
    Optional<Instant> time,
    Optional<String> kind,
    Set<String> tags,
    long line) {

  /**
   * Checks that no component is null.
   *
   * @throws NullPointerException if a component is null
   */
  public EdgeRecord {
    checkNotNull(endorser, "endorser is null");
    checkNotNull(endorsed, "endorsed is null");
    checkNotNull(weight, "weight is null; use OptionalDouble.empty()");
    checkNotNull(time, "time is null; use Optional.empty()");
    checkNotNull(kind, "kind is null; use Optional.empty()");
    checkNotNull(tags, "tags is null; use Set.of()");
    tags = Collections.unmodifiableSet(new LinkedHashSet<>(tags));
  }

  /**
   * A record without tags.
   *
   * @throws NullPointerException if a component is null
   */
  public EdgeRecord(
      String endorser,
      String endorsed,
      OptionalDouble weight,
      Optional<Instant> time,
      Optional<String> kind,
      long line) {
    this(endorser, endorsed, weight, time, kind, Set.of(), line);
  }
}
