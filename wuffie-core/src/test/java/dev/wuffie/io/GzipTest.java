package dev.wuffie.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class GzipTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"", "a", "a,b\n", "\u001f", "\u001fx", "\u008b\u001f"})
  void decompressing_plainInput_returnsItsBytes(String latin1) throws IOException {
    byte[] bytes = latin1.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    try (InputStream in = Gzip.decompressing(new ByteArrayInputStream(bytes), "x")) {
      assertThat(in.readAllBytes()).isEqualTo(bytes);
    }
  }

  @Test
  void decompressing_gzipInput_returnsTheDecompressedBytes() throws IOException {
    byte[] text = "a,b,1\n".repeat(10_000).getBytes(UTF_8);

    try (InputStream in = Gzip.decompressing(new ByteArrayInputStream(gzip(text)), "x")) {
      assertThat(in.readAllBytes()).isEqualTo(text);
    }
  }

  @Test
  void decompressing_brokenHeader_throwsNamingTheSource() {
    byte[] header = {0x1f, (byte) 0x8b, 8};

    assertThatThrownBy(() -> Gzip.decompressing(new ByteArrayInputStream(header), "edges.csv.gz"))
        .isInstanceOf(InputFormatException.class)
        .hasMessageStartingWith("edges.csv.gz: broken gzip header (");
  }

  @Test
  void decompressing_brokenData_throwsWhenRead() throws IOException {
    byte[] body = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0}; // 7: a bad block type

    try (InputStream in = Gzip.decompressing(new ByteArrayInputStream(body), "x")) {
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(ZipException.class)
          .hasMessage("invalid block type");
    }
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }
}
