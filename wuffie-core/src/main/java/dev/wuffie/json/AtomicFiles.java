package dev.wuffie.json;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * Writes a file so that readers see either the old content or the new, never a part: the content
 * goes to a temporary file in the target's directory ({@code .name.<random>.tmp}), which is flushed
 * and forced to the device, then moved over the target with {@link StandardCopyOption#ATOMIC_MOVE},
 * and the directory is forced too. If the file system cannot move atomically, the move falls back
 * to a plain {@link StandardCopyOption#REPLACE_EXISTING} move (on POSIX systems a rename, which is
 * atomic anyway). If anything fails, the temporary file is deleted and the target is left as it
 * was.
 *
 * <p>The new file gets the permissions a newly created file gets (the process's umask), not those
 * of the file it replaces. Stateless and thread-safe; two threads writing the same target at once
 * each write their own temporary file, and the last move wins.
 */
final class AtomicFiles {
  private static final int BUFFER = 1 << 16;
  private static final int NAME_ATTEMPTS = 100;

  /** What writes the content. It must not close the stream. */
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /** Writes {@code target} atomically with what {@code content} writes. */
  static void write(Path target, Content content) throws IOException {
    write(target, content, UnaryOperator.identity());
  }

  /**
   * As {@link #write(Path, Content)}, with the stream to the temporary file wrapped by {@code
   * wrapper} first: tests use it to make the stream fail part way.
   */
  static void write(Path target, Content content, UnaryOperator<OutputStream> wrapper)
      throws IOException {
    Path absolute = target.toAbsolutePath();
    Path directory = absolute.getParent();
    Path temporary = createTemporary(directory, absolute.getFileName().toString());
    boolean moved = false;
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        OutputStream out =
            new BufferedOutputStream(wrapper.apply(Channels.newOutputStream(channel)), BUFFER);
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      try {
        Files.move(
            temporary,
            absolute,
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
      forceDirectory(directory);
    } finally {
      if (!moved) {
        Files.deleteIfExists(temporary);
      }
    }
  }

  /** Creates an empty temporary file next to the target, with the default permissions. */
  private static Path createTemporary(Path directory, String name) throws IOException {
    for (int attempt = 1; ; attempt++) {
      Path temporary =
          directory.resolve(
              "."
                  + name
                  + "."
                  + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                  + ".tmp");
      try {
        Files.newByteChannel(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
            .close();
        return temporary;
      } catch (FileAlreadyExistsException e) {
        if (attempt == NAME_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * Forces the directory entry of the move to the device, where the platform can (Linux and macOS
   * can; on Windows a directory cannot be opened, and the move is left to the file system).
   */
  private static void forceDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // not possible on this platform: the file's own content is already forced
    }
  }
}
