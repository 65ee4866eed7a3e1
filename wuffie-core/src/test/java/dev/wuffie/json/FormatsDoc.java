package dev.wuffie.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code docs/formats.md}, the formats' specification, for the tests that keep it true. */
final class FormatsDoc {
  private FormatsDoc() {}

  /** The whole document. */
  static String text() {
    try {
      return Files.readString(Path.of("../docs/formats.md"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fenced code blocks of the section headed {@code ## heading}, without their fences. */
  static List<String> blocks(String heading) {
    String text = text();
    int start = text.indexOf("\n## " + heading + "\n");
    if (start < 0) {
      throw new AssertionError("docs/formats.md has no section '## " + heading + "'");
    }
    int end = text.indexOf("\n## ", start + 1);
    String section = text.substring(start, end < 0 ? text.length() : end);
    List<String> blocks = new ArrayList<>();
    for (int open = section.indexOf("\n```"); open >= 0; ) {
      int body = section.indexOf('\n', open + 1) + 1;
      int close = section.indexOf("\n```", body - 1);
      blocks.add(section.substring(body, close + 1));
      open = section.indexOf("\n```", close + 4);
    }
    return blocks;
  }
}
