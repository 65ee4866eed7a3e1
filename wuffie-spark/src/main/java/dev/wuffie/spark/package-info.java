/**
 * wuffie on Apache Spark: the core's scores for endorsement sets that outgrow one machine.
 *
 * <p>Start with {@link dev.wuffie.spark.SparkScorer}: give it a wuffie-core {@link
 * dev.wuffie.ScoringPolicy}, score a {@code Dataset<Row>} of endorsement events, and read the
 * {@link dev.wuffie.spark.SparkReputation}'s {@code (id, score, rank)} dataset and convergence
 * figures. {@link dev.wuffie.spark.ScoreJob} is the same as a {@code spark-submit} job over CSV or
 * Parquet files.
 */
package dev.wuffie.spark;
