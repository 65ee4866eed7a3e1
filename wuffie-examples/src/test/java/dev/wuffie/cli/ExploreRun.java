package dev.wuffie.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code wuffie explore} run inside the test's JVM, as the command line starts it, on a free
 * port: {@link #start} returns once it prints its URL. The command serves until its process stops;
 * {@link #close} interrupts the thread that waits in it, and the server's daemon threads end with
 * the test JVM.
 *
 * @param uri the page's URL, as printed
 * @param thread the thread running the command
 */
record ExploreRun(URI uri, Thread thread) implements AutoCloseable {
  private static final Pattern URL = Pattern.compile("wuffie explore: (http://\\S+)");
  private static final long START_MILLIS = 120_000;

  /** Runs {@code wuffie explore --port 0 ARGS} and waits until it serves. */
  static ExploreRun start(String... args) throws InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> command = new ArrayList<>(List.of("explore", "--port", "0"));
    command.addAll(List.of(args));
    int[] exitCode = {-1};
    Thread thread =
        new Thread(
            () ->
                exitCode[0] =
                    Main.run(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        command.toArray(String[]::new)),
            "wuffie-explore " + String.join(" ", args));
    thread.setDaemon(true);
    thread.start();
    long deadline = System.currentTimeMillis() + START_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      Matcher m = URL.matcher(out.toString(StandardCharsets.UTF_8));
      if (m.find()) {
        return new ExploreRun(URI.create(m.group(1)), thread);
      }
      if (!thread.isAlive()) {
        fail(
            "wuffie %s stopped (exit code %d) before it served: %s",
            String.join(" ", command), exitCode[0], err.toString(StandardCharsets.UTF_8));
      }
      Thread.sleep(20);
    }
    thread.interrupt();
    return fail(
        "wuffie %s printed no URL within %d s: %s",
        String.join(" ", command), START_MILLIS / 1000, err.toString(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
