package dev.wuffie.rank;

import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.io.EdgeListReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Test inputs: the bundled datasets and the networkx / igraph reference scores. */
final class Fixtures {
  private static final Path REFERENCE = Path.of("src/test/resources/reference");
  private static final Path DATASETS = Path.of("../datasets");

  private Fixtures() {}

  /** A reference file (under src/test/resources/reference) or a dataset (under ../datasets). */
  static Path file(String name) {
    Path reference = REFERENCE.resolve(name);
    Path path = Files.exists(reference) ? reference : DATASETS.resolve(name);
    if (!Files.exists(path)) {
      throw new IllegalStateException(
          "test input "
              + name
              + " is missing (looked in "
              + REFERENCE.toAbsolutePath()
              + " and "
              + DATASETS.toAbsolutePath()
              + ")");
    }
    return path;
  }

  static EndorsementGraph graph(String name) {
    try {
      return EdgeListReader.create().dropNegative(true).read(file(name)).graph();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads "node<TAB>score" lines, plain or gzipped. */
  static Map<String, Double> scores(String name) {
    Map<String, Double> scores = new LinkedHashMap<>();
    try (InputStream raw = Files.newInputStream(file(name));
        InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String[] fields = line.split("\t");
        scores.put(fields[0], Double.parseDouble(fields[1]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return scores;
  }

  /** Reads "node,weight" lines into a teleport vector indexed like {@code graph}. */
  static double[] teleport(EndorsementGraph graph, String name) {
    double[] teleport = new double[graph.size()];
    try {
      for (String line : Files.readAllLines(file(name))) {
        String[] fields = line.split(",");
        teleport[graph.indexOf(fields[0]).getAsInt()] += Double.parseDouble(fields[1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return teleport;
  }
}
