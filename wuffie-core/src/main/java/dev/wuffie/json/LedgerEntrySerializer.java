package dev.wuffie.json;

import static dev.wuffie.json.LedgerFormat.AUTHORS;
import static dev.wuffie.json.LedgerFormat.CONTRIBUTION;
import static dev.wuffie.json.LedgerFormat.CONTRIBUTOR;
import static dev.wuffie.json.LedgerFormat.ENDORSER;
import static dev.wuffie.json.LedgerFormat.ID;
import static dev.wuffie.json.LedgerFormat.INTO;
import static dev.wuffie.json.LedgerFormat.KIND;
import static dev.wuffie.json.LedgerFormat.MERGE;
import static dev.wuffie.json.LedgerFormat.RETRACT;
import static dev.wuffie.json.LedgerFormat.TAGS;
import static dev.wuffie.json.LedgerFormat.TARGET;
import static dev.wuffie.json.LedgerFormat.TIME;
import static dev.wuffie.json.LedgerFormat.VALUE;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.wuffie.Endorsement;
import dev.wuffie.LedgerEntry;
import java.io.IOException;
import java.util.Map;

/**
 * Writes a {@link LedgerEntry} as the one-line JSON object documented in {@link dev.wuffie.json},
 * with its fields in a fixed order.
 */
final class LedgerEntrySerializer extends StdSerializer<LedgerEntry> {
  private static final long serialVersionUID = 1L;

  LedgerEntrySerializer() {
    super(LedgerEntry.class);
  }

  @Override
  public void serialize(LedgerEntry entry, JsonGenerator g, SerializerProvider provider)
      throws IOException {
    g.writeStartObject();
    if (entry instanceof LedgerEntry.Contributor contributor) {
      g.writeStringField(CONTRIBUTOR, contributor.id());
    } else if (entry instanceof LedgerEntry.Contribution contribution) {
      g.writeStringField(CONTRIBUTION, contribution.id());
      g.writeStringField(TIME, contribution.time().toString());
      g.writeObjectFieldStart(AUTHORS);
      for (Map.Entry<String, Double> author : contribution.shares().entrySet()) {
        g.writeNumberField(author.getKey(), author.getValue());
      }
      g.writeEndObject();
      if (!contribution.tags().isEmpty()) { // a file without tags reads as before tags existed
        g.writeArrayFieldStart(TAGS);
        for (String tag : contribution.tags()) {
          g.writeString(tag);
        }
        g.writeEndArray();
      }
    } else if (entry instanceof LedgerEntry.Event event) {
      Endorsement e = event.endorsement();
      if (event.siteId() != null) {
        g.writeStringField(ID, event.siteId());
      }
      g.writeStringField(ENDORSER, e.endorser());
      g.writeStringField(e.toContribution() ? CONTRIBUTION : TARGET, e.target());
      g.writeStringField(KIND, e.kind());
      if (e.value().isPresent()) {
        g.writeNumberField(VALUE, e.value().getAsDouble());
      }
      g.writeStringField(TIME, e.time().toString());
    } else if (entry instanceof LedgerEntry.Retraction retraction) {
      g.writeNumberField(RETRACT, retraction.eventId());
    } else {
      LedgerEntry.Merge merge = (LedgerEntry.Merge) entry;
      g.writeStringField(MERGE, merge.alias());
      g.writeStringField(INTO, merge.person());
    }
    g.writeEndObject();
  }
}
