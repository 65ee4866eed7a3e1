package dev.wuffie.io;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a seed list: the trusted contributors that reputation teleports to, with weights.
 *
 * <p>Format: one seed per line, {@code id} or {@code id<sep>weight}, with the separators, comments,
 * line ends and gzip handling of {@link EdgeListFormat}. Ids must not be empty. A missing weight
 * counts 1; a seed listed twice gets the sum of its weights. Weights must be finite and
 * non-negative, at least one must be positive, and their sum must be finite.
 *
 * <pre>{@code
 * Map<String, Double> seeds = SeedListReader.read(Path.of("moderators.txt"));
 * Reputation reputation = Reputation.compute(graph, RankSolver.defaults(), seeds);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class SeedListReader {
  private SeedListReader() {}

  /**
   * Reads the seed list at {@code path} into an unmodifiable map from id to weight, in file order.
   *
   * @throws java.nio.file.NoSuchFileException if there is no such file
   * @throws InputFormatException on a malformed line (naming file and line), or if no seed has a
   *     positive weight
   * @throws IOException if reading fails
   */
  public static Map<String, Double> read(Path path) throws IOException {
    checkNotNull(path, "path is null");
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, path.toString());
    }
  }

  /**
   * Reads a seed list from {@code in} (not closed), naming it {@code source} in error messages.
   *
   * @throws InputFormatException on a malformed line, or if no seed has a positive weight
   * @throws IOException if reading fails
   */
  public static Map<String, Double> read(InputStream in, String source) throws IOException {
    checkNotNull(in, "input stream is null");
    checkNotNull(source, "source name is null");
    TextRecords records = new TextRecords(in, source);
    Map<String, Double> seeds = new LinkedHashMap<>();
    double total = 0;
    while (records.next()) {
      if (records.fieldCount() > 2) {
        throw records.error(
            "found " + records.fieldCount() + " fields; expected id or id<sep>weight");
      }
      String id = records.field(0);
      if (id.isEmpty()) {
        throw records.error("empty seed id; expected id or id<sep>weight");
      }
      double weight = 1.0;
      if (records.fieldCount() == 2 && !records.field(1).isEmpty()) {
        try {
          weight = Double.parseDouble(records.field(1));
        } catch (NumberFormatException e) {
          throw records.error("seed weight '" + records.field(1) + "' is not a number");
        }
        if (!Double.isFinite(weight) || weight < 0) {
          throw records.error(
              "seed weight '" + records.field(1) + "' must be a finite number >= 0");
        }
      }
      if (!Double.isFinite(seeds.merge(id, weight, Double::sum))
          || !Double.isFinite(total += weight)) {
        throw records.error(
            "the seed weights add up to more than a double holds; give smaller weights (they are"
                + " relative: only their ratios matter)");
      }
    }
    if (!(total > 0)) {
      throw new InputFormatException(
          source, 0, "no seed with a positive weight; list at least one contributor id");
    }
    return Collections.unmodifiableMap(seeds);
  }
}
