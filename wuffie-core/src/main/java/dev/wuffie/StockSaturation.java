package dev.wuffie;

import static com.google.common.base.Preconditions.checkArgument;

/** The stock saturation functions, named for JSON. */
enum StockSaturation implements Saturation {
  LINEAR("linear") {
    @Override
    public double saturate(double total) {
      return check(total);
    }
  },
  LOG("log") {
    @Override
    public double saturate(double total) {
      return Math.log1p(check(total)) / Math.log(2);
    }
  },
  SQRT("sqrt") {
    @Override
    public double saturate(double total) {
      return Math.sqrt(check(total));
    }
  };

  private final String name;

  StockSaturation(String name) {
    this.name = name;
  }

  static double check(double total) {
    checkArgument(total >= 0 && total < Double.POSITIVE_INFINITY, "total %s must be >= 0", total);
    return total;
  }

  @Override
  public String toString() {
    return name;
  }
}
