package dev.wuffie.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The tests' one Spark session, local[2] with 4 shuffle partitions, and shared fixtures. */
final class LocalSpark {
  static final Path BITCOIN_OTC = Path.of("../datasets/soc-sign-bitcoinotc.csv.gz");

  private static SparkSession session;

  private LocalSpark() {}

  static synchronized SparkSession session() {
    if (session == null) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("wuffie-spark tests")
              .config("spark.sql.shuffle.partitions", 4)
              .config("spark.default.parallelism", 4)
              .config("spark.ui.enabled", false)
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.session.timeZone", "UTC")
              .getOrCreate();
      try {
        Path checkpoints = Files.createTempDirectory("wuffie-spark-checkpoints");
        session.sparkContext().setCheckpointDir(checkpoints.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return session;
  }

  /** One Bitcoin OTC rating. */
  record Rating(String rater, String rated, int value, Instant time) {}

  /** Every Bitcoin OTC rating, in file order. */
  static List<Rating> bitcoinOtc() {
    List<Rating> ratings = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(BITCOIN_OTC)), StandardCharsets.UTF_8))) {
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

  /** {@code id -> (score, rank)} of a scores dataset. */
  static Map<String, double[]> collect(org.apache.spark.sql.Dataset<Row> scores) {
    Map<String, double[]> byId = new HashMap<>();
    for (Row row : scores.collectAsList()) {
      byId.put(
          row.getAs(SparkScorer.ID),
          new double[] {row.<Double>getAs(SparkScorer.SCORE), row.<Long>getAs(SparkScorer.RANK)});
    }
    return byId;
  }
}
