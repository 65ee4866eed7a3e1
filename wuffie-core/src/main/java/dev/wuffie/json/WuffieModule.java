package dev.wuffie.json;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleSerializers;
import dev.wuffie.LedgerEntry;
import dev.wuffie.ScoringPolicy;

/**
 * The Jackson module for wuffie's types: register it on an {@code ObjectMapper} to read and write
 * them in the JSON forms documented in {@link dev.wuffie.json}: {@link ScoringPolicy}, {@link
 * LedgerEntry} (one line of a ledger file) and {@link ReputationSnapshot}.
 *
 * <pre>{@code
 * ObjectMapper mapper = JsonMapper.builder().addModule(new WuffieModule()).build();
 * ScoringPolicy policy = mapper.readValue(json, ScoringPolicy.class);
 * String back = mapper.writeValueAsString(policy);
 * }</pre>
 *
 * <p>Errors are reported as Jackson's {@code JsonMappingException}, with the location of the bad
 * value and a message that starts with the field's path ({@code solver.damping: ...}). {@link
 * PolicyJson}, {@link LedgerJson} and {@link ReputationJson} are the shortcuts that need no mapper
 * and report errors as {@link dev.wuffie.io.InputFormatException}s naming the file; {@link
 * LedgerJson} also streams a whole ledger file, with limits, into one atomic batch.
 *
 * <p>The module holds no state; one instance may be registered on any number of mappers.
 */
public final class WuffieModule extends com.fasterxml.jackson.databind.Module {

  /** Creates the module. */
  public WuffieModule() {}

  @Override
  public String getModuleName() {
    return "WuffieModule";
  }

  @Override
  public Version version() {
    return Version.unknownVersion();
  }

  @Override
  public void setupModule(SetupContext context) {
    SimpleSerializers serializers = new SimpleSerializers();
    serializers.addSerializer(ScoringPolicy.class, new PolicySerializer());
    serializers.addSerializer(LedgerEntry.class, new LedgerEntrySerializer());
    serializers.addSerializer(ReputationSnapshot.class, new SnapshotSerializer());
    context.addSerializers(serializers);
    SimpleDeserializers deserializers = new SimpleDeserializers();
    deserializers.addDeserializer(ScoringPolicy.class, new PolicyDeserializer());
    deserializers.addDeserializer(LedgerEntry.class, new LedgerEntryDeserializer());
    deserializers.addDeserializer(ReputationSnapshot.class, new SnapshotDeserializer());
    context.addDeserializers(deserializers);
  }
}
