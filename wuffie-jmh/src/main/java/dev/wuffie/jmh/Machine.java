package dev.wuffie.jmh;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The machine a figure was taken on, and the process's memory: the heap after a collection, and the
 * peak resident set size that Linux reports in {@code /proc/self/status}.
 */
final class Machine {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final Path STATUS = Path.of("/proc/self/status");

  private Machine() {}

  /** One line: the CPU, its cores, the memory, the JDK and the JVM's options. */
  static String describe() {
    String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown CPU");
    String memory =
        firstValue(Path.of("/proc/meminfo"), "MemTotal")
            .map(kb -> String.format("%.0f GiB", Long.parseLong(kb.split(" ")[0]) / 1048576.0))
            .orElse("unknown memory");
    return String.format(
        "machine: %s, %d cores, %s; %s %s; max heap %,d MiB; JVM options %s",
        cpu,
        Runtime.getRuntime().availableProcessors(),
        memory,
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        Runtime.getRuntime().maxMemory() >> 20,
        ManagementFactory.getRuntimeMXBean().getInputArguments());
  }

  /** The heap used after two full collections, in bytes. */
  static long heapAfterGc() {
    System.gc();
    System.gc();
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  /**
   * Collects, then resets the peak resident set size to the current one (writing 5 to {@code
   * /proc/self/clear_refs}), so that {@link #peakRss()} leaves out what came before, such as the
   * set-up. Does nothing where there is no such file.
   */
  static void resetPeakRss() {
    heapAfterGc();
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (IOException | UnsupportedOperationException e) {
      System.out.println("could not reset the peak RSS (" + e + "); it counts from the start");
    }
  }

  /** The peak resident set size ({@code VmHWM}) in bytes, where Linux reports it. */
  static Optional<Long> peakRss() {
    return firstValue(STATUS, "VmHWM").map(kb -> Long.parseLong(kb.split(" ")[0]) << 10);
  }

  /** The value after the colon of the first line of {@code file} that starts with {@code key}. */
  private static Optional<String> firstValue(Path file, String key) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (String line : lines) {
        if (line.startsWith(key)) {
          return Optional.of(line.substring(line.indexOf(':') + 1).strip());
        }
      }
    } catch (IOException e) {
      // not Linux: unknown
    }
    return Optional.empty();
  }
}
