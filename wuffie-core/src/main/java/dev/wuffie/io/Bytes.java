package dev.wuffie.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Scans and parses ranges {@code [from, to)} of byte arrays holding text, for the readers.
 *
 * <p>The searches read 8 bytes at a time as one little-endian long ("SWAR", SIMD within a
 * register): a byte of {@code word ^ pattern} is zero where {@code word} matches, and {@link
 * #zeroBytes(long)} finds the zero bytes of a long in a few arithmetic operations. The remaining
 * bytes of a range are read one at a time.
 *
 * <p>{@link #plainDecimal} parses the common numbers of edge lists without the String that {@link
 * Double#parseDouble(String)} needs, and gives the same double.
 */
final class Bytes {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  /** At most this many digits in a plain decimal: 10^18 - 1 still fits a long. */
  static final int MAX_DIGITS = 18;

  private static final long MAX_EXACT_MANTISSA = 1L << 53;
  private static final double[] POWERS_OF_TEN = new double[MAX_DIGITS + 1];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int k = 1; k <= MAX_DIGITS; k++) {
      POWERS_OF_TEN[k] = POWERS_OF_TEN[k - 1] * 10; // exact: 10^k = 5^k 2^k and 5^k < 2^53
    }
  }

  private Bytes() {}

  /** The index of the first LF or CR in {@code [from, to)}, or {@code to} if there is none. */
  static int lineEnd(byte[] b, int from, int to) {
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long word = (long) LONGS.get(b, i);
      long found = zeroBytes(word ^ (ONES * '\n')) | zeroBytes(word ^ (ONES * '\r'));
      if (found != 0) {
        return i + Long.numberOfTrailingZeros(found) / Byte.SIZE;
      }
    }
    while (i < to && b[i] != '\n' && b[i] != '\r') {
      i++;
    }
    return i;
  }

  /** The index of the first {@code value} in {@code [from, to)}, or -1 if there is none. */
  static int indexOf(byte[] b, byte value, int from, int to) {
    long pattern = ONES * (value & 0xff);
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long found = zeroBytes((long) LONGS.get(b, i) ^ pattern);
      if (found != 0) {
        return i + Long.numberOfTrailingZeros(found) / Byte.SIZE;
      }
    }
    for (; i < to; i++) {
      if (b[i] == value) {
        return i;
      }
    }
    return -1;
  }

  /** Whether the bytes {@code [from, to)} are all ASCII (below 0x80). */
  static boolean isAscii(byte[] b, int from, int to) {
    long bits = 0;
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      bits |= (long) LONGS.get(b, i);
    }
    for (; i < to; i++) {
      bits |= b[i]; // sign-extended: a non-ASCII byte sets every high bit
    }
    return (bits & HIGH_BITS) == 0;
  }

  /**
   * The bytes {@code [from, to)}, at most 8, as a little-endian long: the first byte is the lowest,
   * and the bytes past {@code to} are zero.
   */
  static long packed(byte[] b, int from, int to) {
    int length = to - from;
    if (length > 0 && from + Long.BYTES <= b.length) {
      return (long) LONGS.get(b, from) & (-1L >>> (Long.SIZE - Byte.SIZE * length));
    }
    long word = 0;
    for (int i = to - 1; i >= from; i--) {
      word = word << 8 | (b[i] & 0xff);
    }
    return word;
  }

  /**
   * The value of {@code [+-]digits[.digits]} or {@code [+-].digits} with at most {@value
   * #MAX_DIGITS} digits and a mantissa (the digits read as an integer) of at most 2^53, or NaN for
   * any other text.
   *
   * <p>Such a mantissa and a power of ten up to 10^22 are exact doubles, so their IEEE quotient is
   * the correctly rounded value of the decimal: the double that {@code Double.parseDouble} returns.
   */
  static double plainDecimal(byte[] b, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int fractionDigits = 0;
    for (; i < to && isDigit(b[i]); i++) {
      mantissa = 10 * mantissa + (b[i] - '0');
      digits++;
    }
    if (i < to && b[i] == '.') {
      for (i++; i < to && isDigit(b[i]); i++) {
        mantissa = 10 * mantissa + (b[i] - '0');
        fractionDigits++;
      }
      digits += fractionDigits;
    }
    // A longer mantissa may have overflowed: it is not used then.
    if (i < to || digits == 0 || digits > MAX_DIGITS || mantissa > MAX_EXACT_MANTISSA) {
      return Double.NaN;
    }
    double value = (double) mantissa / POWERS_OF_TEN[fractionDigits];
    return negative ? -value : value;
  }

  /**
   * Whether {@code [from, to)} is {@code [+-]digits[.digits]} or {@code [+-].digits} with at most
   * {@value #MAX_DIGITS} digits: then {@code Double.parseDouble} accepts it and returns a finite
   * number. Checks the characters without computing the value.
   */
  static boolean isPlainDecimal(byte[] b, int from, int to) {
    int i = from;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      i++;
    }
    int digitsStart = i;
    i = skipDigits(b, i, to);
    int digits = i - digitsStart;
    if (i < to && b[i] == '.') {
      int fractionStart = ++i;
      i = skipDigits(b, i, to);
      digits += i - fractionStart;
    }
    return i == to && digits > 0 && digits <= MAX_DIGITS;
  }

  /**
   * The index of the first byte of {@code [from, to)} that is not an ASCII digit, or {@code to}.
   */
  private static int skipDigits(byte[] b, int from, int to) {
    int i = from;
    // Whole words, the last one reaching past to if the array allows: the index found is capped.
    for (; i < to && i + Long.BYTES <= b.length; i += Long.BYTES) {
      long found = nonDigits((long) LONGS.get(b, i));
      if (found != 0) {
        return Math.min(to, i + Long.numberOfTrailingZeros(found) / Byte.SIZE);
      }
    }
    while (i < to && isDigit(b[i])) {
      i++;
    }
    return Math.min(to, i);
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  /**
   * The high bit of each byte of {@code word} that is not an ASCII digit. A digit XOR 0x30 is 0 to
   * 9; adding 0x76 to the low 7 bits of a byte sets its high bit from 10 up, and carries out of no
   * byte.
   */
  private static long nonDigits(long word) {
    long value = word ^ (ONES * '0');
    return (((value & ~HIGH_BITS) + ONES * 0x76) | value) & HIGH_BITS;
  }

  /**
   * The high bit of the lowest zero byte of {@code word}, and maybe of higher bytes, or 0 if no
   * byte is zero. Only a byte above a zero byte can be flagged wrongly, so the lowest flag is
   * exact.
   */
  private static long zeroBytes(long word) {
    return (word - ONES) & ~word & HIGH_BITS;
  }
}
