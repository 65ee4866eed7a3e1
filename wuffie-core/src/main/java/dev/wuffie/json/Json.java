package dev.wuffie.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.wuffie.io.InputFormatException;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The mapper behind the entry points of this package, with {@link WuffieModule}, and the reading of
 * one JSON document with errors turned into {@link InputFormatException}s naming the source, line
 * and column. Shared by every entry point; safe to use from many threads.
 */
final class Json {
  static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new WuffieModule()).build();

  /** Writes two-space indented JSON, {@code "name": value}, with {@code \n} line ends. */
  static final ObjectWriter PRETTY =
      MAPPER.writer(
          new DefaultPrettyPrinter()
              .withSeparators(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
              .withObjectIndenter(new DefaultIndenter("  ", "\n")));

  private static final Pattern START_MARKER = Pattern.compile(" \\(start marker at \\[.*\\]\\)");
  private static final Pattern NON_NUMERIC =
      Pattern.compile(": enable `JsonReadFeature\\.ALLOW_NON_NUMERIC_NUMBERS` to allow");

  private Json() {}

  /**
   * Reads one value of {@code type} from {@code parser} (closed afterwards): the whole input must
   * be exactly one JSON value, and not null.
   *
   * @param what what the value is, for messages: {@code "a policy"}
   * @param hint how to make one, for messages about a missing value: {@code "{} for every default"}
   * @throws InputFormatException if the input is empty, not JSON (or not UTF-8), not a valid value,
   *     or followed by more content
   * @throws IOException if reading fails
   */
  static <T> T readOne(JsonParser parser, String source, Class<T> type, String what, String hint)
      throws IOException {
    try (JsonParser p = parser) {
      if (p.nextToken() == null) {
        throw new InputFormatException(
            source, 0, 0, "no JSON found; " + what + " is a JSON object, " + hint);
      }
      JsonLocation start = p.currentTokenLocation();
      T value = MAPPER.readValue(p, type);
      if (value == null) {
        throw error(source, start, what + " is a JSON object, found null; " + hint);
      }
      if (p.nextToken() != null) {
        throw error(
            source,
            p.currentTokenLocation(),
            "more content after the end of " + what + "; the input holds exactly one JSON object");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw error(source, e.getLocation(), problem(e));
    } catch (CharConversionException e) {
      // Jackson guessed UTF-16 or UTF-32 from the first bytes, and they did not decode
      throw new InputFormatException(
          source, 0, 0, "not valid UTF-8 text (" + e.getMessage() + "); save the file as UTF-8");
    }
  }

  /**
   * Jackson's message for {@code e}, without the notes meant for programmers: where an unclosed
   * object started (its location is already in the message of the exception this becomes) and which
   * parser feature would allow a non-standard token.
   */
  static String problem(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    message = START_MARKER.matcher(message).replaceAll("");
    return NON_NUMERIC
        .matcher(message)
        .replaceAll(": JSON has no NaN or Infinity; give a finite number");
  }

  private static InputFormatException error(String source, JsonLocation at, String problem) {
    long line = at == null ? 0 : Math.max(0, at.getLineNr());
    long column = at == null ? 0 : Math.max(0, at.getColumnNr());
    return new InputFormatException(source, line, column, problem);
  }
}
