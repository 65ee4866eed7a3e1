package dev.wuffie.io;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wuffie.graph.EndorsementGraph;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an endorsement edge list into an {@link EndorsementGraph}.
 *
 * <p>Format: one endorsement per line, {@code endorser<sep>endorsed[<sep>weight[<sep>timestamp]]},
 * where {@code <sep>} is a comma, a tab or a run of spaces (decided per line, in that order) and
 * fields are trimmed. A missing or empty weight counts 1; the timestamp (Unix seconds) is checked
 * to be a number and otherwise ignored. Blank lines and lines starting with {@code #} or {@code %}
 * are skipped. The first record is taken as a header, and skipped, if its weight or timestamp field
 * is not a number, or if it has two fields and the first is {@code source}, {@code src}, {@code
 * from} or {@code endorser}. LF, CRLF and CR line ends are accepted; gzip-compressed input is
 * recognised by its first bytes and read transparently; text must be UTF-8.
 *
 * <p>As in {@link EndorsementGraph.Builder}, duplicate pairs are summed and self-endorsements
 * dropped. A negative weight is an error unless {@link #dropNegative(boolean)} is set, in which
 * case the endorsement is dropped and counted while both contributors stay in the graph.
 *
 * <pre>{@code
 * EdgeListReader.Result read = EdgeListReader.create().dropNegative(true).read(path);
 * Reputation reputation = Reputation.compute(read.graph());
 * }</pre>
 *
 * <p>Cost: one pass over the input, then {@link EndorsementGraph.Builder#build()}.
 *
 * <p>A reader holds only its settings: it is immutable and safe to share between threads.
 */
public final class EdgeListReader {
  private static final Set<String> HEADER_NAMES = Set.of("source", "src", "from", "endorser");
  private static final String FORMAT =
      "expected endorser<sep>endorsed[<sep>weight[<sep>timestamp]] with <sep> a comma, tab or"
          + " spaces";

  private final boolean dropNegative;

  private EdgeListReader(boolean dropNegative) {
    this.dropNegative = dropNegative;
  }

  /** A reader that rejects negative weights. */
  public static EdgeListReader create() {
    return new EdgeListReader(false);
  }

  /**
   * Returns a reader that drops (and counts) negative weights if {@code dropNegative}, or rejects
   * them otherwise.
   */
  public EdgeListReader dropNegative(boolean dropNegative) {
    return new EdgeListReader(dropNegative);
  }

  /** What a read produced. */
  public record Result(
      EndorsementGraph graph, long records, long droppedNegative, boolean headerSkipped) {}

  /**
   * Reads the edge list at {@code path}.
   *
   * @throws java.nio.file.NoSuchFileException if there is no such file
   * @throws InputFormatException on a malformed record (naming file and line), or if the file holds
   *     no endorsement
   * @throws IOException if reading fails
   */
  public Result read(Path path) throws IOException {
    checkNotNull(path, "path is null");
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, path.toString());
    }
  }

  /**
   * Reads an edge list from {@code in} (not closed), naming it {@code source} in error messages.
   *
   * @throws InputFormatException on a malformed record, or if the input holds no endorsement
   * @throws IOException if reading fails
   */
  public Result read(InputStream in, String source) throws IOException {
    checkNotNull(in, "input stream is null");
    checkNotNull(source, "source name is null");
    TextRecords records = new TextRecords(in, source);
    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    long count = 0;
    long droppedNegative = 0;
    boolean headerSkipped = false;
    while (records.next()) {
      int fields = records.fieldCount();
      if (count == 0 && !headerSkipped && isHeader(records)) {
        headerSkipped = true;
        continue;
      }
      if (fields < 2 || fields > 4) {
        throw records.error("found " + fields + " field(s); " + FORMAT);
      }
      String endorser = records.field(0);
      String endorsed = records.field(1);
      if (endorser.isEmpty() || endorsed.isEmpty()) {
        throw records.error("empty " + (endorser.isEmpty() ? "endorser" : "endorsed") + " id");
      }
      double weight = fields >= 3 && !records.field(2).isEmpty() ? number(records, 2) : 1.0;
      if (fields == 4 && !records.field(3).isEmpty()) {
        number(records, 3);
      }
      count++;
      if (weight < 0) {
        if (!dropNegative) {
          throw records.error(
              "negative weight "
                  + records.field(2)
                  + " for "
                  + endorser
                  + " -> "
                  + endorsed
                  + "; weights must be >= 0: drop negative ratings with dropNegative(true)"
                  + " (--drop-negative on the command line)");
        }
        builder.addContributor(endorser);
        builder.addContributor(endorsed);
        droppedNegative++;
        continue;
      }
      builder.add(endorser, endorsed, weight);
    }
    if (count == 0) {
      throw new InputFormatException(source, 0, "no endorsements found; " + FORMAT);
    }
    return new Result(builder.build(), count, droppedNegative, headerSkipped);
  }

  private static boolean isHeader(TextRecords records) {
    int fields = records.fieldCount();
    if (fields == 2) {
      return HEADER_NAMES.contains(records.field(0).toLowerCase(Locale.ROOT));
    }
    for (int i = 2; i < Math.min(fields, 4); i++) {
      if (!records.field(i).isEmpty() && !isNumber(records.field(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNumber(String field) {
    try {
      Double.parseDouble(field);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static double number(TextRecords records, int i) throws InputFormatException {
    String field = records.field(i);
    String name = i == 2 ? "weight" : "timestamp";
    double value;
    try {
      value = Double.parseDouble(field);
    } catch (NumberFormatException e) {
      throw records.error(name + " '" + field + "' is not a number; " + FORMAT);
    }
    if (!Double.isFinite(value)) {
      throw records.error(name + " '" + field + "' is not a finite number");
    }
    return value;
  }
}
