package dev.wuffie.jmh;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Writes one of the benchmark inputs ({@link Graphs#load}) as a tab-separated edge list, one
 * endorsement a line, {@code endorser<TAB>endorsed<TAB>weight}, the ids as the numbers {@code 0 ..
 * n-1} and the weights as whole numbers: the input of the command line's speed figure in the
 * README.
 *
 * <pre>
 * java -cp wuffie-jmh/target/benchmarks.jar dev.wuffie.jmh.EdgeListWriter rmat-10M /tmp/rmat10m.tsv
 * </pre>
 *
 * <p>The same name gives the same file, byte for byte ({@code rmat-10M}: 10,000,000 lines among
 * 1,000,000 contributors, about 150 MB).
 */
public final class EdgeListWriter {
  private EdgeListWriter() {}

  /** Writes {@code args[0]} (a graph name) to the file {@code args[1]}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: EdgeListWriter GRAPH FILE (GRAPH: rmat-10M, rmat-1M, ...)");
      System.exit(2);
    }
    Graphs.Endorsements edges = Graphs.load(args[0]);
    write(edges, Paths.get(args[1]));
    System.out.printf(
        "%s: %,d lines among %,d contributors%n", args[1], edges.size(), edges.contributors());
  }

  /** Writes {@code edges} to {@code file} as {@code endorser<TAB>endorsed<TAB>weight} lines. */
  static void write(Graphs.Endorsements edges, Path file) throws IOException {
    byte[][] ids = new byte[edges.contributors()][];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = edges.ids()[i].getBytes(StandardCharsets.UTF_8);
    }
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (int e = 0; e < edges.size(); e++) {
        out.write(ids[edges.endorsers()[e]]);
        out.write('\t');
        out.write(ids[edges.endorsed()[e]]);
        out.write('\t');
        out.write(Long.toString((long) edges.weights()[e]).getBytes(StandardCharsets.US_ASCII));
        out.write('\n');
      }
    }
  }
}
