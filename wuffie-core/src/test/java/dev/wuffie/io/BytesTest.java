package dev.wuffie.io;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class BytesTest {

  @Test
  void plainDecimal_randomDecimals_sameDoubleAsParseDouble() {
    Random random = new Random(1);
    int fast = 0;
    int tried = 0;
    for (int n = 0; n < 500_000; n++) {
      String text = randomDecimal(random);
      double value = plainDecimal(text);
      if (!Double.isNaN(value)) {
        assertThat(Double.doubleToRawLongBits(value))
            .as(text)
            .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
        fast++;
      }
      tried++;
    }
    // most of them are short enough for the fast path: it is the one being tested
    assertThat(fast).isGreaterThan(tried / 2);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "0",
        "-0",
        "+0",
        "-0.0",
        "7",
        "+7",
        "-7",
        ".5",
        "-.5",
        "5.",
        "007",
        "0.1",
        "0.3",
        "1289241911.72836",
        "1289241911.728360",
        "9007199254740992",
        "900719925474099.2",
        "0.00000000000000001",
        "000000000000000001",
        "4.35",
        "123456.789012"
      })
  void plainDecimal_plainDecimals_sameDoubleAsParseDouble(String text) {
    assertThat(Double.doubleToRawLongBits(plainDecimal(text)))
        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "",
        "-",
        "+",
        ".",
        "-.",
        "1.2.3",
        "1e3",
        "1E3",
        "0x10",
        "3d",
        "2f",
        "NaN",
        "Infinity",
        "--1",
        "+-1",
        "1-",
        " 1",
        "1 ",
        "1,5",
        "9007199254740993",
        "123456789012345678",
        "1234567890123456789",
        "0.0000000000000000001",
        "١"
      })
  void plainDecimal_anythingElse_isNaN(String text) {
    assertThat(plainDecimal(text)).isNaN();
  }

  @Test
  void isPlainDecimal_randomText_onlyFiniteNumbersThatPlainDecimalReads() {
    Random random = new Random(2);
    byte[] alphabet = "0123456789.+-e /:".getBytes(ISO_8859_1);
    for (int n = 0; n < 200_000; n++) {
      byte[] bytes = new byte[random.nextInt(22)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] =
            random.nextInt(4) == 0
                ? alphabet[random.nextInt(alphabet.length)]
                : randomDigit(random);
      }
      String text = new String(bytes, ISO_8859_1);
      boolean plain = Bytes.isPlainDecimal(bytes, 0, bytes.length);
      if (plain) {
        assertThat(Double.parseDouble(text)).as(text).isFinite();
      }
      if (!Double.isNaN(Bytes.plainDecimal(bytes, 0, bytes.length))) {
        assertThat(plain).as(text).isTrue();
      }
    }
  }

  @Test
  void isPlainDecimal_everyByteInEveryPlaceOfAWord_acceptsDigitsPointAndLeadingSign() {
    for (int place = 0; place < 8; place++) {
      for (int value = 0; value < 256; value++) {
        byte[] bytes = "55555555".getBytes(ISO_8859_1);
        bytes[place] = (byte) value;
        assertThat(Bytes.isPlainDecimal(bytes, 0, 8))
            .as("byte %02x at %d", value, place)
            .isEqualTo(
                (value >= '0' && value <= '9')
                    || value == '.'
                    || (place == 0 && (value == '-' || value == '+')));
      }
    }
  }

  @Test
  void scans_randomBytesAndRanges_sameAsOneByteAtATime() {
    Random random = new Random(3);
    byte[] interesting = {'\n', '\r', ',', '\t', ' ', 'a', 0, 1, 0x2d, 0x0b, 0x0c, (byte) 0x80};
    for (int n = 0; n < 100_000; n++) {
      byte[] bytes = new byte[1 + random.nextInt(40)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] =
            random.nextInt(3) == 0
                ? (byte) random.nextInt(256)
                : interesting[random.nextInt(interesting.length)];
      }
      int from = random.nextInt(bytes.length + 1);
      int to = from + random.nextInt(bytes.length - from + 1);
      byte value = interesting[random.nextInt(4)];

      assertThat(Bytes.lineEnd(bytes, from, to)).isEqualTo(naiveLineEnd(bytes, from, to));
      assertThat(Bytes.indexOf(bytes, value, from, to))
          .isEqualTo(naiveIndexOf(bytes, value, from, to));
      assertThat(Bytes.isAscii(bytes, from, to)).isEqualTo(naiveIsAscii(bytes, from, to));
      if (to - from <= 8) {
        assertThat(Bytes.packed(bytes, from, to)).isEqualTo(naivePacked(bytes, from, to));
      }
    }
  }

  private static double plainDecimal(String text) {
    byte[] bytes = text.getBytes(UTF_8);
    return Bytes.plainDecimal(bytes, 0, bytes.length);
  }

  /** A decimal of up to 19 integer and 19 fraction digits, some with a sign or zeros in front. */
  private static String randomDecimal(Random random) {
    StringBuilder text = new StringBuilder(pick(random, "", "", "", "-", "+"));
    int integerDigits = random.nextInt(random.nextBoolean() ? 6 : 20);
    int fractionDigits = random.nextInt(random.nextBoolean() ? 7 : 20);
    for (int i = 0; i < integerDigits; i++) {
      text.append((char) randomDigit(random));
    }
    if (fractionDigits > 0 || random.nextInt(10) == 0) {
      text.append('.');
    }
    for (int i = 0; i < fractionDigits; i++) {
      text.append((char) randomDigit(random));
    }
    return integerDigits + fractionDigits == 0 ? "0" : text.toString();
  }

  private static byte randomDigit(Random random) {
    return (byte) ('0' + (random.nextInt(4) == 0 ? 0 : random.nextInt(10)));
  }

  private static String pick(Random random, String... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static int naiveLineEnd(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n' || b[i] == '\r') {
        return i;
      }
    }
    return to;
  }

  private static int naiveIndexOf(byte[] b, byte value, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == value) {
        return i;
      }
    }
    return -1;
  }

  private static boolean naiveIsAscii(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] < 0) {
        return false;
      }
    }
    return true;
  }

  private static long naivePacked(byte[] b, int from, int to) {
    long word = 0;
    for (int i = from; i < to; i++) {
      word |= (b[i] & 0xffL) << (8 * (i - from));
    }
    return word;
  }
}
