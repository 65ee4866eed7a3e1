package dev.wuffie.json;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.wuffie.io.InputFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Reads and writes a {@link ReputationSnapshot} as JSON, in the format documented in {@link
 * dev.wuffie.json}: indented, one contributor per line, doubles written so that they read back to
 * the same bits; {@code read(write(s))} equals {@code s}.
 *
 * <pre>{@code
 * ReputationJson.write(ReputationSnapshot.of(reputation, Instant.now()), Path.of("reputation.json"));
 * ReputationSnapshot latest = ReputationJson.read(Path.of("reputation.json"));
 * }</pre>
 *
 * <p>{@link #write(ReputationSnapshot, Path)} is atomic: it writes a temporary file in the same
 * directory, forces it to the device and moves it over the target, so a reader or a crash sees the
 * old snapshot or the new one, never a part. Errors in a snapshot being read are reported as an
 * {@link InputFormatException} naming the file, line, column and field.
 *
 * <p>Stateless and thread-safe.
 */
public final class ReputationJson {
  /** The name {@link #read(String)} gives its input in error messages. */
  public static final String STRING_SOURCE = "<string>";

  private static final String WHAT = "a reputation snapshot";
  private static final String HINT = "write one with ReputationJson.write";

  private ReputationJson() {}

  /**
   * Reads the snapshot in the JSON file {@code path} (UTF-8).
   *
   * @throws java.nio.file.NoSuchFileException if there is no such file
   * @throws InputFormatException if the file is not a valid snapshot; the message names the file,
   *     the line and column, the field, what was wrong and how to fix it
   * @throws IOException if reading fails
   */
  public static ReputationSnapshot read(Path path) throws IOException {
    checkNotNull(path, "path is null");
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, path.toString());
    }
  }

  /**
   * Reads a snapshot from {@code in} (not closed), naming it {@code source} in messages.
   *
   * @throws InputFormatException if the input is not a valid snapshot
   * @throws IOException if reading fails
   */
  public static ReputationSnapshot read(InputStream in, String source) throws IOException {
    checkNotNull(in, "input stream is null");
    checkNotNull(source, "source name is null");
    return Json.readOne(Json.MAPPER.createParser(in), source, ReputationSnapshot.class, WHAT, HINT);
  }

  /**
   * Reads a snapshot from JSON text.
   *
   * @throws InputFormatException if the text is not a valid snapshot; the message names the source
   *     as {@value #STRING_SOURCE}, with the line and column
   */
  public static ReputationSnapshot read(String json) throws InputFormatException {
    checkNotNull(json, "json is null");
    try {
      return Json.readOne(
          Json.MAPPER.createParser(json), STRING_SOURCE, ReputationSnapshot.class, WHAT, HINT);
    } catch (InputFormatException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("reading a String failed", e); // a String cannot fail to read
    }
  }

  /**
   * {@code snapshot} as indented JSON text, without a final line end.
   *
   * @throws IllegalArgumentException if its policy has a custom saturation or decay, which has no
   *     JSON form
   */
  public static String write(ReputationSnapshot snapshot) {
    StringWriter out = new StringWriter();
    try {
      write(snapshot, out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a String failed", e); // it cannot
    }
    return out.toString();
  }

  /**
   * Writes {@code snapshot} to the file {@code path} atomically (see the class javadoc), with a
   * final line end. Where the file system cannot move atomically, the move replaces the file
   * non-atomically. If writing fails, {@code path} is left as it was and the temporary file is
   * deleted.
   *
   * @throws IllegalArgumentException if its policy has a custom saturation or decay; nothing is
   *     written then
   * @throws IOException if writing, forcing or moving fails
   */
  public static void write(ReputationSnapshot snapshot, Path path) throws IOException {
    write(snapshot, path, UnaryOperator.identity());
  }

  /** As {@link #write(ReputationSnapshot, Path)}, with the file's stream wrapped (for tests). */
  static void write(ReputationSnapshot snapshot, Path path, UnaryOperator<OutputStream> wrapper)
      throws IOException {
    checkWritable(snapshot);
    checkNotNull(path, "path is null");
    AtomicFiles.write(path, out -> write(snapshot, out), wrapper);
  }

  /**
   * Writes {@code snapshot} to {@code out} (flushed, not closed) as UTF-8, with a final line end.
   *
   * @throws IllegalArgumentException if its policy has a custom saturation or decay; nothing is
   *     written then
   * @throws IOException if writing fails
   */
  public static void write(ReputationSnapshot snapshot, OutputStream out) throws IOException {
    checkWritable(snapshot);
    checkNotNull(out, "output stream is null");
    try (JsonGenerator g = generator(Json.MAPPER.getFactory().createGenerator(out))) {
      Json.MAPPER.writeValue(g, snapshot);
      g.writeRaw('\n');
    }
  }

  private static void write(ReputationSnapshot snapshot, Writer out) throws IOException {
    checkWritable(snapshot);
    try (JsonGenerator g = generator(Json.MAPPER.getFactory().createGenerator(out))) {
      Json.MAPPER.writeValue(g, snapshot);
    }
  }

  private static JsonGenerator generator(JsonGenerator g) {
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.setPrettyPrinter(new SnapshotPrinter());
    return g;
  }

  private static void checkWritable(ReputationSnapshot snapshot) {
    checkNotNull(snapshot, "snapshot is null");
    snapshot.policy().ifPresent(PolicyFormat::checkWritable);
  }
}
