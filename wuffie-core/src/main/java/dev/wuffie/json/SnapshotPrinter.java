package dev.wuffie.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Lays out a reputation snapshot for people as well as programs: objects indented by two spaces,
 * one field per line, as {@link PolicyJson} writes them, except the objects inside an array (the
 * contributors' standings), which take one line each. {@code "name": value}, {@code \n} line ends.
 * Holds the nesting of the document being written: one instance per generator.
 */
final class SnapshotPrinter implements PrettyPrinter {
  /** The open containers, innermost first. */
  private final Deque<Container> open = new ArrayDeque<>();

  private int depth; // open containers that are not on one line

  private enum Container {
    OBJECT,
    ARRAY,
    ONE_LINE_OBJECT
  }

  @Override
  public void writeRootValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw('\n');
  }

  @Override
  public void writeStartObject(JsonGenerator g) throws IOException {
    open(open.peek() == Container.ARRAY ? Container.ONE_LINE_OBJECT : Container.OBJECT);
    g.writeRaw('{');
  }

  @Override
  public void beforeObjectEntries(JsonGenerator g) throws IOException {
    if (open.element() != Container.ONE_LINE_OBJECT) {
      newLine(g);
    }
  }

  @Override
  public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(": ");
  }

  @Override
  public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
    g.writeRaw(',');
    if (open.element() == Container.ONE_LINE_OBJECT) {
      g.writeRaw(' ');
    } else {
      newLine(g);
    }
  }

  @Override
  public void writeEndObject(JsonGenerator g, int entries) throws IOException {
    close(g, entries);
    g.writeRaw('}');
  }

  @Override
  public void writeStartArray(JsonGenerator g) throws IOException {
    open(Container.ARRAY);
    g.writeRaw('[');
  }

  @Override
  public void beforeArrayValues(JsonGenerator g) throws IOException {
    newLine(g);
  }

  @Override
  public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(',');
    newLine(g);
  }

  @Override
  public void writeEndArray(JsonGenerator g, int values) throws IOException {
    close(g, values);
    g.writeRaw(']');
  }

  private void open(Container container) {
    open.push(container);
    if (container != Container.ONE_LINE_OBJECT) {
      depth++;
    }
  }

  private void close(JsonGenerator g, int entries) throws IOException {
    if (open.pop() != Container.ONE_LINE_OBJECT) {
      depth--;
      if (entries > 0) {
        newLine(g);
      }
    }
  }

  private void newLine(JsonGenerator g) throws IOException {
    g.writeRaw('\n');
    for (int i = 0; i < depth; i++) {
      g.writeRaw("  ");
    }
  }
}
