package dev.wuffie.io;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads gzip-compressed input transparently: the readers of edge lists, seed lists and ledgers open
 * their input through {@link #decompressing}, so that a file may be plain or gzip whatever its
 * name.
 *
 * <pre>{@code
 * try (InputStream in = Gzip.decompressing(Files.newInputStream(path), path.toString())) {
 *   // read text from in
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Gzip {
  /** The first two bytes of every gzip stream (RFC 1952). */
  private static final int MAGIC_0 = 0x1f;

  private static final int MAGIC_1 = 0x8b;
  private static final int BUFFER = 1 << 16;

  private Gzip() {}

  /**
   * Returns {@code in} itself, or, if it starts with gzip's magic bytes {@code 1f 8b}, a stream of
   * its decompressed bytes. Closing the returned stream closes {@code in}.
   *
   * <p>Reading the returned stream of broken gzip data throws a {@link ZipException} or an {@link
   * EOFException}: a reader that counts lines reports it as {@code "broken gzip data after line
   * N"}.
   *
   * @param source names the input in error messages
   * @throws InputFormatException if the gzip header is broken (cut short or corrupt), naming {@code
   *     source}
   * @throws IOException if reading the first bytes fails
   */
  public static InputStream decompressing(InputStream in, String source) throws IOException {
    checkNotNull(in, "input stream is null");
    checkNotNull(source, "source name is null");
    PushbackInputStream peekable = new PushbackInputStream(in, 2);
    byte[] magic = peekable.readNBytes(2);
    peekable.unread(magic);
    if (magic.length < 2 || (magic[0] & 0xff) != MAGIC_0 || (magic[1] & 0xff) != MAGIC_1) {
      return peekable;
    }
    try {
      return new GZIPInputStream(peekable, BUFFER);
    } catch (ZipException | EOFException e) {
      throw new InputFormatException(source, 0, "broken gzip header (" + e.getMessage() + ")");
    }
  }
}
