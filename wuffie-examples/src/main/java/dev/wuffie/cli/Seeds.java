package dev.wuffie.cli;

import dev.wuffie.io.SeedListReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Seed lists: reading {@code --seeds}, and keeping the seeds that are contributors. */
final class Seeds {
  private Seeds() {}

  /** The seeds listed in {@code file}, or an empty map if it is null. */
  static Map<String, Double> read(Path file) throws BadInputException {
    if (file == null) {
      return Map.of();
    }
    try {
      return SeedListReader.read(file);
    } catch (IOException e) {
      throw BadInputException.reading(file.toString(), e);
    }
  }

  /**
   * The listed seeds that are contributors; warns once about the others.
   *
   * @param source where the seeds come from, for messages
   * @throws BadInputException if seeds are listed but none with a positive weight is a contributor
   */
  static Map<String, Double> known(
      Map<String, Double> listed, Predicate<String> isContributor, String source, PrintWriter err)
      throws BadInputException {
    Map<String, Double> known = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    listed.forEach(
        (id, weight) -> {
          if (isContributor.test(id)) {
            known.put(id, weight);
          } else {
            unknown.add(id);
          }
        });
    if (!listed.isEmpty() && known.values().stream().noneMatch(weight -> weight > 0)) {
      throw new BadInputException(
          source
              + ": no seed with a positive weight is a contributor of the graph"
              + (unknown.isEmpty()
                  ? ""
                  : " (" + unknown.size() + " are not: " + Report.firstFew(unknown) + ")"));
    }
    if (!unknown.isEmpty()) {
      err.printf(
          "wuffie: warning: %d of %d seeds are not contributors of the graph and are ignored: %s%n",
          unknown.size(), listed.size(), Report.firstFew(unknown));
    }
    return known;
  }
}
