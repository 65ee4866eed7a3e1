package dev.wuffie.json;

import com.google.common.collect.ImmutableList;
import java.util.List;

/** The field names of the reputation snapshot format, shared by its serializer and deserializer. */
final class SnapshotFormat {
  /** The version of the format that this code writes and reads. */
  static final int VERSION = 1;

  static final String FORMAT_VERSION = "version";
  static final String CREATED_AT = "createdAt";
  static final String AS_OF = "asOf";
  static final String CONVERGED = "converged";
  static final String ITERATIONS = "iterations";
  static final String RESIDUAL = "residual";
  static final String POLICY = "policy";
  static final String CONTRIBUTORS = "contributors";

  /** The fields of a snapshot, in the order they are written. */
  static final List<String> FIELDS =
      ImmutableList.of(
          FORMAT_VERSION, CREATED_AT, AS_OF, CONVERGED, ITERATIONS, RESIDUAL, POLICY, CONTRIBUTORS);

  static final String ID = "id";
  static final String RANK = "rank";
  static final String SCORE = "score";
  static final String POINTS = "points";
  static final String PERCENTILE = "percentile";

  /** The fields of a contributor's standing, in the order they are written. */
  static final List<String> STANDING_FIELDS = ImmutableList.of(ID, RANK, SCORE, POINTS, PERCENTILE);

  /** The tier a contributor holds: written only for a contributor with one. */
  static final String TIER = "tier";

  /** The fields a standing may have: the required ones, then the tier. */
  static final List<String> STANDING_FIELDS_ALLOWED =
      ImmutableList.of(ID, RANK, SCORE, POINTS, PERCENTILE, TIER);

  /** How an infinite residual is written: JSON has no number for it. */
  static final String INFINITY = "Infinity";

  private SnapshotFormat() {}
}
