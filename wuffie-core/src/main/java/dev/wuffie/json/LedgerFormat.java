package dev.wuffie.json;

import com.google.common.collect.ImmutableList;
import java.util.List;

/** The field names of the ledger entry format, shared by its serializer and deserializer. */
final class LedgerFormat {
  static final String CONTRIBUTOR = "contributor";
  static final String CONTRIBUTION = "contribution";
  static final String TIME = "time";
  static final String AUTHORS = "authors";
  static final String TAGS = "tags";
  static final String ENDORSER = "endorser";
  static final String TARGET = "target";
  static final String KIND = "kind";
  static final String VALUE = "value";
  static final String RETRACT = "retract";
  static final String MERGE = "merge";
  static final String INTO = "into";
  static final String ID = "id";

  /** Every field an entry may have. */
  static final List<String> FIELDS =
      ImmutableList.of(
          CONTRIBUTOR,
          CONTRIBUTION,
          TIME,
          AUTHORS,
          TAGS,
          ENDORSER,
          TARGET,
          KIND,
          VALUE,
          RETRACT,
          MERGE,
          INTO,
          ID);

  static final List<String> CONTRIBUTOR_FIELDS = ImmutableList.of(CONTRIBUTOR);
  static final List<String> CONTRIBUTION_FIELDS =
      ImmutableList.of(CONTRIBUTION, TIME, AUTHORS, TAGS);
  static final List<String> EVENT_FIELDS =
      ImmutableList.of(ID, ENDORSER, TARGET, CONTRIBUTION, KIND, VALUE, TIME);
  static final List<String> RETRACTION_FIELDS = ImmutableList.of(RETRACT);
  static final List<String> MERGE_FIELDS = ImmutableList.of(MERGE, INTO);

  /** The shapes of an entry, for messages. */
  static final String SHAPES =
      "an entry is one of {\"contributor\": id}, {\"contribution\": id, \"time\": t, \"authors\":"
          + " {id: share, ...}[, \"tags\": [tag, ...]]}, {[\"id\": siteEventId,] \"endorser\": id, \"target\": id or"
          + " \"contribution\": id, \"kind\": k, [\"value\": v,] \"time\": t}, {\"retract\": eventId}, {\"merge\": id,"
          + " \"into\": id}";

  private LedgerFormat() {}
}
