package dev.wuffie.io;

import java.io.ByteArrayInputStream;
import java.util.Random;

/**
 * Serves a byte array in reads of random sizes from 1 to {@code maxRead} bytes, so that lines,
 * headers and line ends arrive split across reads.
 */
final class ChunkedInputStream extends ByteArrayInputStream {
  private final Random random;
  private final int maxRead;

  ChunkedInputStream(byte[] bytes, int maxRead, long seed) {
    super(bytes);
    this.maxRead = maxRead;
    this.random = new Random(seed);
  }

  @Override
  public synchronized int read(byte[] b, int off, int len) {
    return super.read(b, off, Math.min(len, 1 + random.nextInt(maxRead)));
  }
}
