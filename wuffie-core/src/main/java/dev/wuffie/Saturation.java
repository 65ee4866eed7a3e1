package dev.wuffie;

/**
 * How repeated endorsements from one endorser to one contributor add up: the policy sums the
 * weights of all the (positive) endorsements one endorser gave one contributor, {@code x}, and the
 * pair then weighs {@code saturate(x)}. A concave function gives diminishing returns, so that
 * serial voting cannot buy rank: with {@link #log()}, one upvote weighs 1, a hundred weigh 6.7.
 *
 * <p>The same function is applied to the summed weight of distrust (downvotes, flags) of a pair.
 *
 * <p>An implementation must be a pure function, non-decreasing, with {@code saturate(0) == 0}, and
 * safe to call from several threads. Only the stock instances below can be written to JSON.
 */
@FunctionalInterface
public interface Saturation {

  /**
   * The weight of a pair whose endorsements sum to {@code total}.
   *
   * @param total the summed weight, finite and {@code >= 0}
   */
  double saturate(double total);

  /** No saturation: {@code saturate(x) = x}; a hundred upvotes weigh a hundred. */
  static Saturation linear() {
    return StockSaturation.LINEAR;
  }

  /**
   * Logarithmic saturation (the default): {@code saturate(x) = log2(1 + x)}, so one endorsement of
   * weight 1 weighs 1, three weigh 2, a hundred weigh 6.66.
   */
  static Saturation log() {
    return StockSaturation.LOG;
  }

  /** Square-root saturation: {@code saturate(x) = sqrt(x)}; a hundred upvotes weigh 10. */
  static Saturation sqrt() {
    return StockSaturation.SQRT;
  }

  /**
   * The stock instance called {@code name} ({@code "linear"}, {@code "log"} or {@code "sqrt"}), as
   * {@code toString()} names it.
   *
   * @throws IllegalArgumentException for any other name
   */
  static Saturation named(String name) {
    for (StockSaturation stock : StockSaturation.values()) {
      if (stock.toString().equals(name)) {
        return stock;
      }
    }
    throw new IllegalArgumentException(
        "unknown saturation '" + name + "'; use one of linear, log, sqrt");
  }
}
