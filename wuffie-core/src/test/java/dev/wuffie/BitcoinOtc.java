package dev.wuffie;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The Bitcoin OTC trust network (datasets/): who rated whom, -10..+10, and when. Public for the
 * tests of other packages.
 */
public final class BitcoinOtc {
  public static final Path FILE = Path.of("../datasets/soc-sign-bitcoinotc.csv.gz");

  /** One rating. */
  public record Rating(String rater, String rated, int value, Instant time) {}

  private BitcoinOtc() {}

  /** Every rating, in file order. */
  public static List<Rating> ratings() {
    List<Rating> ratings = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(FILE)), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String[] fields = line.split(",");
        long millis = Math.round(Double.parseDouble(fields[3]) * 1000);
        ratings.add(
            new Rating(
                fields[0], fields[1], Integer.parseInt(fields[2]), Instant.ofEpochMilli(millis)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ratings;
  }

  /** A ledger of every rating as a rated event of {@code kind}. */
  public static Ledger ledger(String kind) {
    Ledger ledger = Ledger.create();
    for (Rating r : ratings()) {
      ledger.record(Endorsement.rating(r.rater(), r.rated(), kind, r.value(), r.time()));
    }
    return ledger;
  }
}
