package dev.wuffie.jdbc;

import dev.wuffie.Ledger;
import dev.wuffie.json.LedgerJson;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A source's checkpoint file: a zip archive of two entries, {@value #LEDGER} (the ledger as {@link
 * LedgerJson} lines) and {@value #STATE} (the source's cursors, the ledger event of each site event
 * id, the contributions, merges and skipped rows), written atomically.
 *
 * <p>{@value #STATE} is UTF-8 text, one item a line, its fields separated by spaces, text fields
 * URL-encoded: {@code wuffie-jdbc checkpoint 1}, then {@code cursor <query> <value>}, {@code event
 * <ledger event> n <integer id>} or {@code event <ledger event> t <text id>} (a negative ledger
 * event {@code ~e} is event {@code e}, retracted), {@code contribution <id>}, {@code merge <alias>
 * <person>} and {@code skipped <key>}.
 */
final class Checkpoint {
  static final String LEDGER = "ledger.jsonl";
  static final String STATE = "source.txt";
  private static final String HEADER = "wuffie-jdbc checkpoint 1";

  private Checkpoint() {}

  /** Writes {@code ledger} and {@code state} to {@code path}, atomically. */
  static void write(Path path, Ledger ledger, SourceState state) throws IOException {
    Path target = path.toAbsolutePath();
    Path temporary =
        Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ZipOutputStream zip = new ZipOutputStream(Channels.newOutputStream(channel));
        zip.putNextEntry(new ZipEntry(LEDGER));
        LedgerJson.write(ledger.snapshot(), new Unclosed(zip));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(STATE));
        Writer text =
            new BufferedWriter(new OutputStreamWriter(new Unclosed(zip), StandardCharsets.UTF_8));
        writeState(text, state);
        text.flush();
        zip.closeEntry();
        zip.finish();
        channel.force(true);
      }
      try {
        Files.move(
            temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Reads the checkpoint at {@code path}: applies its ledger to {@code ledger} (empty) and returns
   * its state.
   *
   * @throws IOException if the file cannot be read, is no checkpoint, or its parts do not match
   */
  static SourceState read(Path path, Ledger ledger) throws IOException {
    try (ZipFile zip = new ZipFile(path.toFile(), StandardCharsets.UTF_8)) {
      ZipEntry stateEntry = zip.getEntry(STATE);
      ZipEntry ledgerEntry = zip.getEntry(LEDGER);
      if (stateEntry == null || ledgerEntry == null) {
        throw new IOException(
            path
                + " is no wuffie-jdbc checkpoint: it lacks "
                + (stateEntry == null ? STATE : LEDGER));
      }
      SourceState state;
      try (InputStream in = zip.getInputStream(stateEntry)) {
        state = readState(in, path);
      }
      try (InputStream in = zip.getInputStream(ledgerEntry)) {
        LedgerJson.builder()
            .maxEntries(Integer.MAX_VALUE)
            .build()
            .read(in, path + "!" + LEDGER, ledger);
      }
      long events = ledger.eventCount();
      Object[] beyond = new Object[2];
      state.forEachEvent(
          (key, event) -> {
            int e = event < 0 ? ~event : event;
            if (e >= events && beyond[0] == null) {
              beyond[0] = key;
              beyond[1] = e;
            }
          });
      if (beyond[0] != null) {
        throw new IOException(
            String.format(
                "%s names ledger event %s for site event id %s, but its ledger has %d events: the"
                    + " file is damaged; the ledger now holds its entries, so restore into a new"
                    + " one",
                path, beyond[1], beyond[0], events));
      }
      return state;
    } catch (ZipException e) {
      throw new IOException(path + " is no wuffie-jdbc checkpoint: " + e.getMessage(), e);
    }
  }

  private static void writeState(Writer out, SourceState state) throws IOException {
    out.write(HEADER + "\n");
    for (Query query : Query.values()) {
      out.write("cursor " + query.label + " " + state.cursors[query.ordinal()] + "\n");
    }
    IOException[] failure = new IOException[1];
    state.forEachEvent(
        (key, event) -> {
          try {
            out.write(
                "event "
                    + event
                    + (key instanceof Long ? " n " + key : " t " + encode((String) key))
                    + "\n");
          } catch (IOException e) {
            failure[0] = e;
          }
        });
    if (failure[0] != null) {
      throw failure[0];
    }
    for (String contribution : state.contributions) {
      out.write("contribution " + encode(contribution) + "\n");
    }
    for (var merge : state.merges.entrySet()) {
      out.write("merge " + encode(merge.getKey()) + " " + encode(merge.getValue()) + "\n");
    }
    for (String skipped : state.skipped) {
      out.write("skipped " + encode(skipped) + "\n");
    }
  }

  private static SourceState readState(InputStream in, Path path) throws IOException {
    SourceState state = new SourceState();
    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line = lines.readLine();
    if (!HEADER.equals(line)) {
      throw new IOException(
          String.format(
              "%s!%s line 1: expected '%s'; this is no wuffie-jdbc checkpoint of this version",
              path, STATE, HEADER));
    }
    int number = 1;
    while ((line = lines.readLine()) != null) {
      number++;
      String[] f = line.split(" ");
      try {
        switch (f[0]) {
          case "cursor" -> state.cursors[query(f[1]).ordinal()] = Long.parseLong(f[2]);
          case "event" ->
              state.putEvent(
                  f[2].equals("n") ? (Object) Long.parseLong(f[3]) : decode(f[3]),
                  Integer.parseInt(f[1]));
          case "contribution" -> state.contributions.add(decode(f[1]));
          case "merge" -> state.merges.put(decode(f[1]), decode(f[2]));
          case "skipped" -> state.skipped.add(decode(f[1]));
          default -> throw new IllegalArgumentException("unknown item '" + f[0] + "'");
        }
      } catch (RuntimeException e) {
        throw new IOException(
            String.format(
                "%s!%s line %d: cannot read '%s': %s", path, STATE, number, line, e.getMessage()),
            e);
      }
    }
    return state;
  }

  private static Query query(String label) {
    for (Query query : Query.values()) {
      if (query.label.equals(label)) {
        return query;
      }
    }
    throw new IllegalArgumentException("unknown query '" + label + "'");
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  /** A stream that leaves the one it writes to open when closed. */
  private static final class Unclosed extends FilterOutputStream {
    Unclosed(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
