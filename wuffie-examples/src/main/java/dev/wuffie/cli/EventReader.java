package dev.wuffie.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.wuffie.Endorsement;
import dev.wuffie.KindWeight;
import dev.wuffie.Ledger;
import dev.wuffie.ScoringPolicy;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads an input file into a {@link Ledger} of endorsement events, for scoring under a policy.
 *
 * <p>Lines are {@code endorser<sep>endorsed[<sep>weight[<sep>time[<sep>kind]]]}, with the
 * separators, comments, header, line ends, gzip and UTF-8 rules of {@link
 * dev.wuffie.io.EdgeListReader}: {@code <sep>} is a comma, a tab or a run of spaces (decided per
 * line, in that order), fields are trimmed, blank lines and lines starting with {@code #} or {@code
 * %} are skipped, and the first record is a header if its weight is not a number or its time not a
 * time (see {@link Times}).
 *
 * <ul>
 *   <li>A missing or empty weight is 1; a missing or empty kind is {@value
 *       ScoringPolicy#IDENTITY_KIND}; a kind the policy does not know is an error.
 *   <li>A line of a rated kind is recorded with its weight field as the value, so that it weighs
 *       {@code scale * (value - neutral)}. A line of a fixed kind (declared so in a policy file)
 *       weighs the kind's weight: its weight field must be empty or 1.
 *   <li>A line whose weight comes out negative is an error, unless negative weights are applied as
 *       distrust or dropped (the contributors of a dropped line stay).
 *   <li>A missing time is allowed only when the policy has no decay and no {@code asOf}; such a
 *       line is recorded at the Unix epoch.
 * </ul>
 *
 * <p>Errors are {@link BadInputException}s naming the file and line, and how to fix the line.
 */
final class EventReader {
  private static final Set<String> HEADER_NAMES = Set.of("source", "src", "from", "endorser");
  private static final String FORMAT =
      "expected endorser<sep>endorsed[<sep>weight[<sep>time[<sep>kind]]] with <sep> a comma, tab"
          + " or spaces";
  private static final char REPLACEMENT = '\uFFFD';
  private static final int SHOWN_KINDS = 10;

  /** What to do with a line whose weight is negative. */
  enum Negative {
    REJECT,
    DROP,
    DISTRUST
  }

  /**
   * What a read produced.
   *
   * @param ledger the events
   * @param records the lines read as endorsements (the header and comments excluded)
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

  /** Reads {@code in} (not closed), naming it {@code source} in messages. */
  Events read(InputStream in, String source) throws IOException, BadInputException {
    // A file's times are history, not a live site's clock: accept any time a Ledger can hold.
    Ledger ledger = Ledger.builder().maxFuture(Duration.ofSeconds(Long.MAX_VALUE)).build();
    Map<String, Long> kindCounts = new LinkedHashMap<>();
    long records = 0;
    long trust = 0;
    long distrust = 0;
    long dropped = 0;
    long self = 0;
    boolean headerChecked = false;
    long lineNumber = 0;
    BufferedReader reader = reader(in, source);
    String line;
    while ((line = readLine(reader, source, lineNumber)) != null) {
      lineNumber++;
      String where = source + ":" + lineNumber + ": ";
      if (line.indexOf(REPLACEMENT) >= 0) {
        throw new BadInputException(where + "not valid UTF-8 text; save the file as UTF-8");
      }
      List<String> fields = split(line);
      if (fields.isEmpty()) {
        continue;
      }
      if (!headerChecked) {
        headerChecked = true;
        if (isHeader(fields)) {
          continue;
        }
      }
      if (fields.size() < 2 || fields.size() > 5) {
        throw new BadInputException(where + "found " + fields.size() + " field(s); " + FORMAT);
      }
      String endorser = fields.get(0);
      String endorsed = fields.get(1);
      if (endorser.isEmpty() || endorsed.isEmpty()) {
        throw new BadInputException(
            where + "empty " + (endorser.isEmpty() ? "endorser" : "endorsed") + " id");
      }
      String weightField = field(fields, 2);
      double value = 1.0;
      if (!weightField.isEmpty()) {
        try {
          value = Double.parseDouble(weightField);
        } catch (NumberFormatException e) {
          throw new BadInputException(
              where + "weight '" + weightField + "' is not a number; " + FORMAT);
        }
        if (!Double.isFinite(value)) {
          throw new BadInputException(
              where + "weight '" + weightField + "' is not a finite number");
        }
      }
      String timeField = field(fields, 3);
      Instant time = Instant.EPOCH;
      if (!timeField.isEmpty()) {
        try {
          time = Times.time(timeField);
        } catch (IllegalArgumentException e) {
          throw new BadInputException(where + "time " + e.getMessage());
        }
      } else if (timeNeededBy != null) {
        throw new BadInputException(
            where
                + "no time (fourth field), but "
                + timeNeededBy
                + " needs the time of every endorsement; give "
                + Times.TIME_FORMS);
      }
      String kindName = field(fields, 4);
      if (kindName.isEmpty()) {
        kindName = ScoringPolicy.IDENTITY_KIND;
      }
      KindWeight kind = policy.kinds().get(kindName);
      if (kind == null) {
        throw new BadInputException(where + unknownKind(kindName));
      }
      if (!kind.rated() && !weightField.isEmpty() && value != 1) {
        throw new BadInputException(
            where
                + "kind '"
                + kindName
                + "' has the fixed weight "
                + Report.number(kind.scale())
                + " in "
                + fixedKindsFrom
                + ", so its weight field must be empty or 1, not "
                + weightField
                + "; or declare it rated there ({\"rated\": true, \"scale\": "
                + Report.number(kind.scale())
                + "}) to weigh scale x value");
      }
      double weight = kind.rated() ? kind.scale() * (value - kind.neutral()) : kind.scale();
      records++;
      if (endorser.equals(endorsed)) {
        self++;
      }
      if (weight < 0) {
        switch (negative) {
          case REJECT ->
              throw new BadInputException(
                  where
                      + "negative weight "
                      + describeWeight(weight, kind, weightField)
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
            continue;
          }
          case DISTRUST -> distrust++;
        }
      } else if (weight > 0) {
        trust++;
      }
      Endorsement endorsement =
          kind.rated()
              ? Endorsement.rating(endorser, endorsed, kindName, value, time)
              : Endorsement.of(endorser, endorsed, kindName, time);
      try {
        ledger.record(endorsement);
      } catch (IllegalArgumentException e) {
        throw new BadInputException(where + e.getMessage());
      }
      kindCounts.merge(kindName, 1L, Long::sum);
    }
    if (records == 0) {
      throw new BadInputException(source + ": no endorsements found; " + FORMAT);
    }
    return new Events(ledger, records, trust, distrust, dropped, self, kindCounts);
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

  private static String describeWeight(double weight, KindWeight kind, String weightField) {
    if (!kind.rated()) {
      return Report.number(weight) + " (kind '" + kind.kind() + "')";
    }
    String value = weightField.isEmpty() ? "1" : weightField;
    if (kind.scale() == 1 && kind.neutral() == 0) {
      return value;
    }
    return Report.number(weight)
        + " (kind '"
        + kind.kind()
        + "': "
        + Report.number(kind.scale())
        + " x "
        + (kind.neutral() == 0 ? value : "(" + value + " - " + Report.number(kind.neutral()) + ")")
        + ")";
  }

  private static String field(List<String> fields, int i) {
    return i < fields.size() ? fields.get(i) : "";
  }

  private static boolean isHeader(List<String> fields) {
    if (fields.size() == 2) {
      return HEADER_NAMES.contains(fields.get(0).toLowerCase(Locale.ROOT));
    }
    String weight = field(fields, 2);
    if (!weight.isEmpty()) {
      try {
        Double.parseDouble(weight);
      } catch (NumberFormatException e) {
        return true;
      }
    }
    String time = field(fields, 3);
    if (!time.isEmpty()) {
      try {
        Times.time(time);
      } catch (IllegalArgumentException e) {
        return true;
      }
    }
    return false;
  }

  /**
   * Splits a line into trimmed fields: by commas if it has one, else by tabs if it has one, else by
   * runs of blanks. Blank lines and comments ({@code #}, {@code %}) have no fields.
   */
  static List<String> split(String line) {
    int start = 0;
    int end = line.length();
    while (start < end && isBlank(line.charAt(start))) {
      start++;
    }
    while (end > start && isBlank(line.charAt(end - 1))) {
      end--;
    }
    List<String> fields = new ArrayList<>(5);
    if (start == end || line.charAt(start) == '#' || line.charAt(start) == '%') {
      return fields;
    }
    char separator = line.indexOf(',') >= 0 ? ',' : line.indexOf('\t') >= 0 ? '\t' : ' ';
    if (separator == ' ') {
      int i = start;
      while (i < end) {
        int fieldStart = i;
        while (i < end && !isBlank(line.charAt(i))) {
          i++;
        }
        fields.add(line.substring(fieldStart, i));
        while (i < end && isBlank(line.charAt(i))) {
          i++;
        }
      }
      return fields;
    }
    int fieldStart = start;
    while (true) {
      int at = line.indexOf(separator, fieldStart);
      if (at < 0 || at >= end) {
        fields.add(trim(line, fieldStart, end));
        return fields;
      }
      fields.add(trim(line, fieldStart, at));
      fieldStart = at + 1;
    }
  }

  private static String trim(String line, int from, int to) {
    while (from < to && isBlank(line.charAt(from))) {
      from++;
    }
    while (to > from && isBlank(line.charAt(to - 1))) {
      to--;
    }
    return line.substring(from, to);
  }

  private static boolean isBlank(char c) {
    return c <= ' ';
  }

  private static BufferedReader reader(InputStream in, String source)
      throws IOException, BadInputException {
    PushbackInputStream peekable = new PushbackInputStream(in, 2);
    byte[] magic = peekable.readNBytes(2);
    peekable.unread(magic);
    InputStream stream = peekable;
    if (magic.length == 2 && magic[0] == (byte) 0x1f && magic[1] == (byte) 0x8b) {
      try {
        stream = new GZIPInputStream(peekable, 1 << 16);
      } catch (ZipException | EOFException e) {
        throw new BadInputException(source + ": broken gzip header (" + e.getMessage() + ")");
      }
    }
    return new BufferedReader(new InputStreamReader(stream, UTF_8), 1 << 16);
  }

  private static String readLine(BufferedReader reader, String source, long lineNumber)
      throws IOException, BadInputException {
    try {
      return reader.readLine();
    } catch (ZipException | EOFException e) {
      throw new BadInputException(
          source + ": broken gzip data after line " + lineNumber + " (" + e.getMessage() + ")");
    }
  }
}
