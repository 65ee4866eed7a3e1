package dev.wuffie;

/** The stock decay without any decay. */
enum StockDecay implements Decay {
  NONE;

  @Override
  public double factor(long ageMillis) {
    return 1.0;
  }

  @Override
  public String toString() {
    return "none";
  }
}
