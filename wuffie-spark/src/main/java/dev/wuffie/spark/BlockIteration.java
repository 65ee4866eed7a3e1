package dev.wuffie.spark;

import static com.google.common.base.Preconditions.checkArgument;

import dev.wuffie.rank.RankSolver;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.Partitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The power iteration of {@link SparkScorer} over blocks of primitive arrays: contributor {@code v}
 * lives in partition {@code v mod P} at local index {@code v / P}, and each partition holds, once
 * and cached, its contributors' teleport weights and leaks, its endorsers' edges grouped by the
 * destination's partition (a compressed sparse row block), and the local indices of the sums the
 * other partitions send it.
 *
 * <p>An iteration is one Spark job of two stages with the same plan every time: each partition sums
 * its endorsers' flow per destination ({@code p_uv s_u}, pre-aggregated, one {@code double[]} per
 * destination partition), the sums are shuffled by destination partition, and each partition adds
 * them up with the teleport share into its new scores, its L1 change and its returned mass, which a
 * {@code treeAggregate} brings to the driver for the stop test. Each iteration's scores are
 * checkpointed locally, which keeps the lineage at one iteration; every {@code checkpointInterval}
 * iterations reliably instead when the context has a checkpoint directory.
 *
 * <p>Cost per iteration: {@code O(m)} multiply-adds, and a shuffle of one double per distinct
 * (endorser partition, endorsed contributor) pair, at most {@code min(m, P n)} doubles.
 */
final class BlockIteration {
  private static final StructType STATE =
      new StructType(
          new StructField[] {
            DataTypes.createStructField("idx", DataTypes.LongType, false),
            DataTypes.createStructField("tele", DataTypes.DoubleType, false),
            DataTypes.createStructField("leak", DataTypes.DoubleType, false),
            DataTypes.createStructField("s", DataTypes.DoubleType, false)
          });

  private BlockIteration() {}

  /** One partition's fixed part: its contributors, its endorsers' edges and its incoming sums. */
  static final class Block implements Serializable {
    private static final long serialVersionUID = 1L;

    final double[] tele; // by local index
    final double[] leak;
    final int[] slotsByPart; // P + 1: the slots (destinations) of partition c, in order
    final int[] edgesBySlot; // slots + 1: the edges into each slot
    final int[] src; // by edge: the endorser's local index
    final double[] p; // by edge: w_uv / W_u
    final int[] inByPart; // P + 1: the incoming sums from partition b
    final int[] inDst; // by incoming sum: the local index it adds to

    Block(double[] tele, double[] leak, OutEdges out, InSlots in) {
      this.tele = tele;
      this.leak = leak;
      this.slotsByPart = out.slotsByPart;
      this.edgesBySlot = out.edgesBySlot;
      this.src = out.src;
      this.p = out.p;
      this.inByPart = in.inByPart;
      this.inDst = in.inDst;
    }
  }

  /** A partition's edges by destination: the map side of an iteration. */
  record OutEdges(int[] slotsByPart, int[] edgesBySlot, int[] src, double[] p, int[] slotDst)
      implements Serializable {}

  /** A partition's incoming sums by source partition: the reduce side of an iteration. */
  record InSlots(int[] inByPart, int[] inDst) implements Serializable {}

  /** A partition's scores after an iteration, with its L1 change and returned mass. */
  record Scores(double[] s, double change, double returned) implements Serializable {}

  /**
   * Runs the iteration.
   *
   * @param nodes {@code (idx, tele, leak)} for every contributor, {@code idx} in {@code [0, n)}
   * @param edges {@code (src, dst, p)}, one row per weighted pair
   */
  static SparkScorer.Iteration run(
      SparkSession spark,
      Dataset<Row> nodes,
      Dataset<Row> edges,
      long n,
      int partitions,
      RankSolver solver,
      int checkpointInterval) {
    checkArgument(
        n < 1L << 32 && (n + partitions - 1) / partitions < Integer.MAX_VALUE / 2,
        "%s contributors in %s partitions are too many: at most 2^32 contributors and 2^30 per"
            + " partition; raise spark.sql.shuffle.partitions",
        n,
        partitions);
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String description = context.getLocalProperty("spark.job.description");
    List<JavaRDD<?>> cached = new ArrayList<>();
    try {
      context.setJobDescription("wuffie-spark: blocks");
      JavaRDD<Block> blocks = blocks(nodes, edges, n, partitions);
      cached.add(blocks);
      return loop(spark, context, blocks, partitions, solver, checkpointInterval, cached);
    } finally {
      context.setLocalProperty("spark.job.description", description);
      for (JavaRDD<?> rdd : cached) {
        rdd.unpersist(false);
      }
    }
  }

