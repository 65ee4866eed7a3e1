package dev.wuffie.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reading JSON token by token for the deserializers of this package: typed reads of the current
 * token that fail with the location of the bad value, and the wording of their messages ({@code
 * path: problem; how to fix it}).
 */
final class Tokens {
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
  private static final int SHOWN_TEXT = 40;

  private Tokens() {}

  static void expectObject(JsonParser p, String path, String example) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw fail(
          p, p.currentTokenLocation(), path, "expected " + example + ", found " + describe(p));
    }
  }

  static double readDouble(JsonParser p, String path) throws IOException {
    if (p.currentToken() == null || !p.currentToken().isNumeric()) {
      throw fail(p, p.currentTokenLocation(), path, "expected a number, found " + describe(p));
    }
    double value = p.getDoubleValue();
    if (!Double.isFinite(value)) {
      throw fail(
          p,
          p.currentTokenLocation(),
          path,
          shorten(p.getText()) + " is too large for a double; give a finite number");
    }
    return value;
  }

  static int readInt(JsonParser p, String path) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw fail(
          p, p.currentTokenLocation(), path, "expected a whole number, found " + describe(p));
    }
    if (p.getNumberType() != JsonParser.NumberType.INT) {
      throw fail(
          p,
          p.currentTokenLocation(),
          path,
          shorten(p.getText()) + " is too large; give at most " + Integer.MAX_VALUE);
    }
    return p.getIntValue();
  }

  static long readLong(JsonParser p, String path) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw fail(
          p, p.currentTokenLocation(), path, "expected a whole number, found " + describe(p));
    }
    JsonParser.NumberType type = p.getNumberType();
    if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
      throw fail(
          p,
          p.currentTokenLocation(),
          path,
          shorten(p.getText()) + " is too large; give at most " + Long.MAX_VALUE);
    }
    return p.getLongValue();
  }

  static boolean readBoolean(JsonParser p, String path) throws IOException {
    if (p.currentToken() == null || !p.currentToken().isBoolean()) {
      throw fail(p, p.currentTokenLocation(), path, "expected true or false, found " + describe(p));
    }
    return p.getBooleanValue();
  }

  static String readString(JsonParser p, String path) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw fail(p, p.currentTokenLocation(), path, "expected a string, found " + describe(p));
    }
    return p.getText();
  }

  /** The constant of {@code type} named by the current string token. */
  static <E extends Enum<E>> E readEnum(JsonParser p, String path, Class<E> type)
      throws IOException {
    String text = readString(p, path);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(text)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(
        "unknown "
            + type.getSimpleName().toLowerCase(Locale.ROOT)
            + " \""
            + shorten(text)
            + "\"; use one of "
            + Arrays.stream(type.getEnumConstants())
                .map(Enum::name)
                .collect(Collectors.joining(", ")));
  }

  /** An ISO-8601 instant, such as {@code "2026-11-01T12:00:00Z"}. */
  static Instant readInstant(JsonParser p, String path) throws IOException {
    String text = readString(p, path);
    Instant canonical = IsoInstants.parse(text);
    if (canonical != null) {
      return canonical;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw fail(
          p,
          p.currentTokenLocation(),
          path,
          "\""
              + shorten(text)
              + "\" is not an ISO-8601 instant; write e.g. \"2026-11-01T12:00:00Z\" (UTC), with"
              + " fractional seconds if need be");
    }
  }

  /** What the current token is, for messages: {@code a string ("x")}, {@code an array}. */
  static String describe(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    if (token == null) {
      return "the end of the input";
    }
    return switch (token) {
      case VALUE_STRING -> "a string (\"" + shorten(p.getText()) + "\")";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number (" + shorten(p.getText()) + ")";
      case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> p.getText();
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case END_OBJECT -> "the end of the object";
      case END_ARRAY -> "the end of an array";
      case FIELD_NAME -> "the field \"" + shorten(p.currentName()) + "\"";
      default -> token.toString();
    };
  }

  /** {@code text}, cut to its first 40 characters for a message. */
  static String shorten(String text) {
    return text.length() <= SHOWN_TEXT ? text : text.substring(0, SHOWN_TEXT) + "...";
  }

  /** The message for an unknown field, with a suggestion when one of {@code known} is close. */
  static String unknownField(String name, String what, List<String> known) {
    String suggestion = "";
    for (String candidate : known) {
      if (candidate.equalsIgnoreCase(name) || editDistance(candidate, name) <= 2) {
        suggestion = " (did you mean \"" + candidate + "\"?)";
        break;
      }
    }
    return "unknown field \""
        + shorten(name)
        + "\""
        + suggestion
        + "; "
        + what
        + " has the fields "
        + String.join(", ", known);
  }

  private static int editDistance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 2) {
      return Integer.MAX_VALUE; // far apart; and an unknown field name may be long
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** The path of {@code key} inside {@code path}: {@code kinds.upvote} or {@code kinds["a b"]}. */
  static String child(String path, String key) {
    return PLAIN_KEY.matcher(key).matches()
        ? (path.isEmpty() ? key : path + "." + key)
        : path + "[\"" + shorten(key).replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
  }

  /** An error at {@code at}; the message starts with {@code path} when there is one. */
  static JsonMappingException fail(JsonParser p, JsonLocation at, String path, String problem) {
    return new JsonMappingException(p, path.isEmpty() ? problem : path + ": " + problem, at);
  }
}
