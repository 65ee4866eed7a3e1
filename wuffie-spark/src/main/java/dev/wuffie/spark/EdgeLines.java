package dev.wuffie.spark;

import dev.wuffie.io.EdgeListFormat;
import dev.wuffie.io.EdgeRecord;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One line of an edge list in the command line's plain format, {@link EdgeListFormat#EDGES}: {@code
 * endorser<sep>endorsed[<sep>weight[<sep>time]]}, parsed by {@link EdgeListFormat#parseLine}. Spark
 * reads a file in splits, line by line, so a header is recognised only as the first line of a file,
 * and a line is named by its byte offset.
 */
final class EdgeLines {
  private EdgeLines() {}

  /**
   * The line at byte {@code offset} of {@code source} as {@code (endorser, endorsed, weight)}, the
   * weight 1 if missing, or null for a blank, comment or header line. A NaN or infinite weight is
   * passed on, for the core to refuse with its message.
   *
   * @throws IllegalArgumentException if the line is malformed, naming the source and offset
   */
  static Row parse(String source, long offset, String line) {
    Optional<EdgeRecord> record;
    try {
      record = EdgeListFormat.EDGES.parseLine(line, 0, offset == 0);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          String.format("%s: the line at byte %,d: %s", source, offset, e.getMessage()), e);
    }
    return record
        .map(r -> RowFactory.create(r.endorser(), r.endorsed(), r.weight().orElse(1)))
        .orElse(null);
  }
}
