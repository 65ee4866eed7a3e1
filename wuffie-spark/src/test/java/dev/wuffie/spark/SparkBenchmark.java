package dev.wuffie.spark;

import dev.wuffie.ScoringPolicy;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.graphx.Graph;
import org.apache.spark.graphx.lib.PageRank;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Option;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * wuffie-spark beside GraphX's {@code PageRank} on the same R-MAT graphs, in one JVM and one {@code
 * local[2]} session with the same partitions: per-iteration time, time to a tolerance, and where an
 * iteration's time goes (from a listener on Spark's jobs and stages); then the {@code ScoreJob}
 * command on a generated graph of 411,000 endorsements among about 42,000 members at tolerance
 * 1e-10, in a JVM of its own, start-up included.
 *
 * <p>Run with {@code mvn -B -o -pl wuffie-core,wuffie-spark -am -Pspark-benchmark -DskipTests test}
 * (see the module's README); arguments by {@code -Dspark.benchmark="..."}: {@code --sizes
 * 1000000,10000000 --partitions 4 --iterations 10 --tolerance 1e-6 --job 411000}. Not a test: a
 * {@code main} run from the test class path, since Spark and GraphX are only there.
 */
public final class SparkBenchmark {
  private static final double D = 0.85;

  private SparkBenchmark() {}

  /** Runs the benchmark and prints its table. */
  public static void main(String[] args) throws Exception {
    List<Long> sizes = List.of(1_000_000L, 10_000_000L);
    int partitions = 4;
    int iterations = 10;
    double tolerance = 1e-6;
    long job = 411_000;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--sizes" -> {
          List<Long> parsed = new ArrayList<>();
          for (String size : args[i + 1].split(",")) {
            parsed.add(Long.parseLong(size.trim()));
          }
          sizes = parsed;
        }
        case "--partitions" -> partitions = Integer.parseInt(args[i + 1]);
        case "--iterations" -> iterations = Integer.parseInt(args[i + 1]);
        case "--tolerance" -> tolerance = Double.parseDouble(args[i + 1]);
        case "--job" -> job = Long.parseLong(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("wuffie-spark benchmark")
            .config("spark.sql.shuffle.partitions", partitions)
            .config("spark.default.parallelism", partitions)
            .config("spark.ui.enabled", false)
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    Jobs jobs = new Jobs();
    spark.sparkContext().addSparkListener(jobs);
    System.out.printf(
        Locale.ROOT,
        "local[2], %d partitions, %d cores, Java %s, max heap %,d MB; %d fixed iterations,"
            + " tolerance %.0e%n",
        partitions,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20,
        iterations,
        tolerance);
    List<String> table = new ArrayList<>();
    table.add(
        "| endorsements | contributors | engine | per iteration (ms) | task time per iteration"
            + " (ms) | shuffle written per iteration (bytes per endorsement) | to tolerance:"
            + " iterations | to tolerance (s) |");
    table.add("|---|---|---|---|---|---|---|---|");
    for (long size : sizes) {
      Dataset<Row> edges = rmat(spark, size, partitions);
      long m = edges.count();
      long n = edges.select("src").union(edges.select("dst")).distinct().count();
      System.out.printf(Locale.ROOT, "R-MAT graph: %,d endorsements, %,d contributors%n", m, n);
      Measure graphx = graphx(edges, jobs, iterations, 0);
      Measure graphxTo = graphx(edges, jobs, 0, tolerance);
      // wuffie-spark's iterations are alike, so its run to tolerance gives its per-iteration time
      Measure wuffieTo = wuffie(edges, jobs, tolerance);
      table.add(row(m, n, "GraphX PageRank", graphx, graphxTo));
      table.add(row(m, n, "wuffie-spark", wuffieTo, wuffieTo));
      edges.unpersist();
    }
    for (String line : table) {
      System.out.println(line);
    }
    if (job > 0) {
      scoreJob(spark, job, partitions);
    }
    spark.stop();
  }

  /** One engine's row: per iteration from its fixed run, the rest from its run to tolerance. */
  private static String row(long m, long n, String engine, Measure fixed, Measure toTolerance) {
    Jobs.Window window = fixed.window();
    return String.format(
        Locale.ROOT,
        "| %,d | %,d | %s | %,.0f | %,.0f | %.1f | %d | %.1f |",
        m,
        n,
        engine,
        window.perIterationMillis(),
        window.taskMillis(),
        window.shuffleBytes() / m,
        toTolerance.iterations(),
        toTolerance.seconds());
  }

