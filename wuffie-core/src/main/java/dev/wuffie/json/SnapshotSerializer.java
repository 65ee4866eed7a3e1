package dev.wuffie.json;

import static dev.wuffie.json.SnapshotFormat.AS_OF;
import static dev.wuffie.json.SnapshotFormat.CONTRIBUTORS;
import static dev.wuffie.json.SnapshotFormat.CONVERGED;
import static dev.wuffie.json.SnapshotFormat.CREATED_AT;
import static dev.wuffie.json.SnapshotFormat.FORMAT_VERSION;
import static dev.wuffie.json.SnapshotFormat.ID;
import static dev.wuffie.json.SnapshotFormat.ITERATIONS;
import static dev.wuffie.json.SnapshotFormat.PERCENTILE;
import static dev.wuffie.json.SnapshotFormat.POINTS;
import static dev.wuffie.json.SnapshotFormat.POLICY;
import static dev.wuffie.json.SnapshotFormat.RANK;
import static dev.wuffie.json.SnapshotFormat.RESIDUAL;
import static dev.wuffie.json.SnapshotFormat.SCORE;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.Standing;
import java.io.IOException;
import java.time.Instant;

/**
 * Writes a {@link ReputationSnapshot} in the JSON form documented in {@link dev.wuffie.json}: every
 * field, the policy through its own serializer, doubles in a form that reads back to the same bits.
 */
final class SnapshotSerializer extends StdSerializer<ReputationSnapshot> {
  private static final long serialVersionUID = 1L;

  SnapshotSerializer() {
    super(ReputationSnapshot.class);
  }

  @Override
  public void serialize(ReputationSnapshot snapshot, JsonGenerator g, SerializerProvider provider)
      throws IOException {
    g.writeStartObject();
    g.writeNumberField(FORMAT_VERSION, SnapshotFormat.VERSION);
    g.writeStringField(CREATED_AT, snapshot.createdAt().toString());
    g.writeFieldName(AS_OF);
    if (snapshot.asOf().isPresent()) {
      Instant asOf = snapshot.asOf().get();
      g.writeString(asOf.toString());
    } else {
      g.writeNull();
    }
    g.writeBooleanField(CONVERGED, snapshot.converged());
    g.writeNumberField(ITERATIONS, snapshot.iterations());
    if (Double.isInfinite(snapshot.residual())) {
      g.writeStringField(RESIDUAL, SnapshotFormat.INFINITY);
    } else {
      g.writeNumberField(RESIDUAL, snapshot.residual());
    }
    g.writeFieldName(POLICY);
    if (snapshot.policy().isPresent()) {
      provider
          .findValueSerializer(ScoringPolicy.class)
          .serialize(snapshot.policy().get(), g, provider);
    } else {
      g.writeNull();
    }
    g.writeArrayFieldStart(CONTRIBUTORS);
    for (Standing s : snapshot.standings()) {
      g.writeStartObject();
      g.writeStringField(ID, s.id());
      g.writeNumberField(RANK, s.rank());
      g.writeNumberField(SCORE, s.score());
      g.writeNumberField(POINTS, s.points());
      g.writeNumberField(PERCENTILE, s.percentile());
      String tier = snapshot.tiers().get(s.id());
      if (tier != null) {
        g.writeStringField(SnapshotFormat.TIER, tier);
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
