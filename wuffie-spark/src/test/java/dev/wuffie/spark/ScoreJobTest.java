package dev.wuffie.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.Reputation;
import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.io.EdgeListReader;
import dev.wuffie.rank.RankSolver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ScoreJobTest {
  private static final StructType OUTPUT =
      new StructType(
          new StructField[] {
            DataTypes.createStructField("id", DataTypes.StringType, false),
            DataTypes.createStructField("score", DataTypes.DoubleType, false),
            DataTypes.createStructField("rank", DataTypes.LongType, false)
          });

  private final SparkSession spark = LocalSpark.session();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @TempDir Path dir;

  @Test
  void generatedCsv_dropNegativeAndSeeds_equalsTheCommandLinesPlainMode() throws IOException {
    Random random = new Random(3);
    StringBuilder csv = new StringBuilder("source,target,weight,time\n# a comment\n");
    for (int i = 0; i < 800; i++) {
      int u = random.nextInt(80); // u80..u99 endorse nobody
      int v = random.nextInt(25) == 0 ? u : random.nextInt(100);
      int weight = random.nextInt(12) - 2; // some negative: dropped; some 0
      String sep = i % 7 == 0 ? "\t" : i % 11 == 0 ? "  " : ",";
      csv.append("u" + u + sep + "u" + v + sep + weight + sep + (1_600_000_000 + i) + "\n");
    }
    Path input = Files.writeString(dir.resolve("endorsements.csv"), csv);
    Path seeds = Files.writeString(dir.resolve("seeds.txt"), "u1 2\nu2\nu90\nnobody\n");
    Path output = dir.resolve("scores");

    int code =
        run(
            "--input",
            input.toString(),
            "--output",
            output.toString(),
            "--drop-negative",
            "--tolerance",
            "1e-11",
            "--seeds",
            seeds.toString());

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("1 seed(s) not in the input, ignored: [nobody]");
    EndorsementGraph graph = EdgeListReader.create().dropNegative(true).read(input).graph();
    Reputation core =
        Reputation.compute(
            graph,
            RankSolver.builder().tolerance(1e-11).build(),
            Map.of("u1", 2.0, "u2", 1.0, "u90", 1.0));
    Dataset<Row> written =
        spark.read().option("header", true).schema(OUTPUT).csv(output.toString());
    assertSameScores(core, LocalSpark.collect(written));
  }

  @Test
  void parquetInAndOut_equalsCore() throws IOException {
    StructType schema =
        new StructType(
            new StructField[] {
              DataTypes.createStructField("endorser", DataTypes.StringType, false),
              DataTypes.createStructField("endorsed", DataTypes.StringType, false),
              DataTypes.createStructField("weight", DataTypes.DoubleType, false)
            });
    List<Row> rows =
        List.of(
            RowFactory.create("a", "b", 2.0),
            RowFactory.create("a", "b", 1.0), // summed with the line above
            RowFactory.create("b", "c", 1.0),
            RowFactory.create("c", "d", 0.5),
            RowFactory.create("c", "c", 9.0), // a self-endorsement: dropped
            RowFactory.create("a", "d", 1.0)); // no cycle: d endorses nobody, and e only itself
    Path input = dir.resolve("in.parquet");
    List<Row> written = new ArrayList<>(rows);
    written.add(RowFactory.create("e", "e", 1.0));
    spark.createDataFrame(written, schema).write().parquet(input.toString());
    Path output = dir.resolve("out.parquet");

    int code =
        run("--input", input.toString(), "--output", output.toString(), "--tolerance", "1e-11");

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    for (Row row : rows) {
      builder.add(row.getString(0), row.getString(1), row.getDouble(2));
    }
    builder.addContributor("e");
    Reputation core =
        Reputation.compute(
            builder.build(), RankSolver.builder().tolerance(1e-11).build(), Map.of());
    assertSameScores(core, LocalSpark.collect(spark.read().parquet(output.toString())));
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("scored 5 contributors: converged");
  }

  @Test
  void badLine_exitsWith2AndSaysWhere() throws IOException {
    Path input =
        Files.writeString(dir.resolve("bad.csv"), "endorser,endorsed,weight\na,b,1\nb,c,x\n");

    int code = run("--input", input.toString(), "--output", dir.resolve("o").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("bad.csv: the line at byte 31: weight 'x' is not a number");
  }

  @Test
  void negativeWeight_withoutDropNegative_exitsWith2() throws IOException {
    Path input = Files.writeString(dir.resolve("neg.csv"), "a,b,1\nb,a,-2\n");

    int code = run("--input", input.toString(), "--output", dir.resolve("o").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("negative weight -2.0 of b -> a; weights must be >= 0");
  }

  @Test
  void nanWeight_failsWithTheCoresMessage() throws IOException {
    Path input = Files.writeString(dir.resolve("nan.csv"), "a,b,NaN\n");

    int code = run("--input", input.toString(), "--output", dir.resolve("o").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("value NaN of endorsement 'a' -> 'b' (endorse) is not a finite number");
  }

  @Test
  void badUsage_exitsWith2() {
    assertThat(run("--input", "x.csv")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--input and --output are required")
        .contains("usage: ScoreJob");
  }

  @Test
  void notConverged_exitsWith3() throws IOException {
    Path input = Files.writeString(dir.resolve("ring.csv"), "a,b\nb,c\nc,a\nd,a\n");

    int code =
        run(
            "--input",
            input.toString(),
            "--output",
            dir.resolve("o").toString(),
            "--max-iterations",
            "2");

    assertThat(code).isEqualTo(3);
  }

  private int run(String... args) {
    return ScoreJob.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static void assertSameScores(Reputation core, Map<String, double[]> spark) {
    assertThat(spark).hasSize(core.size());
    for (String id : core.ids()) {
      assertThat(spark.get(id)[0]).as(id).isCloseTo(core.score(id), within(1e-9));
    }
  }
}