  /** A run: its wall time, its iterations and its iteration jobs. */
  record Measure(double seconds, int iterations, Jobs.Window window) {}

  /**
   * GraphX's {@code PageRank.run} for {@code iterations}, or when 0 its {@code
   * runUntilConvergence}, which stops when no vertex's rank changes by more than {@code tolerance}.
   * Its ranks average about 1, so that implies an L1 change below {@code tolerance} on scores
   * summing to 1: a stricter rule than wuffie's at the same tolerance (n times the tolerance would
   * be a looser one, and stops it after a round or two).
   */
  private static Measure graphx(Dataset<Row> edges, Jobs jobs, int iterations, double tolerance) {
    long mark = jobs.mark();
    long started = System.nanoTime();
    Graph<Object, Object> graph =
        Graph.fromEdgeTuples(
            edges
                .javaRDD()
                .map(row -> new Tuple2<Object, Object>(row.getLong(0), row.getLong(1)))
                .rdd(),
            1.0,
            Option.empty(),
            StorageLevel.MEMORY_ONLY(),
            StorageLevel.MEMORY_ONLY(),
            tag(Object.class));
    Graph<Object, Object> ranks =
        iterations > 0
            ? PageRank.run(graph, iterations, 1 - D, tag(Object.class), tag(Object.class))
            : PageRank.runUntilConvergence(
                graph, tolerance, 1 - D, tag(Object.class), tag(Object.class));
    ranks.vertices().count();
    double seconds = (System.nanoTime() - started) / 1e9;
    Jobs.Window window = jobs.window(mark, iterations > 0 ? "PageRank.scala" : "Pregel.scala");
    System.out.printf(
        Locale.ROOT,
        "GraphX %s: %.1f s in all; %s%n",
        iterations > 0
            ? "PageRank.run, " + iterations + " iterations"
            : "runUntilConvergence, tol " + tolerance,
        seconds,
        window);
    ranks.unpersist(false);
    graph.unpersist(false);
    return new Measure(seconds, iterations > 0 ? iterations : window.count(), window);
  }

  /**
   * wuffie-spark, unweighted (every endorsement weight 1 under the identity policy), to the L1
   * {@code tolerance}.
   */
  private static Measure wuffie(Dataset<Row> edges, Jobs jobs, double tolerance) {
    Dataset<Row> endorsements =
        edges.select(
            edges.col("src").cast(DataTypes.StringType).as(SparkScorer.ENDORSER),
            edges.col("dst").cast(DataTypes.StringType).as(SparkScorer.TARGET),
            org.apache.spark.sql.functions.lit(ScoringPolicy.IDENTITY_KIND).as(SparkScorer.KIND),
            org.apache.spark.sql.functions.lit(1.0).as(SparkScorer.VALUE));
    SparkScorer.Builder builder =
        SparkScorer.builder(ScoringPolicy.identity()).tolerance(tolerance);
    long mark = jobs.mark();
    long started = System.nanoTime();
    SparkReputation result = builder.build().score(endorsements);
    double seconds = (System.nanoTime() - started) / 1e9;
    Jobs.Window window = jobs.window(mark, "wuffie-spark: iteration");
    System.out.printf(
        Locale.ROOT,
        "wuffie-spark, tolerance %s: %d iterations, %.1f s in all (blocks built in %.1f s); %s%n",
        tolerance,
        result.iterations(),
        seconds,
        jobs.window(mark, "wuffie-spark: blocks").spanMillis() / 1e3,
        window);
    System.out.println("wuffie-spark's slowest jobs outside the iteration:");
    jobs.slowest(mark, "wuffie-spark: iteration", 12);
    return new Measure(seconds, result.iterations(), window);
  }

