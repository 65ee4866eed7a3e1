package dev.wuffie.json;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.io.InputFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes a {@link ScoringPolicy} as JSON, in the format documented in {@link
 * dev.wuffie.json}: every field optional, unknown fields refused, errors reported with the file,
 * line, column and field.
 *
 * <pre>{@code
 * ScoringPolicy policy = PolicyJson.read(Path.of("policy.json"));
 * String json = PolicyJson.write(policy); // PolicyJson.read(json) equals policy
 * }</pre>
 *
 * <p>{@link #write} emits every field, so that reading the text back gives an equal policy; only
 * the stock saturations and decays can be written. To read or write policies as part of larger
 * documents, register a {@link WuffieModule} on your own {@code ObjectMapper} instead.
 *
 * <p>Stateless and thread-safe.
 */
public final class PolicyJson {
  /** The name {@link #read(String)} gives its input in error messages. */
  public static final String STRING_SOURCE = "<string>";

  private static final String WHAT = "a policy";
  private static final String HINT = "{} for every default";

  private PolicyJson() {}

  /**
   * Reads the policy in the JSON file {@code path} (UTF-8).
   *
   * @throws java.nio.file.NoSuchFileException if there is no such file
   * @throws InputFormatException if the file is not a valid policy; the message names the file, the
   *     line and column, the field, what was wrong and how to fix it
   * @throws IOException if reading fails
   */
  public static ScoringPolicy read(Path path) throws IOException {
    checkNotNull(path, "path is null");
    try (InputStream in = Files.newInputStream(path)) {
      return Json.readOne(
          Json.MAPPER.createParser(in), path.toString(), ScoringPolicy.class, WHAT, HINT);
    }
  }

  /**
   * Reads the policy in {@code in} (UTF-8 JSON, read to its end and closed), naming it {@code
   * source} in error messages: for a policy that is no file, such as a class-path resource.
   *
   * @param source what {@code in} reads, for messages: a URL, a resource name
   * @throws InputFormatException if the input is not a valid policy; the message names {@code
   *     source}, the line and column, the field, what was wrong and how to fix it
   * @throws IOException if reading fails
   */
  public static ScoringPolicy read(InputStream in, String source) throws IOException {
    checkNotNull(in, "in is null");
    checkNotNull(source, "source is null");
    try (InputStream input = in) {
      return Json.readOne(Json.MAPPER.createParser(input), source, ScoringPolicy.class, WHAT, HINT);
    }
  }

  /**
   * Reads a policy from JSON text.
   *
   * @throws InputFormatException if the text is not a valid policy; the message names the source as
   *     {@value #STRING_SOURCE}, with the line and column, the field, what was wrong and how to fix
   *     it
   */
  public static ScoringPolicy read(String json) throws InputFormatException {
    checkNotNull(json, "json is null");
    try {
      return Json.readOne(
          Json.MAPPER.createParser(json), STRING_SOURCE, ScoringPolicy.class, WHAT, HINT);
    } catch (InputFormatException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("reading a String failed", e); // a String cannot fail to read
    }
  }

  /**
   * Writes {@code policy} as indented JSON with every field.
   *
   * @throws IllegalArgumentException if its saturation or decay is a custom implementation, which
   *     has no JSON form
   */
  public static String write(ScoringPolicy policy) {
    checkNotNull(policy, "policy is null");
    PolicyFormat.checkWritable(policy);
    try {
      return Json.PRETTY.writeValueAsString(policy);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing " + policy + " failed", e);
    }
  }
}
