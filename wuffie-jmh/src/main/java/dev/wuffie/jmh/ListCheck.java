package dev.wuffie.jmh;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.Main;

/**
 * Build check: fails unless {@code java -jar benchmarks.jar -l} lists at least one benchmark.
 *
 * <p>The build runs it in the {@code verify} phase, so a benchmark jar whose annotation processing
 * silently produced nothing never passes.
 */
public final class ListCheck {
  private ListCheck() {}

  /** Lists the benchmarks of the jar on the class path and exits 1 if there are none. */
  public static void main(String[] args) throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Main.main(new String[] {"-l"});
    } finally {
      System.setOut(stdout);
    }
    long benchmarks =
        captured
            .toString(StandardCharsets.UTF_8)
            .lines()
            .filter(line -> line.startsWith(ListCheck.class.getPackageName() + "."))
            .count();
    System.out.println("benchmarks listed: " + benchmarks);
    if (benchmarks == 0) {
      System.err.println("benchmarks.jar lists no benchmark: is jmh-generator-annprocess running?");
      System.exit(1);
    }
  }
}
