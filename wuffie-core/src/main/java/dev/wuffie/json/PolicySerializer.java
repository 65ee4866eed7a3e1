package dev.wuffie.json;

import static dev.wuffie.json.PolicyFormat.ACTIVITY;
import static dev.wuffie.json.PolicyFormat.AS_OF;
import static dev.wuffie.json.PolicyFormat.DAMPING;
import static dev.wuffie.json.PolicyFormat.DISTRUST_STRENGTH;
import static dev.wuffie.json.PolicyFormat.HALF_LIFE;
import static dev.wuffie.json.PolicyFormat.INFLUENCE_CAP;
import static dev.wuffie.json.PolicyFormat.KINDS;
import static dev.wuffie.json.PolicyFormat.MAX_ITERATIONS;
import static dev.wuffie.json.PolicyFormat.METHOD;
import static dev.wuffie.json.PolicyFormat.NEUTRAL;
import static dev.wuffie.json.PolicyFormat.RATED;
import static dev.wuffie.json.PolicyFormat.RECIPROCAL_WEIGHT;
import static dev.wuffie.json.PolicyFormat.REPLACE_DEFAULT_KINDS;
import static dev.wuffie.json.PolicyFormat.SATURATION;
import static dev.wuffie.json.PolicyFormat.SCALE;
import static dev.wuffie.json.PolicyFormat.SEEDS;
import static dev.wuffie.json.PolicyFormat.SOLVER;
import static dev.wuffie.json.PolicyFormat.STOP;
import static dev.wuffie.json.PolicyFormat.TELEPORT;
import static dev.wuffie.json.PolicyFormat.TOLERANCE;
import static dev.wuffie.json.PolicyFormat.UNIFORM;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.wuffie.KindWeight;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.rank.RankSolver;
import java.io.IOException;
import java.util.Map;

/**
 * Writes a {@link ScoringPolicy} with every field, so that reading it back gives an equal policy:
 * the kinds in full (with {@code replaceDefaultKinds: true}), {@code null} for no decay and for "as
 * of the latest event". Refuses custom saturations and decays, which have no JSON form.
 */
final class PolicySerializer extends StdSerializer<ScoringPolicy> {
  private static final long serialVersionUID = 1L;

  PolicySerializer() {
    super(ScoringPolicy.class);
  }

  @Override
  public void serialize(ScoringPolicy policy, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
    try {
      PolicyFormat.checkWritable(policy);
    } catch (IllegalArgumentException e) {
      provider.reportMappingProblem(e, "%s", e.getMessage());
    }
    gen.writeStartObject(policy);
    gen.writeFieldName(KINDS);
    gen.writeStartObject();
    for (KindWeight kind : policy.kinds().values()) {
      gen.writeFieldName(kind.kind());
      if (kind.rated()) {
        gen.writeStartObject();
        gen.writeBooleanField(RATED, true);
        gen.writeNumberField(NEUTRAL, kind.neutral());
        gen.writeNumberField(SCALE, kind.scale());
        gen.writeEndObject();
      } else {
        gen.writeNumber(kind.scale());
      }
    }
    gen.writeEndObject();
    gen.writeBooleanField(REPLACE_DEFAULT_KINDS, true);
    gen.writeStringField(SATURATION, PolicyFormat.saturationName(policy.saturation()));
    gen.writeFieldName(HALF_LIFE);
    if (policy.halfLife().isPresent()) {
      gen.writeString(PolicyFormat.durationText(policy.halfLife().get()));
    } else {
      gen.writeNull();
    }
    gen.writeFieldName(AS_OF);
    if (policy.asOf().isPresent()) {
      gen.writeString(policy.asOf().get().toString());
    } else {
      gen.writeNull();
    }
    gen.writeFieldName(TELEPORT);
    switch (policy.teleport()) {
      case UNIFORM -> gen.writeString(UNIFORM);
      case ACTIVITY -> gen.writeString(ACTIVITY);
      case SEEDS -> {
        gen.writeStartObject();
        gen.writeFieldName(SEEDS);
        gen.writeStartObject();
        for (Map.Entry<String, Double> seed : policy.seeds().entrySet()) {
          gen.writeNumberField(seed.getKey(), seed.getValue());
        }
        gen.writeEndObject();
        gen.writeEndObject();
      }
    }
    gen.writeNumberField(DISTRUST_STRENGTH, policy.distrustStrength());
    gen.writeNumberField(INFLUENCE_CAP, policy.influenceCap());
    gen.writeNumberField(RECIPROCAL_WEIGHT, policy.reciprocalWeight());
    RankSolver solver = policy.solver();
    gen.writeFieldName(SOLVER);
    gen.writeStartObject();
    gen.writeNumberField(DAMPING, solver.damping());
    gen.writeNumberField(TOLERANCE, solver.tolerance());
    gen.writeNumberField(MAX_ITERATIONS, solver.maxIterations());
    gen.writeStringField(METHOD, solver.method().name());
    gen.writeStringField(STOP, solver.stop().name());
    gen.writeEndObject();
    gen.writeEndObject();
  }
}