  private static SparkScorer.Iteration loop(
      SparkSession spark,
      JavaSparkContext context,
      JavaRDD<Block> blocks,
      int partitions,
      RankSolver solver,
      int checkpointInterval,
      List<JavaRDD<?>> cached) {
    double d = solver.damping();
    boolean reliable = context.getCheckpointDir().isPresent();
    Partitioner byPart = new HashPartitioner(partitions);
    JavaRDD<Scores> state =
        blocks.map(
            block -> {
              double returned = 0;
              for (int v = 0; v < block.tele.length; v++) {
                returned += block.tele[v] * block.leak[v];
              }
              return new Scores(block.tele.clone(), 0, returned);
            });
    state.rdd().localCheckpoint();
    double returned = sums(state)[1];
    cached.add(state);
    double residual = Double.POSITIVE_INFINITY;
    int k = 0;
    boolean converged = false;
    while (k < solver.maxIterations()) {
      k++;
      context.setJobDescription("wuffie-spark: iteration " + k);
      double jump = (1 - d) + d * returned;
      JavaRDD<Tuple2<Block, Scores>> both =
          blocks.zipPartitions(
              state, (b, s) -> List.of(new Tuple2<>(b.next(), s.next())).iterator());
      JavaPairRDD<Integer, Tuple2<Integer, double[]>> sums =
          both.flatMapToPair(BlockIteration::send).partitionBy(byPart);
      JavaRDD<Scores> next =
          both.zipPartitions(
              sums, (own, in) -> List.of(receive(own.next(), in, jump, d)).iterator());
      if (reliable && k % checkpointInterval == 0) {
        next.persist(StorageLevel.MEMORY_AND_DISK());
        next.checkpoint();
      } else {
        next.rdd().localCheckpoint();
      }
      double[] total = sums(next);
      state.unpersist(false);
      cached.remove(state);
      state = next;
      cached.add(state);
      residual = total[0];
      returned = total[1];
      if (solver.stop() == RankSolver.Stop.CHANGE
          ? residual < solver.tolerance()
          : d / (1 - d) * residual < solver.tolerance()) {
        converged = true;
        break;
      }
    }
    context.setJobDescription("wuffie-spark: scores");
    JavaRDD<Row> rows =
        blocks.zipPartitions(
            state,
            (b, s) -> {
              Block block = b.next();
              double[] scores = s.next().s();
              int part = TaskContext.getPartitionId();
              List<Row> out = new ArrayList<>(scores.length);
              for (int v = 0; v < scores.length; v++) {
                out.add(
                    RowFactory.create(
                        (long) v * partitions + part, block.tele[v], block.leak[v], scores[v]));
              }
              return out.iterator();
            });
    Dataset<Row> scores = spark.createDataFrame(rows, STATE).localCheckpoint(true);
    return new SparkScorer.Iteration(scores, returned, converged, k, residual);
  }

