package dev.wuffie.cli;

import dev.wuffie.Endorsement;
import dev.wuffie.KindWeight;
import dev.wuffie.Ledger;
import dev.wuffie.LedgerEntry;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.io.EdgeListFormat;
import dev.wuffie.io.EdgeListReader;
import dev.wuffie.io.EdgeRecord;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Turns edge-list records into a {@link Ledger} of endorsement events under a policy, for scoring:
 * the records of an input file ({@link #read}), or of any other source, one by one ({@link
 * #recorder}).
 *
 * <p>The file's grammar (separators, comments, header, line ends, gzip, UTF-8, numbers and times)
 * is {@link EdgeListFormat#EVENTS}', read by {@link EdgeListReader#readRecords}. What a record
 * means is decided here:
 *
 * <ul>
 *   <li>A missing weight is 1; a missing kind is {@value ScoringPolicy#IDENTITY_KIND}; a kind the
 *       policy does not know is an error.
 *   <li>A record of a rated kind is recorded with its weight as the value, so that it weighs {@code
 *       scale * (value - neutral)}. A record of a fixed kind (declared so in a policy file) weighs
 *       the kind's weight: its weight must be missing or 1.
 *   <li>A record whose weight comes out negative is an error, unless negative weights are applied
 *       as distrust or dropped (the contributors of a dropped record stay).
 *   <li>A missing time is allowed only when the policy has no decay and no {@code asOf}; such a
 *       record is recorded at the Unix epoch.
 *   <li>A record with tags endorses a piece of work in those scopes: it registers a contribution of
 *       the endorsed, named after the record's line ("line 17", or "row 17"), made at the record's
 *       time and tagged so, and the endorsement endorses that contribution. Its weight goes to the
 *       endorsed as before; in a scope ({@code --scope}) only the records with its tag, and those
 *       without tags (between members), count.
 * </ul>
 *
 * <p>Errors are {@link BadInputException}s naming the source and line, and how to fix the line.
 */
final class EventReader {
  private static final int SHOWN_KINDS = 10;

  /** What to do with a record whose weight is negative. */
  enum Negative {
    REJECT,
    DROP,
    DISTRUST
  }

  /**
   * What a read produced.
   *
   * @param ledger the events
   * @param records the records read as endorsements (the header and comments excluded)
   * @param trust records with a positive weight
   * @param distrust records with a negative weight, recorded as distrust
   * @param droppedNegative records with a negative weight that were dropped
   * @param selfEndorsements records whose endorser is the endorsed (kept; the policy ignores them)
   * @param kinds how many records each kind has, in order of first appearance
   */
  record Events(
      Ledger ledger,
      long records,
      long trust,
      long distrust,
      long droppedNegative,
      long selfEndorsements,
      Map<String, Long> kinds) {}

  private final ScoringPolicy policy;
  private final Negative negative;
  private final String timeNeededBy;
  private final String fixedKindsFrom;

  /**
   * A reader for {@code policy}.
   *
   * @param negative what to do with negative weights
   * @param timeNeededBy what needs a time on every line (for the error message), or null
   * @param fixedKindsFrom where fixed kinds come from, for messages (the policy file)
   */
  EventReader(ScoringPolicy policy, Negative negative, String timeNeededBy, String fixedKindsFrom) {
    this.policy = policy;
    this.negative = negative;
    this.timeNeededBy = timeNeededBy;
    this.fixedKindsFrom = fixedKindsFrom;
  }

  /** Reads the edge list {@code in} (not closed), naming it {@code source} in messages. */
  Events read(InputStream in, String source) throws IOException, BadInputException {
    Recorder recorder = recorder(source);
    EdgeListReader.create().readRecords(in, source, recorder::add);
    return recorder.events();
  }

  /** A recorder of the records of {@code source} (named so in messages) into a new ledger. */
  Recorder recorder(String source) {
    return new Recorder(source, false);
  }

  /**
   * A recorder of the rows of a query, {@code source} in messages, which name a record's row
   * ("source, row 17: ...") rather than its line.
   */
  Recorder rowRecorder(String source) {
    return new Recorder(source, true);
  }

  /** Records records into a new ledger, one by one, and counts them. Not thread-safe. */
  final class Recorder {
    private final String source;
    private final boolean rows;
    // A file's times are history, not a live site's clock: accept any time a Ledger can hold.
    private final Ledger ledger =
        Ledger.builder().maxFuture(Duration.ofSeconds(Long.MAX_VALUE)).build();
    private final Map<String, Long> kindCounts = new LinkedHashMap<>();
    private long records;
    private long trust;
    private long distrust;
    private long dropped;
    private long self;

    private Recorder(String source, boolean rows) {
      this.source = source;
      this.rows = rows;
    }

    /**
     * Records {@code record} under the policy.
     *
     * @throws BadInputException if the policy refuses it, naming the source and the record's line
     */
    void add(EdgeRecord record) throws BadInputException {
      Instant time = time(record);
      String kindName = record.kind().orElse(ScoringPolicy.IDENTITY_KIND);
      KindWeight kind = policy.kinds().get(kindName);
      if (kind == null) {
        throw new BadInputException(where(record) + unknownKind(kindName));
      }
      double value = record.weight().orElse(1);
      if (!kind.rated() && value != 1) {
        throw new BadInputException(where(record) + notFixed(kind, value));
      }
      double weight = kind.rated() ? kind.scale() * (value - kind.neutral()) : kind.scale();
      String endorser = record.endorser();
      String endorsed = record.endorsed();
      records++;
      if (endorser.equals(endorsed)) {
        self++;
      }
      if (weight < 0) {
        switch (negative) {
          case REJECT ->
              throw new BadInputException(
                  where(record)
                      + "negative weight "
                      + describeWeight(weight, kind, value)
                      + " for "
                      + endorser
                      + " -> "
                      + endorsed
                      + "; weights must be >= 0: apply negative weights as distrust with --distrust,"
                      + " or drop them with --drop-negative");
          case DROP -> {
            dropped++;
            ledger.addContributor(endorser);
            ledger.addContributor(endorsed);
            return;
          }
          case DISTRUST -> distrust++;
        }
      } else if (weight > 0) {
        trust++;
      }
      String target = endorsed;
      boolean work = !record.tags().isEmpty();
      if (work) { // the endorsed work of a tagged line: a contribution of its own
        target = (rows ? "row " : "line ") + record.line();
      }
      Endorsement endorsement =
          new Endorsement(
              endorser,
              target,
              work,
              kindName,
              kind.rated() ? OptionalDouble.of(value) : OptionalDouble.empty(),
              time);
      try {
        if (work) {
          ledger.addContribution(
              LedgerEntry.contribution(target, time, endorsed)
                  .tagged(record.tags().toArray(new String[0])));
        }
        ledger.record(endorsement);
      } catch (IllegalArgumentException e) {
        throw new BadInputException(where(record) + e.getMessage());
      }
      kindCounts.merge(kindName, 1L, Long::sum);
    }

    /** The record's time; the Unix epoch if it has none and none is needed. */
    private Instant time(EdgeRecord record) throws BadInputException {
      if (record.time().isPresent()) {
        return record.time().get();
      }
      if (timeNeededBy != null) {
        throw new BadInputException(
            where(record)
                + (rows ? "no time, but " : "no time (fourth field), but ")
                + timeNeededBy
                + " needs the time of every endorsement; give "
                + EdgeListFormat.TIME_FORMS);
      }
      return Instant.EPOCH;
    }

    /** Where {@code record} is, to start a message. */
    private String where(EdgeRecord record) {
      return source + (rows ? ", row " : ":") + record.line() + ": ";
    }

    /**
     * What was recorded.
     *
     * @throws BadInputException if there was no record
     */
    Events events() throws BadInputException {
      if (records == 0) {
        throw new BadInputException(source + ": no endorsements found");
      }
      return new Events(ledger, records, trust, distrust, dropped, self, kindCounts);
    }
  }

  private String unknownKind(String kind) {
    List<String> known = new ArrayList<>(policy.kinds().keySet());
    String shown =
        known.size() <= SHOWN_KINDS
            ? String.join(", ", known)
            : String.join(", ", known.subList(0, SHOWN_KINDS)) + ", ...";
    return "unknown kind '"
        + kind
        + "'; declare it with --kinds "
        + kind
        + "=WEIGHT or in the --policy file (known kinds: "
        + shown
        + ")";
  }

  private String notFixed(KindWeight kind, double value) {
    return "kind '"
        + kind.kind()
        + "' has the fixed weight "
        + Report.number(kind.scale())
        + " in "
        + fixedKindsFrom
        + ", so its weight field must be empty or 1, not "
        + Report.number(value)
        + "; or declare it rated there ({\"rated\": true, \"scale\": "
        + Report.number(kind.scale())
        + "}) to weigh scale x value";
  }

  private static String describeWeight(double weight, KindWeight kind, double value) {
    if (!kind.rated()) {
      return Report.number(weight) + " (kind '" + kind.kind() + "')";
    }
    if (kind.scale() == 1 && kind.neutral() == 0) {
      return Report.number(value);
    }
    return Report.number(weight)
        + " (kind '"
        + kind.kind()
        + "': "
        + Report.number(kind.scale())
        + " x "
        + (kind.neutral() == 0
            ? Report.number(value)
            : "(" + Report.number(value) + " - " + Report.number(kind.neutral()) + ")")
        + ")";
  }
}