  /**
   * An R-MAT graph (a, b, c, d = 0.57, 0.19, 0.19, 0.05) of {@code size} distinct endorsements
   * among at most {@code 2^ceil(log2(size / 10))} contributors, no self-endorsement, from a fixed
   * seed: {@code (src, dst)} longs, cached.
   */
  static Dataset<Row> rmat(SparkSession spark, long size, int partitions) {
    int scale = 64 - Long.numberOfLeadingZeros(Math.max(1, size / 10 - 1));
    long candidates = size + size / 4;
    StructType schema =
        new StructType(
            new StructField[] {
              DataTypes.createStructField("src", DataTypes.LongType, false),
              DataTypes.createStructField("dst", DataTypes.LongType, false)
            });
    JavaRDD<Row> pairs =
        spark
            .range(0, candidates, 1, partitions)
            .as(Encoders.LONG())
            .javaRDD()
            .map(
                i -> {
                  SplittableRandom random = new SplittableRandom(0x5eed ^ i * 0x9E3779B97F4A7C15L);
                  long src = 0;
                  long dst = 0;
                  for (int bit = 0; bit < scale; bit++) {
                    double r = random.nextDouble();
                    src = src << 1 | (r >= 0.76 ? 1 : 0);
                    dst = dst << 1 | ((r >= 0.57 && r < 0.76) || r >= 0.95 ? 1 : 0);
                  }
                  return RowFactory.create(src, dst);
                });
    Dataset<Row> distinct =
        spark
            .createDataFrame(pairs, schema)
            .filter("src <> dst")
            .distinct()
            .repartition(partitions);
    JavaRDD<Row> kept =
        distinct.javaRDD().zipWithIndex().filter(pair -> pair._2() < size).map(Tuple2::_1);
    Dataset<Row> edges =
        spark.createDataFrame(kept, schema).persist(StorageLevel.MEMORY_AND_DISK());
    edges.count();
    return edges;
  }

  /**
   * The {@code ScoreJob} command as a user runs it: a CSV of {@code size} R-MAT endorsements (about
   * 42,000 members at 411,000), a new JVM with this one's options and class path, {@code
   * -Dspark.master=local[2]} and Spark's other defaults (200 shuffle partitions), {@code
   * --tolerance 1e-10}; the wall time includes the JVM's start.
   */
  private static void scoreJob(SparkSession spark, long size, int partitions) throws Exception {
    Dataset<Row> edges = rmat(spark, size, partitions);
    Path dir = Files.createTempDirectory("wuffie-spark-benchmark");
    Path input = dir.resolve("endorsements.csv");
    long m = 0;
    try (BufferedWriter out = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
      Iterator<Row> rows = edges.toLocalIterator();
      while (rows.hasNext()) {
        Row row = rows.next();
        out.write("m" + row.getLong(0) + ",m" + row.getLong(1) + "\n");
        m++;
      }
    }
    long n = edges.select("src").union(edges.select("dst")).distinct().count();
    edges.unpersist();
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(
        List.of(
            "-Dspark.master=local[2]",
            "-cp",
            System.getProperty("java.class.path"),
            ScoreJob.class.getName(),
            "--input",
            input.toString(),
            "--output",
            dir.resolve("scores").toString(),
            "--tolerance",
            "1e-10"));
    long started = System.nanoTime();
    int code = new ProcessBuilder(command).inheritIO().start().waitFor();
    System.out.printf(
        Locale.ROOT,
        "ScoreJob, %,d endorsements among %,d members, tolerance 1e-10, Spark's defaults but the"
            + " master: exit %d after %.1f s, JVM start included%n",
        m,
        n,
        code,
        (System.nanoTime() - started) / 1e9);
  }

  /** Spark's jobs and stages as they end: which job did what, when, with how much shuffle. */
  static final class Jobs extends SparkListener {
    private final Map<Integer, long[]> times = new ConcurrentHashMap<>(); // start, end
    private final Map<Integer, String> labels = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> jobOfStage = new ConcurrentHashMap<>();
    private final Map<Integer, long[]> work = new ConcurrentHashMap<>(); // run ms, shuffle bytes
    private volatile int last = -1;

