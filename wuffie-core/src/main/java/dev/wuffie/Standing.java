package dev.wuffie;

/**
 * One contributor's place in a {@link Reputation}: its id, rank, score, points and percentile.
 *
 * @param id the contributor id
 * @param rank 1 for the highest score; equal scores are ordered by id
 * @param score the contributor's share of all reputation, in {@code [0, 1]}
 * @param points the score on the display scale: score times the number of contributors, so 1.0 is
 *     the average contributor (see {@link Reputation#points(String)})
 * @param percentile the percentage of the other contributors whose score is strictly lower, in
 *     {@code [0, 100]}
 */
public record Standing(String id, int rank, double score, double points, double percentile) {}
