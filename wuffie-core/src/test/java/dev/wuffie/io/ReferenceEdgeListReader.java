package dev.wuffie.io;

import dev.wuffie.graph.EndorsementGraph;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The edge list reader as it was before it parsed bytes (commit bdd02ad): BufferedReader lines,
 * String fields, {@code Double.parseDouble} and the builder's String API. Tests compare the fast
 * reader with it, record for record and message for message.
 */
final class ReferenceEdgeListReader {
  private static final Set<String> HEADER_NAMES = Set.of("source", "src", "from", "endorser");
  private static final String FORMAT =
      "expected endorser<sep>endorsed[<sep>weight[<sep>timestamp]] with <sep> a comma, tab or"
          + " spaces";

  private ReferenceEdgeListReader() {}

  static EdgeListReader.Result read(InputStream in, String source, boolean dropNegative)
      throws IOException {
    Lines records = new Lines(in, source);
    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    long count = 0;
    long droppedNegative = 0;
    boolean headerSkipped = false;
    while (records.next()) {
      int fields = records.fields.size();
      if (count == 0 && !headerSkipped && isHeader(records.fields)) {
        headerSkipped = true;
        continue;
      }
      if (fields < 2 || fields > 4) {
        throw records.error("found " + fields + " field(s); " + FORMAT);
      }
      String endorser = records.fields.get(0);
      String endorsed = records.fields.get(1);
      if (endorser.isEmpty() || endorsed.isEmpty()) {
        throw records.error("empty " + (endorser.isEmpty() ? "endorser" : "endorsed") + " id");
      }
      double weight = fields >= 3 && !records.fields.get(2).isEmpty() ? number(records, 2) : 1.0;
      if (fields == 4 && !records.fields.get(3).isEmpty()) {
        number(records, 3);
      }
      count++;
      if (weight < 0) {
        if (!dropNegative) {
          throw records.error(
              "negative weight "
                  + records.fields.get(2)
                  + " for "
                  + endorser
                  + " -> "
                  + endorsed
                  + "; weights must be >= 0: drop negative ratings with dropNegative(true)"
                  + " (--drop-negative on the command line, or --distrust to apply them as"
                  + " distrust)");
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
    return new EdgeListReader.Result(builder.build(), count, droppedNegative, headerSkipped);
  }

  private static boolean isHeader(List<String> fields) {
    if (fields.size() == 2) {
      return HEADER_NAMES.contains(fields.get(0).toLowerCase(Locale.ROOT));
    }
    for (int i = 2; i < Math.min(fields.size(), 4); i++) {
      if (!fields.get(i).isEmpty() && !isNumber(fields.get(i))) {
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

  private static double number(Lines records, int i) throws InputFormatException {
    String field = records.fields.get(i);
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

  /** The line splitter, as TextRecords was. */
  static final class Lines {
    private final BufferedReader reader;
    private final String source;
    private long lineNumber;
    final List<String> fields = new ArrayList<>();

    Lines(InputStream in, String source) throws IOException {
      this.source = source;
      BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
      buffered.mark(2);
      int b0 = buffered.read();
      int b1 = buffered.read();
      buffered.reset();
      InputStream data = buffered;
      if (b0 == 0x1f && b1 == 0x8b) {
        try {
          data = new GZIPInputStream(buffered, 1 << 16);
        } catch (ZipException | EOFException e) {
          throw new InputFormatException(source, 0, "broken gzip header (" + e.getMessage() + ")");
        }
      }
      this.reader =
          new BufferedReader(new InputStreamReader(data, StandardCharsets.UTF_8), 1 << 16);
    }

    boolean next() throws IOException {
      while (true) {
        String line;
        try {
          line = reader.readLine();
        } catch (ZipException | EOFException e) {
          throw new InputFormatException(
              source, 0, "broken gzip data after line " + lineNumber + " (" + e.getMessage() + ")");
        }
        if (line == null) {
          return false;
        }
        lineNumber++;
        if (line.indexOf('\uFFFD') >= 0) {
          throw error("not valid UTF-8 text; save the file as UTF-8");
        }
        if (split(line)) {
          return true;
        }
      }
    }

    InputFormatException error(String problem) {
      return new InputFormatException(source, lineNumber, problem);
    }

    private boolean split(String line) {
      int start = 0;
      int end = line.length();
      while (start < end && line.charAt(start) <= ' ') {
        start++;
      }
      while (end > start && line.charAt(end - 1) <= ' ') {
        end--;
      }
      if (start == end || line.charAt(start) == '#' || line.charAt(start) == '%') {
        return false;
      }
      fields.clear();
      char separator =
          line.indexOf(',', start) >= 0 ? ',' : line.indexOf('\t', start) >= 0 ? '\t' : ' ';
      if (separator == ' ') {
        int i = start;
        while (i < end) {
          int from = i;
          while (i < end && line.charAt(i) > ' ') {
            i++;
          }
          fields.add(line.substring(from, i));
          while (i < end && line.charAt(i) <= ' ') {
            i++;
          }
        }
      } else {
        int from = start;
        while (true) {
          int at = line.indexOf(separator, from);
          if (at < 0 || at >= end) {
            fields.add(trimmed(line, from, end));
            break;
          }
          fields.add(trimmed(line, from, at));
          from = at + 1;
        }
      }
      return true;
    }

    private static String trimmed(String line, int from, int to) {
      while (from < to && line.charAt(from) <= ' ') {
        from++;
      }
      while (to > from && line.charAt(to - 1) <= ' ') {
        to--;
      }
      return line.substring(from, to);
    }
  }
}
