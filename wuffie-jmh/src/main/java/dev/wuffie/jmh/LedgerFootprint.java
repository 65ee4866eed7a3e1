package dev.wuffie.jmh;

import dev.wuffie.Endorsement;
import dev.wuffie.Ledger;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Measures the heap a {@link Ledger} retains per event: 10M events among 1M contributors and 100K
 * contributions by default.
 *
 * <pre>
 * java -Xmx8g -XX:+UseSerialGC -cp wuffie-jmh/target/benchmarks.jar dev.wuffie.jmh.LedgerFootprint [contributors events contributions]
 * </pre>
 *
 * <p>The input, from seed {@value Graphs#SEED}: contributions with one to three random authors;
 * then events whose endorser and contributor target follow an R-MAT edge ({@link Graphs.Rmat}), one
 * in ten endorsing a random contribution instead ({@code "upvote"} or {@code "accepted"}), one in
 * ten a {@code "trust"} rating 1..10, the others {@code "upvote"} or {@code "thanks"}, 2.5 s apart,
 * each recorded by {@link Ledger#record}; then 0.1% of the events retracted and 1,000 merges.
 *
 * <p>Retained heap is the used heap after full collections with the ledger reachable, minus the
 * same without it (median of {@value #REPEATS} builds); run it with {@code -XX:+UseSerialGC} so
 * that "used after a full collection" is exact. The ids are Strings that the caller holds, as a
 * site holding them anyway would pass them: the ledger keeps references to them, and they are
 * measured apart. The event columns are also counted exactly from the ledger's sizes, which splits
 * its total into the columns and the rest (the id tables, the per-contributor arrays and the
 * contributions).
 */
public final class LedgerFootprint {
  private static final int REPEATS = 3;
  private static final int CHUNK = 1 << 16; // Ledger's chunk size, for the exact column count
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private LedgerFootprint() {}

  /** Prints the footprint of a ledger of the given size. */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int m = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
    int contributions = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    String[] ids = Graphs.ids(n);
    String[] contributionIds = new String[contributions];
    for (int c = 0; c < contributions; c++) {
      contributionIds[c] = "post-" + c;
    }
    Ledger probe = build(ids, contributionIds, m);
    System.out.printf(
        "%s; %,d merges; max heap %,d MiB%n",
        probe, n / 1000, Runtime.getRuntime().maxMemory() >> 20);
    probe = null;

    System.out.printf("%-34s %14s %9s %9s%n", "what", "bytes", "B/event", "B/contrib");
    long strings = retained(() -> copies(ids, contributionIds));
    long ledger = retained(() -> build(ids, contributionIds, m));
    long chunks = (m + CHUNK - 1) / CHUNK;
    long columns =
        chunks
            * (4 * arrayBytes(4, CHUNK) // endorser, target, retractedAt, previous
                + arrayBytes(2, CHUNK) // kind
                + 2 * arrayBytes(8, CHUNK) // value, time
                + 40); // the chunk object
    line("id Strings (caller's)", strings, m, n);
    line("ledger", ledger, m, n);
    line("  event columns (exact)", columns, m, n);
    line("  ids, contributors, contributions", ledger - columns, m, n);
    line("ledger + id Strings", ledger + strings, m, n);
  }

  /** A ledger holding the input described in the class javadoc. */
  private static Ledger build(String[] ids, String[] contributionIds, int m) {
    int n = ids.length;
    Instant end = START.plusMillis(2500L * m);
    Ledger ledger = Ledger.builder().clock(Clock.fixed(end, ZoneOffset.UTC)).build();
    SplittableRandom random = new SplittableRandom(Graphs.SEED);
    String[] authors = new String[3];
    for (String contribution : contributionIds) {
      int count = 1 + random.nextInt(3);
      for (int j = 0; j < count; j++) {
        authors[j] = ids[random.nextInt(n)];
        for (int k = 0; k < j; k++) {
          if (authors[k].equals(authors[j])) {
            j--; // drawn twice: draw again
            break;
          }
        }
      }
      ledger.addContribution(contribution, START, Arrays.copyOf(authors, count));
    }
    Graphs.Rmat rmat = new Graphs.Rmat(n, Graphs.SEED);
    for (int e = 0; e < m; e++) {
      long edge = rmat.next();
      String endorser = ids[(int) (edge >>> 32)];
      String target = ids[(int) edge];
      Instant time = START.plusMillis(2500L * e);
      ledger.record(
          switch (e % 10) {
            case 9 ->
                Endorsement.ofContribution(
                    endorser,
                    contributionIds[random.nextInt(contributionIds.length)],
                    e % 20 == 19 ? "accepted" : "upvote",
                    time);
            case 8 -> Endorsement.rating(endorser, target, "trust", 1 + random.nextInt(10), time);
            case 6, 7 -> Endorsement.of(endorser, target, "thanks", time);
            default -> Endorsement.of(endorser, target, "upvote", time);
          });
    }
    for (int r = 0; r < m / 1000; r++) {
      ledger.retract(random.nextLong(m));
    }
    for (int k = 0; k < n / 1000; k++) {
      ledger.addContributor(ids[2 * k + 1]); // a merge refuses a person never seen
      ledger.merge(ids[2 * k], ids[2 * k + 1]);
    }
    return ledger;
  }

  private static String[][] copies(String[] ids, String[] contributionIds) {
    String[][] out = {new String[ids.length], new String[contributionIds.length]};
    for (int i = 0; i < ids.length; i++) {
      out[0][i] = new String(ids[i].toCharArray());
    }
    for (int c = 0; c < contributionIds.length; c++) {
      out[1][c] = new String(contributionIds[c].toCharArray());
    }
    return out;
  }

  /** Bytes of a primitive array with compressed class pointers: 16-byte header, 8-byte aligned. */
  private static long arrayBytes(int elementBytes, long length) {
    return (16 + elementBytes * length + 7) / 8 * 8;
  }

  /** The median heap retained by what {@code make} returns. */
  private static long retained(Supplier<Object> make) {
    long[] sizes = new long[REPEATS];
    for (int r = 0; r < REPEATS; r++) {
      long before = usedAfterGc();
      Object kept = make.get();
      long after = usedAfterGc();
      sizes[r] = after - before;
      Reference.reachabilityFence(kept);
    }
    Arrays.sort(sizes);
    return sizes[REPEATS / 2];
  }

  private static long usedAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  private static void line(String what, long bytes, int events, int contributors) {
    System.out.printf(
        "%-34s %,14d %9.2f %9.2f%n",
        what, bytes, (double) bytes / events, (double) bytes / contributors);
  }
}