    @Override
    public void onJobStart(SparkListenerJobStart start) {
      StringBuilder label = new StringBuilder();
      String description = start.properties().getProperty("spark.job.description");
      label.append(description == null ? "" : description);
      scala.collection.Iterator<StageInfo> stages = start.stageInfos().iterator();
      while (stages.hasNext()) {
        StageInfo stage = stages.next();
        label.append(" | ").append(stage.name());
        jobOfStage.put(stage.stageId(), start.jobId());
      }
      labels.put(start.jobId(), label.toString());
      times.put(start.jobId(), new long[] {start.time(), -1});
      last = Math.max(last, start.jobId());
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd end) {
      long[] span = times.get(end.jobId());
      if (span != null) {
        span[1] = end.time();
      }
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted completed) {
      StageInfo stage = completed.stageInfo();
      Integer job = jobOfStage.get(stage.stageId());
      if (job != null && stage.taskMetrics() != null) {
        work.merge(
            job,
            new long[] {
              stage.taskMetrics().executorRunTime(),
              stage.taskMetrics().shuffleWriteMetrics().bytesWritten()
            },
            (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
      }
    }

    /** The last job's id so far. */
    long mark() {
      return last;
    }

    /** Prints the {@code count} longest jobs after {@code mark} but those labelled {@code but}. */
    void slowest(long mark, String but, int count) {
      List<Integer> ids = new ArrayList<>();
      for (int job = (int) mark + 1; job <= last; job++) {
        if (labels.containsKey(job) && !labels.get(job).contains(but) && times.get(job)[1] >= 0) {
          ids.add(job);
        }
      }
      long total = 0;
      for (int job : ids) {
        total += times.get(job)[1] - times.get(job)[0];
      }
      System.out.printf(Locale.ROOT, "  %d jobs, %,d ms in all%n", ids.size(), total);
      ids.sort((a, b) -> Long.compare(duration(b), duration(a)));
      for (int job : ids.subList(0, Math.min(count, ids.size()))) {
        long[] done = work.getOrDefault(job, new long[2]);
        System.out.printf(
            Locale.ROOT,
            "  %,7d ms (tasks %,7d ms, shuffle %,d B) %s%n",
            duration(job),
            done[0],
            done[1],
            labels.get(job));
      }
    }

    private long duration(int job) {
      return times.get(job)[1] - times.get(job)[0];
    }

    /** The jobs after {@code mark} whose description or stage names contain {@code marker}. */
    Window window(long mark, String marker) {
      try {
        Thread.sleep(200); // the listener bus runs behind the driver
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      List<long[]> spans = new ArrayList<>();
      for (int job = (int) mark + 1; job <= last; job++) {
        String label = labels.get(job);
        if (label != null && label.contains(marker) && times.get(job)[1] >= 0) {
          long[] done = work.getOrDefault(job, new long[2]);
          spans.add(new long[] {times.get(job)[0], times.get(job)[1], done[0], done[1]});
        }
      }
      return new Window(spans);
    }

    /**
     * Some jobs, each {@code (start, end, task ms, shuffle bytes written)}. The per-iteration
     * figures leave the first job out: GraphX's first iteration job also builds its graph.
     */
    record Window(List<long[]> spans) {
      int count() {
        return spans.size();
      }

      /** From the first job's end to the last's, per job in between: the steady rate. */
      double perIterationMillis() {
        if (spans.size() < 2) {
          return spans.isEmpty() ? Double.NaN : spans.get(0)[1] - spans.get(0)[0];
        }
        return (spans.get(spans.size() - 1)[1] - spans.get(0)[1]) / (double) (spans.size() - 1);
      }

      /** The tasks' run time per job but the first. */
      double taskMillis() {
        return perJob(2);
      }

      /** The shuffle bytes written per job but the first. */
      double shuffleBytes() {
        return perJob(3);
      }

      private double perJob(int field) {
        long sum = 0;
        for (long[] span : spans.subList(Math.min(1, spans.size()), spans.size())) {
          sum += span[field];
        }
        return spans.size() < 2 ? Double.NaN : sum / (double) (spans.size() - 1);
      }

      /** From the first job's start to the last's end. */
      long spanMillis() {
        return spans.isEmpty() ? 0 : spans.get(spans.size() - 1)[1] - spans.get(0)[0];
      }

      @Override
      public String toString() {
        return String.format(
            Locale.ROOT,
            "%d jobs, %.0f ms apart; per job but the first: task time %,.0f ms, shuffle written"
                + " %,.0f bytes",
            count(),
            perIterationMillis(),
            taskMillis(),
            shuffleBytes());
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> ClassTag<T> tag(Class<T> type) {
    return (ClassTag<T>) ClassTag$.MODULE$.apply(type);
  }
}
