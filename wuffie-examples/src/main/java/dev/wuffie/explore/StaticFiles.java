package dev.wuffie.explore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The page's files, read from the class path under {@value #BASE}: {@code /} is {@code index.html},
 * {@code /assets/NAME} the file NAME. A name is one or more segments of letters, digits, {@code _ -
 * .} that do not start with a dot, so no path leaves the folder; only files of the extensions in
 * {@link #contentType(String)}'s table are served.
 *
 * <p>Stateless and thread-safe.
 */
final class StaticFiles {
  /** The class-path folder of the page's files. */
  static final String BASE = "dev/wuffie/explore/web/";

  private static final String ASSETS = "/assets/";
  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("json", "application/json; charset=utf-8"),
          Map.entry("map", "application/json; charset=utf-8"),
          Map.entry("txt", "text/plain; charset=utf-8"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("woff2", "font/woff2"));

  private StaticFiles() {}

  /** A file to serve: its bytes and content type. */
  record File(byte[] bytes, String contentType) {}

  /** The file at the request path {@code rawPath}, or null if there is none. */
  static File find(String rawPath) {
    String name;
    if (rawPath.equals("/") || rawPath.equals("/index.html")) {
      name = "index.html";
    } else if (rawPath.startsWith(ASSETS)) {
      name = rawPath.substring(ASSETS.length());
    } else {
      return null;
    }
    String type = contentType(name);
    if (!NAME.matcher(name).matches() || type == null) {
      return null;
    }
    try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(BASE + name)) {
      if (in == null) {
        return null;
      }
      return new File(in.readAllBytes(), type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + BASE + name, e);
    }
  }

  /**
   * The content type of a file, by its extension; null for an extension not served (and for a
   * folder, which has none).
   */
  static String contentType(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