  /** The L1 change and the returned mass of all partitions. */
  private static double[] sums(JavaRDD<Scores> state) {
    return state.treeAggregate(
        new double[2],
        (sum, s) -> new double[] {sum[0] + s.change(), sum[1] + s.returned()},
        (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
  }

  /** The map side: one array of flow sums per destination partition. */
  private static Iterator<Tuple2<Integer, Tuple2<Integer, double[]>>> send(
      Tuple2<Block, Scores> own) {
    Block block = own._1();
    double[] s = own._2().s();
    int part = TaskContext.getPartitionId();
    int parts = block.slotsByPart.length - 1;
    List<Tuple2<Integer, Tuple2<Integer, double[]>>> out = new ArrayList<>(parts);
    for (int c = 0; c < parts; c++) {
      int first = block.slotsByPart[c];
      int end = block.slotsByPart[c + 1];
      if (first == end) {
        continue;
      }
      double[] flow = new double[end - first];
      for (int slot = first; slot < end; slot++) {
        double sum = 0;
        for (int e = block.edgesBySlot[slot]; e < block.edgesBySlot[slot + 1]; e++) {
          sum += block.p[e] * s[block.src[e]];
        }
        flow[slot - first] = sum;
      }
      out.add(new Tuple2<>(c, new Tuple2<>(part, flow)));
    }
    return out.iterator();
  }

  /** The reduce side: the new scores of a partition from the sums it received. */
  private static Scores receive(
      Tuple2<Block, Scores> own,
      Iterator<Tuple2<Integer, Tuple2<Integer, double[]>>> in,
      double jump,
      double d) {
    Block block = own._1();
    double[] old = own._2().s();
    double[] flow = new double[old.length];
    while (in.hasNext()) {
      Tuple2<Integer, double[]> sent = in.next()._2();
      int offset = block.inByPart[sent._1()];
      double[] sums = sent._2();
      for (int i = 0; i < sums.length; i++) {
        flow[block.inDst[offset + i]] += sums[i];
      }
    }
    double change = 0;
    double returned = 0;
    double[] s = new double[old.length];
    for (int v = 0; v < s.length; v++) {
      s[v] = jump * block.tele[v] + d * flow[v];
      change += Math.abs(s[v] - old[v]);
      returned += s[v] * block.leak[v];
    }
    return new Scores(s, change, returned);
  }

  /** The cached blocks, partition {@code b} holding the contributors {@code v mod P == b}. */
  private static JavaRDD<Block> blocks(
      Dataset<Row> nodes, Dataset<Row> edges, long n, int partitions) {
    Partitioner byPart = new HashPartitioner(partitions);
    JavaRDD<double[][]> nodeArrays =
        columns(nodes.select("idx", "tele", "leak"), partitions, false)
            .mapPartitions(
                chunks -> {
                  int size = size(n, partitions, TaskContext.getPartitionId());
                  double[] tele = new double[size];
                  double[] leak = new double[size];
                  while (chunks.hasNext()) {
                    Columns chunk = chunks.next()._2();
                    for (int i = 0; i < chunk.size; i++) {
                      int v = (int) (chunk.a[i] / partitions);
                      tele[v] = chunk.x[i];
                      leak[v] = chunk.y[i];
                    }
                  }
                  return List.<double[][]>of(new double[][] {tele, leak}).iterator();
                });
    JavaRDD<OutEdges> out =
        columns(edges.select("src", "dst", "p"), partitions, true)
            .mapPartitions(chunks -> List.of(outEdges(chunks, n, partitions)).iterator())
            .persist(StorageLevel.MEMORY_AND_DISK());
    JavaRDD<InSlots> in =
        out.flatMapToPair(
                edgesOut -> {
                  int part = TaskContext.getPartitionId();
                  List<Tuple2<Integer, Tuple2<Integer, int[]>>> slots = new ArrayList<>();
                  for (int c = 0; c < partitions; c++) {
                    int first = edgesOut.slotsByPart()[c];
                    int end = edgesOut.slotsByPart()[c + 1];
                    if (first < end) {
                      int[] dst = Arrays.copyOfRange(edgesOut.slotDst(), first, end);
                      slots.add(new Tuple2<>(c, new Tuple2<>(part, dst)));
                    }
                  }
                  return slots.iterator();
                })
            .partitionBy(byPart)
            .mapPartitions(rows -> List.of(inSlots(rows, partitions)).iterator());
    JavaRDD<Block> blocks =
        nodeArrays
            .zipPartitions(out, (a, o) -> List.of(new Tuple2<>(a.next(), o.next())).iterator())
            .zipPartitions(
                in,
                (ao, i) -> {
                  Tuple2<double[][], OutEdges> pair = ao.next();
                  return List.of(new Block(pair._1()[0], pair._1()[1], pair._2(), i.next()))
                      .iterator();
                });
    blocks.persist(StorageLevel.MEMORY_AND_DISK());
    blocks.rdd().localCheckpoint();
    blocks.count();
    out.unpersist(false);
    return blocks;
  }

  /**
   * The rows of {@code rows} (a long key first) in partition {@code key mod P}, as columns: each
   * task sends one chunk of primitive arrays per partition, not a record per row. Edges are {@code
   * (src, dst, p)} into {@code a, b, x}; nodes {@code (idx, tele, leak)} into {@code a, x, y}.
   */
  private static JavaPairRDD<Integer, Columns> columns(
      Dataset<Row> rows, int partitions, boolean edges) {
    return rows.javaRDD()
        .mapPartitionsToPair(
            it -> {
              Columns[] by = new Columns[partitions];
              while (it.hasNext()) {
                Row row = it.next();
                int part = (int) (row.getLong(0) % partitions);
                if (by[part] == null) {
                  by[part] = new Columns();
                }
                if (edges) {
                  by[part].add(row.getLong(0), row.getLong(1), row.getDouble(2), 0);
                } else {
                  by[part].add(row.getLong(0), 0, row.getDouble(1), row.getDouble(2));
                }
              }
              List<Tuple2<Integer, Columns>> out = new ArrayList<>();
              for (int part = 0; part < partitions; part++) {
                if (by[part] != null) {
                  out.add(new Tuple2<>(part, by[part].trimmed()));
                }
              }
              return out.iterator();
            })
        .partitionBy(new HashPartitioner(partitions));
  }

  /** Growable columns of two longs and two doubles per row. */
  static final class Columns implements Serializable {
    private static final long serialVersionUID = 1L;

    int size;
    long[] a = new long[16];
    long[] b = new long[16];
    double[] x = new double[16];
    double[] y = new double[16];

    void add(long a, long b, double x, double y) {
      if (size == this.a.length) {
        this.a = Arrays.copyOf(this.a, 2 * size);
        this.b = Arrays.copyOf(this.b, 2 * size);
        this.x = Arrays.copyOf(this.x, 2 * size);
        this.y = Arrays.copyOf(this.y, 2 * size);
      }
      this.a[size] = a;
      this.b[size] = b;
      this.x[size] = x;
      this.y[size] = y;
      size++;
    }

    Columns trimmed() {
      a = Arrays.copyOf(a, size);
      b = Arrays.copyOf(b, size);
      x = Arrays.copyOf(x, size);
      y = Arrays.copyOf(y, size);
      return this;
    }
  }

  /** How many of the {@code n} contributors partition {@code part} holds. */
  private static int size(long n, int partitions, int part) {
    return part < n ? (int) ((n - part + partitions - 1) / partitions) : 0;
  }

  /** A partition's edges sorted by (destination partition, destination, edge order). */
  private static OutEdges outEdges(
      Iterator<Tuple2<Integer, Columns>> chunks, long n, int partitions) {
    long perPart = (n + partitions - 1) / partitions;
    Columns all = new Columns();
    while (chunks.hasNext()) {
      Columns chunk = chunks.next()._2();
      for (int i = 0; i < chunk.size; i++) {
        all.add(chunk.a[i], chunk.b[i], chunk.x[i], 0);
      }
    }
    int count = all.size;
    long[] dst = all.b;
    double[] p = all.x;
    int[] src = new int[count];
    for (int e = 0; e < count; e++) {
      src[e] = (int) (all.a[e] / partitions);
    }
    // Sort key: the destination's (partition, local index) in the high bits, the edge below.
    long[] keys = new long[count];
    for (int e = 0; e < count; e++) {
      long slotKey = (dst[e] % partitions) * perPart + dst[e] / partitions;
      keys[e] = slotKey << 31 | e;
    }
    Arrays.sort(keys);
    int[] slotsByPart = new int[partitions + 1];
    int[] edgesBySlot = new int[count + 1];
    int[] slotDst = new int[count];
    int[] sortedSrc = new int[count];
    double[] sortedP = new double[count];
    int slots = 0;
    long previous = -1;
    for (int i = 0; i < count; i++) {
      int e = (int) (keys[i] & Integer.MAX_VALUE);
      long slotKey = keys[i] >>> 31;
      if (slotKey != previous) {
        slotDst[slots] = (int) (slotKey % perPart);
        edgesBySlot[slots] = i;
        slotsByPart[(int) (slotKey / perPart) + 1] = slots + 1;
        slots++;
        previous = slotKey;
      }
      sortedSrc[i] = src[e];
      sortedP[i] = p[e];
    }
    edgesBySlot[slots] = count;
    for (int c = 1; c <= partitions; c++) {
      slotsByPart[c] = Math.max(slotsByPart[c], slotsByPart[c - 1]);
    }
    return new OutEdges(
        slotsByPart,
        Arrays.copyOf(edgesBySlot, slots + 1),
        sortedSrc,
        sortedP,
        Arrays.copyOf(slotDst, slots));
  }

  /** A partition's incoming slots, ordered by the sending partition. */
  private static InSlots inSlots(
      Iterator<Tuple2<Integer, Tuple2<Integer, int[]>>> rows, int partitions) {
    int[][] byPart = new int[partitions][];
    int total = 0;
    while (rows.hasNext()) {
      Tuple2<Integer, int[]> sent = rows.next()._2();
      byPart[sent._1()] = sent._2();
      total += sent._2().length;
    }
    int[] inByPart = new int[partitions + 1];
    int[] inDst = new int[total];
    for (int b = 0; b < partitions; b++) {
      int[] dst = byPart[b] == null ? new int[0] : byPart[b];
      System.arraycopy(dst, 0, inDst, inByPart[b], dst.length);
      inByPart[b + 1] = inByPart[b] + dst.length;
    }
    return new InSlots(inByPart, inDst);
  }
}
