package dev.wuffie.json;

import dev.wuffie.Endorsement;
import dev.wuffie.LedgerEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads a line of a ledger file that is in the exact form {@link LedgerJson#write} gives the
 * entries of nearly every line: an endorsement event, a contribution, a contributor or a
 * retraction, with the fields in the writer's order, no spaces, and no escapes in strings. Such a
 * line is read here straight from its UTF-8 bytes, several times faster than through Jackson; any
 * other line (other spacing or field order, an escape, a merge, a value out of range or a mistake)
 * gets null, and the caller reads it with the full deserializer, which reads every form and
 * explains every mistake. A line read here gives the entry the full deserializer would give.
 *
 * <p>An endorsement's kind is mostly the kind of the line before: it is then the same String, which
 * the ledger finds without hashing it again; other ids come from {@link ShortIds}, for the same
 * reason. One instance reads the lines of one file, one at a time. Not thread-safe.
 */
final class CanonicalLine {
  private static final int LONGEST_NUMBER = 32;

  private final int maxIdLength;
  private byte[] text;
  private int at;
  private int end;
  private String lastKind = ""; // the kind of the event before, or ""
  private final ShortIds shortIds = new ShortIds();

  /** A reader refusing ids longer than {@code maxIdLength}. */
  CanonicalLine(int maxIdLength) {
    this.maxIdLength = maxIdLength;
  }

  /**
   * The entry on the line {@code line[from, to)}, valid UTF-8, or null if it is not in the form
   * above.
   */
  LedgerEntry read(byte[] line, int from, int to) {
    text = line;
    at = from;
    end = to;
    try {
      LedgerEntry entry = entry();
      return entry != null && take('}') && at == end ? entry : null;
    } catch (IllegalArgumentException e) {
      return null; // refused by a constructor: the full deserializer says where and why
    }
  }

  private LedgerEntry entry() {
    if (!take('{')) {
      return null;
    }
    String siteId = null;
    if (take("\"id\":")) {
      siteId = string(false);
      if (siteId == null || !take(',')) {
        return null;
      }
    }
    if (take("\"endorser\":")) {
      return event(siteId);
    } else if (siteId != null) {
      return null;
    } else if (take("\"contributor\":")) {
      String id = string();
      return id == null ? null : LedgerEntry.contributor(id);
    } else if (take("\"retract\":")) {
      return retraction();
    } else if (take("\"contribution\":")) {
      return contribution();
    }
    return null;
  }

  private LedgerEntry contribution() {
    String id = string();
    if (id == null || !take(",\"time\":")) {
      return null;
    }
    Instant time = time();
    if (time == null || !take(",\"authors\":{")) {
      return null;
    }
    Map<String, Double> shares = new LinkedHashMap<>();
    if (!take('}')) {
      do {
        String author = string();
        if (author == null || !take(':')) {
          return null;
        }
        double share = number();
        if (!Double.isFinite(share) || shares.put(author, share) != null) {
          return null; // out of range, or an author given twice: the full reader says which
        }
      } while (take(','));
      if (!take('}')) {
        return null;
      }
    }
    if (!take(",\"tags\":[")) {
      return LedgerEntry.contribution(id, time, shares);
    }
    Set<String> tags = new LinkedHashSet<>();
    do {
      String tag = string();
      if (tag == null || !plainTag(tag) || !tags.add(tag)) {
        return null; // the full reader says what is wrong
      }
    } while (take(','));
    return take(']') ? new LedgerEntry.Contribution(id, time, shares, tags) : null;
  }

  /** Whether {@code tag} is a tag a contribution accepts: no whitespace, no comma. */
  private static boolean plainTag(String tag) {
    for (int i = 0; i < tag.length(); i++) {
      char c = tag.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == ',') {
        return false;
      }
    }
    return true;
  }

  /** A time in quotes, in the form {@link IsoInstants} reads, or null. */
  private Instant time() {
    if (!take('"')) {
      return null;
    }
    int from = at;
    while (at < end && text[at] != '"') {
      at++;
    }
    Instant time = IsoInstants.parse(text, from, at);
    return time != null && take('"') ? time : null;
  }

  private LedgerEntry event(String siteId) {
    String endorser = string();
    if (endorser == null || !take(',')) {
      return null;
    }
    boolean toContribution;
    if (take("\"target\":")) {
      toContribution = false;
    } else if (take("\"contribution\":")) {
      toContribution = true;
    } else {
      return null;
    }
    String target = string();
    if (target == null || !take(",\"kind\":")) {
      return null;
    }
    String kind = kind();
    if (kind == null || !take(',')) {
      return null;
    }
    OptionalDouble value = OptionalDouble.empty();
    if (take("\"value\":")) {
      double v = number();
      if (!Double.isFinite(v) || !take(',')) {
        return null;
      }
      value = OptionalDouble.of(v);
    }
    Instant time = take("\"time\":") ? time() : null;
    if (time == null) {
      return null;
    }
    return new LedgerEntry.Event(
        new Endorsement(endorser, target, toContribution, kind, value, time), siteId);
  }

  private LedgerEntry retraction() {
    int from = at;
    long id = 0;
    while (at < end && text[at] >= '0' && text[at] <= '9') {
      id = 10 * id + (text[at++] - '0');
    }
    int digits = at - from;
    if (digits == 0 || digits > 18 || (digits > 1 && text[from] == '0')) {
      return null; // no digits, a leading zero or a long number: Jackson's rules apply
    }
    return LedgerEntry.retraction(id);
  }

  /** A string as {@link #string()} reads it: the String of the kind before if it is the same. */
  private String kind() {
    int length = lastKind.length();
    if (length > 0 && end - at > length + 1 && text[at] == '"' && text[at + length + 1] == '"') {
      int i = 0;
      while (i < length && text[at + 1 + i] == lastKind.charAt(i)) {
        i++;
      }
      if (i == length) {
        at += length + 2;
        return lastKind;
      }
    }
    String kind = string();
    if (kind != null) {
      lastKind = kind;
    }
    return kind;
  }

  /**
   * A JSON string without escapes or control characters, 1 to {@code maxIdLength} characters long,
   * or null.
   */
  private String string() {
    return string(true);
  }

  /** As {@link #string()}; a short ASCII id from {@link #shortIds} if {@code shared}. */
  private String string(boolean shared) {
    if (!take('"')) {
      return null;
    }
    int from = at;
    boolean ascii = true;
    for (; at < end; at++) {
      byte c = text[at];
      if (c == '"') {
        int length = at - from;
        at++;
        if (length == 0 || (ascii && length > maxIdLength)) {
          return null;
        } else if (ascii && shared) {
          return shortIds.id(text, from, at - 1);
        }
        String s =
            new String(
                text, from, length, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        return s.length() > maxIdLength ? null : s;
      } else if (c == '\\' || (c >= 0 && c < ' ')) {
        return null;
      }
      ascii &= c >= 0;
    }
    return null;
  }

  /**
   * A number in JSON's grammar, read as Jackson reads it (a whole number as a long, then
   * converted), or NaN if there is none or it is longer than this reader takes.
   */
  private double number() {
    int from = at;
    take('-');
    int whole = at;
    if (!digits() || (text[whole] == '0' && at - whole > 1)) {
      return Double.NaN; // no digits, or a leading zero
    }
    boolean integral = true;
    if (take('.')) {
      integral = false;
      if (!digits()) {
        return Double.NaN;
      }
    }
    if (take('e') || take('E')) {
      integral = false;
      if (!take('+')) {
        take('-');
      }
      if (!digits()) {
        return Double.NaN;
      }
    }
    int length = at - from;
    if (length > (integral ? 18 : LONGEST_NUMBER)) {
      return Double.NaN;
    }
    String number = new String(text, from, length, StandardCharsets.ISO_8859_1);
    return integral ? (double) Long.parseLong(number) : Double.parseDouble(number);
  }

  /** Skips one or more digits; false if there is none. */
  private boolean digits() {
    int from = at;
    while (at < end && text[at] >= '0' && text[at] <= '9') {
      at++;
    }
    return at > from;
  }

  private boolean take(char c) {
    if (at < end && text[at] == c) {
      at++;
      return true;
    }
    return false;
  }

  private boolean take(String s) {
    int n = s.length();
    if (end - at < n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (text[at + i] != s.charAt(i)) {
        return false;
      }
    }
    at += n;
    return true;
  }
}
