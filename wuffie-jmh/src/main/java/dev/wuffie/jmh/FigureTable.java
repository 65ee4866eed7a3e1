package dev.wuffie.jmh;

import java.util.ArrayList;
import java.util.List;

/** The rows {@link SiteFigures} prints: figure, value, unit, and the baseline if any. */
final class FigureTable {
  private record Row(String figure, String value, String unit, String baseline) {}

  private final List<Row> rows = new ArrayList<>();

  /** Adds a row; {@code baseline} is null where the issue gives none. */
  void add(String figure, String value, String unit, String baseline) {
    rows.add(new Row(figure, value, unit, baseline == null ? "" : baseline));
    System.out.printf("  %s: %s %s%n", figure, value, unit);
  }

  /** Prints the rows as a Markdown table. */
  void print(String database) {
    System.out.printf("| %s: figure | value | unit | previous glue (the issue) |%n", database);
    System.out.println("|---|---:|---|---|");
    for (Row row : rows) {
      System.out.printf(
          "| %s | %s | %s | %s |%n", row.figure(), row.value(), row.unit(), row.baseline());
    }
  }
}
