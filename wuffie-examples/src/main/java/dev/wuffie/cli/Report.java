package dev.wuffie.cli;

import dev.wuffie.PolicyHealth;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Formatting shared by the commands' reports. */
final class Report {
  private static final int SHOWN_IDS = 5;

  private Report() {}

  /** Prints a summary line: the key in a column of 14, then the value. */
  static void line(PrintWriter out, String key, String value) {
    out.printf(Locale.ROOT, "%-14s %s%n", key, value);
  }

  /**
   * Prints the {@code health} line of a reputation (the share spread evenly and its parts, the top
   * 1%'s share, the Gini coefficient; see {@link PolicyHealth}) and the {@code hint} line if there
   * is a hint.
   */
  static void health(PrintWriter out, PolicyHealth health) {
    StringBuilder parts = new StringBuilder(percent("teleport", health.teleportShare()));
    double[] shares = {
      health.danglingShare(), health.decayShare(), health.reciprocalShare(), health.capShare()
    };
    String[] names = {"dangling", "decay", "reciprocal", "cap"};
    for (int i = 0; i < shares.length; i++) {
      if (shares[i] > 0) {
        parts.append(", ").append(percent(names[i], shares[i]));
      }
    }
    line(
        out,
        "health",
        String.format(
            Locale.ROOT,
            "%.1f%% spread evenly (%s), top 1%% hold %.1f%%, Gini %.3f",
            100 * health.evenShare(),
            parts,
            100 * health.top1PercentShare(),
            health.gini()));
    health.hint().ifPresent(hint -> line(out, "hint", hint));
  }

  private static String percent(String name, double share) {
    return String.format(Locale.ROOT, "%s %.1f%%", name, 100 * share);
  }

  /** {@code n} with thousands separators: {@code 35,592}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code n} and a noun, plural unless {@code n} is 1: {@code 1 line}, {@code 3,563 lines}. */
  static String count(long n, String noun) {
    return count(n) + " " + noun + (n == 1 ? "" : "s");
  }

  static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  /** The first few ids, then {@code ...} if there are more. */
  static String firstFew(List<String> ids) {
    return ids.size() <= SHOWN_IDS
        ? String.join(", ", ids)
        : String.join(", ", ids.subList(0, SHOWN_IDS)) + ", ...";
  }

  /** A number in its shortest exact form, without a trailing {@code .0}: 1, 0.5, -2, 1.0E-10. */
  static String number(double x) {
    String text = Double.toString(x);
    return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
  }

  /** A duration as ISO-8601, in days when it is a whole number of days: P180D, PT12H. */
  static String duration(java.time.Duration duration) {
    return duration.getNano() == 0 && duration.getSeconds() % 86_400 == 0
        ? "P" + duration.toDays() + "D"
        : duration.toString();
  }
}
