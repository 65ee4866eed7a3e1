package dev.wuffie;

import java.time.Duration;

/** Exponential decay with a half-life. */
record HalfLife(Duration halfLife) implements Decay {
  @Override
  public double factor(long ageMillis) {
    return Math.pow(2, -(double) ageMillis / halfLife.toMillis());
  }

  @Override
  public String toString() {
    return "halfLife(" + halfLife + ")";
  }
}
