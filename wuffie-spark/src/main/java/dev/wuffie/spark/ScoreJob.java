package dev.wuffie.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.wuffie.ScoringPolicy;
import dev.wuffie.io.EdgeListFormat.Column;
import dev.wuffie.io.SeedListReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code spark-submit} job: scores an edge list as the {@code wuffie} command line's plain mode
 * does, and writes every contributor's {@code id,score,rank}.
 *
 * <pre>
 * spark-submit --class dev.wuffie.spark.ScoreJob --jars wuffie-core.jar,guava.jar \
 *     wuffie-spark.jar --input endorsements.csv --output scores [options]
 * </pre>
 *
 * <p>Input: CSV in the command line's format ({@code
 * endorser<sep>endorsed[<sep>weight[<sep>time]]}, a comma, tab or spaces per line, {@code #} and
 * {@code %} comments, a header allowed as a file's first line, gzip by the {@code .gz} suffix), or
 * Parquet (a path ending in {@code .parquet}) with columns {@code endorser}, {@code endorsed} (or
 * {@code target}) and optionally {@code weight}. Every line is an endorsement of weight {@code
 * weight} (1 if missing) under {@link ScoringPolicy#identity()}: duplicate pairs are summed,
 * self-endorsements dropped, and the time is ignored. Output: CSV with a header, or Parquet when
 * {@code --output} ends in {@code .parquet}; Spark writes a directory of part files, in rank order.
 *
 * <p>Options, named as the command line's: {@code --input PATH}, {@code --output PATH}, {@code
 * --damping D} (0.85), {@code --tolerance T} (1e-10), {@code --max-iterations N} (1000), {@code
 * --seeds PATH} (a local file of {@code id[<sep>weight]} lines; seeds not in the input are reported
 * and ignored), {@code --drop-negative}, and {@code --checkpoint-interval N} (10). The master comes
 * from {@code spark-submit}, or from {@code -Dspark.master=local[2]} under plain {@code java}.
 *
 * <p>Exit codes: 0 done; 2 bad usage or input (one line on stderr); 3 not converged within {@code
 * --max-iterations} (the output is still written).
 */
public final class ScoreJob {
  private static final String USAGE =
      "usage: ScoreJob --input PATH --output PATH [--damping D] [--tolerance T]"
          + " [--max-iterations N] [--seeds PATH] [--drop-negative] [--checkpoint-interval N]";

  // The columns of the input, named as the edge-list grammar names them.
  private static final String ENDORSER = Column.ENDORSER.columnName();
  private static final String ENDORSED = Column.ENDORSED.columnName();
  private static final String WEIGHT = Column.WEIGHT.columnName();

  private ScoreJob() {}

  /** Runs the job and exits with its code. */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs the job on the active (or a new) Spark session; returns the exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("wuffie-spark: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    SparkSession spark;
    try {
      spark = SparkSession.builder().appName("wuffie ScoreJob").getOrCreate();
    } catch (Exception e) { // SparkException is checked, but Scala throws it undeclared
      err.println(
          "wuffie-spark: no Spark session ("
              + e.getMessage()
              + "); run under spark-submit, or with -Dspark.master=local[2]");
      return 2;
    }
    try {
      return Failures.unwrapped(() -> score(spark, options, out, err));
    } catch (IllegalArgumentException | NullPointerException e) {
      err.println("wuffie-spark: " + e.getMessage());
      return 2;
    }
  }

  private static int score(SparkSession spark, Options options, PrintStream out, PrintStream err) {
    long started = System.nanoTime();
    Dataset<Row> edges = read(spark, options);
    if (options.dropNegative) {
      // a negative endorsement weighs nothing, but its contributors stay, as on the command line
      edges =
          edges.withColumn(
              WEIGHT,
              org.apache.spark.sql.functions.when(col(WEIGHT).lt(0), 0.0).otherwise(col(WEIGHT)));
    }
    Dataset<Row> endorsements =
        edges.select(
            col(ENDORSER).as(SparkScorer.ENDORSER),
            col(ENDORSED).as(SparkScorer.TARGET),
            lit(ScoringPolicy.IDENTITY_KIND).as(SparkScorer.KIND),
            col(WEIGHT).as(SparkScorer.VALUE));
    if (!options.dropNegative) {
      List<Row> negative = edges.filter(col(WEIGHT).lt(0)).limit(1).collectAsList();
      if (!negative.isEmpty()) {
        Row row = negative.get(0);
        throw new IllegalArgumentException(
            String.format(
                "negative weight %s of %s -> %s; weights must be >= 0: drop negative ratings with"
                    + " --drop-negative",
                row.get(2), row.get(0), row.get(1)));
      }
    }
    SparkScorer.Builder builder =
        SparkScorer.builder(ScoringPolicy.identity())
            .checkpointInterval(options.checkpointInterval);
    if (options.damping != null) {
      builder.damping(options.damping);
    }
    if (options.tolerance != null) {
      builder.tolerance(options.tolerance);
    }
    if (options.maxIterations != null) {
      builder.maxIterations(options.maxIterations);
    }
    if (options.seeds != null) {
      Map<String, Double> seeds = seeds(spark, options.seeds, endorsements, err);
      builder.seeds(seeds);
    }
    SparkReputation reputation = builder.build().score(endorsements);
    if (options.output.toLowerCase(Locale.ROOT).endsWith(".parquet")) {
      reputation.scores().write().mode("overwrite").parquet(options.output);
    } else {
      reputation.scores().write().mode("overwrite").option("header", true).csv(options.output);
    }
    out.printf(
        Locale.ROOT,
        "scored %,d contributors: %s after %d iterations (residual %.2e); wrote %s in %,d ms%n",
        reputation.size(),
        reputation.converged() ? "converged" : "NOT converged",
        reputation.iterations(),
        reputation.residual(),
        options.output,
        (System.nanoTime() - started) / 1_000_000);
    return reputation.converged() ? 0 : 3;
  }

  /** The seeds of {@code path} that are contributors of the input; reports the others. */
  private static Map<String, Double> seeds(
      SparkSession spark, String path, Dataset<Row> endorsements, PrintStream err) {
    Map<String, Double> given;
    try {
      given = SeedListReader.read(Path.of(path));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read seeds " + path + ": " + e.getMessage(), e);
    }
    Dataset<Row> ids =
        endorsements
            .select(col(SparkScorer.ENDORSER).as("id"))
            .union(endorsements.select(col(SparkScorer.TARGET)));
    List<String> known =
        spark
            .createDataset(new ArrayList<>(given.keySet()), Encoders.STRING())
            .toDF("id")
            .join(ids.distinct(), "id")
            .as(Encoders.STRING())
            .collectAsList();
    Map<String, Double> seeds = new LinkedHashMap<>();
    for (Map.Entry<String, Double> seed : given.entrySet()) {
      if (known.contains(seed.getKey())) {
        seeds.put(seed.getKey(), seed.getValue());
      }
    }
    TreeSet<String> missing = new TreeSet<>(given.keySet());
    missing.removeAll(seeds.keySet());
    if (!missing.isEmpty()) {
      err.printf(
          "wuffie-spark: %d seed(s) not in the input, ignored: %s%n",
          missing.size(),
          missing.size() > 10 ? List.copyOf(missing).subList(0, 10) + "..." : missing);
    }
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("none of the seeds in " + path + " is in the input");
    }
    return seeds;
  }

  /** The input as {@code (endorser, endorsed, weight)}. */
  private static Dataset<Row> read(SparkSession spark, Options options) {
    StructType schema =
        new StructType(
            new StructField[] {
              DataTypes.createStructField(ENDORSER, DataTypes.StringType, true),
              DataTypes.createStructField(ENDORSED, DataTypes.StringType, true),
              DataTypes.createStructField(WEIGHT, DataTypes.DoubleType, false)
            });
    if (options.input.toLowerCase(Locale.ROOT).endsWith(".parquet")) {
      Dataset<Row> parquet = spark.read().parquet(options.input);
      List<String> have = Arrays.asList(parquet.schema().fieldNames());
      String target = have.contains(ENDORSED) ? ENDORSED : "target";
      if (!have.contains(ENDORSER) || !have.contains(target)) {
        throw new IllegalArgumentException(
            String.format(
                "expected Parquet columns %s, %s (or target) and optionally %s; it has %s",
                ENDORSER, ENDORSED, WEIGHT, have));
      }
      return parquet.select(
          col(ENDORSER).cast(DataTypes.StringType).as(ENDORSER),
          col(target).cast(DataTypes.StringType).as(ENDORSED),
          (have.contains(WEIGHT) ? col(WEIGHT).cast(DataTypes.DoubleType) : lit(1.0)).as(WEIGHT));
    }
    String source = options.input;
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Row> rows =
        context
            .newAPIHadoopFile(
                options.input,
                TextInputFormat.class,
                LongWritable.class,
                Text.class,
                context.hadoopConfiguration())
            .flatMap(
                pair -> {
                  Row row = EdgeLines.parse(source, pair._1().get(), pair._2().toString());
                  return row == null ? List.<Row>of().iterator() : List.of(row).iterator();
                });
    return spark.createDataFrame(rows, schema);
  }

  /** The parsed command line. */
  private static final class Options {
    String input;
    String output;
    Double damping;
    Double tolerance;
    Integer maxIterations;
    String seeds;
    boolean dropNegative;
    int checkpointInterval = SparkScorer.DEFAULT_CHECKPOINT_INTERVAL;

    static Options parse(String[] args) {
      Options options = new Options();
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (name.equals("--drop-negative")) {
          options.dropNegative = true;
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(
              name.startsWith("--") ? name + " needs a value" : "unexpected argument " + name);
        }
        String value = args[++i];
        switch (name) {
          case "--input" -> options.input = value;
          case "--output" -> options.output = value;
          case "--damping" -> options.damping = number(name, value);
          case "--tolerance" -> options.tolerance = number(name, value);
          case "--max-iterations" -> options.maxIterations = whole(name, value);
          case "--seeds" -> options.seeds = value;
          case "--checkpoint-interval" -> options.checkpointInterval = whole(name, value);
          default -> throw new IllegalArgumentException("unknown option " + name);
        }
      }
      if (options.input == null || options.output == null) {
        throw new IllegalArgumentException("--input and --output are required");
      }
      return options;
    }

    private static double number(String name, String value) {
      try {
        return Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " " + value + " is not a number", e);
      }
    }

    private static int whole(String name, String value) {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " " + value + " is not a whole number", e);
      }
    }
  }
}
