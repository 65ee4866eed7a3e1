package dev.wuffie.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wuffie.Ledger;

/** Compares ledger snapshots accessor by accessor. */
final class LedgerContent {
  private LedgerContent() {}

  /** Asserts that every accessor of {@code actual} answers as {@code expected}'s does. */
  static void assertSame(Ledger.Snapshot expected, Ledger.Snapshot actual) {
    assertThat(actual.contributorCount()).isEqualTo(expected.contributorCount());
    for (int i = 0; i < expected.contributorCount(); i++) {
      assertThat(actual.contributor(i)).isEqualTo(expected.contributor(i));
      assertThat(actual.contributorIndex(expected.contributor(i))).hasValue(i);
      assertThat(actual.canonical(i)).as("canonical(%s)", i).isEqualTo(expected.canonical(i));
    }
    assertThat(actual.contributionCount()).isEqualTo(expected.contributionCount());
    for (int c = 0; c < expected.contributionCount(); c++) {
      assertThat(actual.contribution(c)).isEqualTo(expected.contribution(c));
      assertThat(actual.contributionIndex(expected.contribution(c))).hasValue(c);
      assertThat(actual.contributionTimeMillis(c)).isEqualTo(expected.contributionTimeMillis(c));
      assertThat(actual.authorCount(c)).isEqualTo(expected.authorCount(c));
      for (int j = 0; j < expected.authorCount(c); j++) {
        assertThat(actual.author(c, j)).isEqualTo(expected.author(c, j));
        assertThat(Double.doubleToRawLongBits(actual.share(c, j)))
            .as("share(%s, %s)", c, j)
            .isEqualTo(Double.doubleToRawLongBits(expected.share(c, j)));
      }
    }
    assertThat(actual.kindCount()).isEqualTo(expected.kindCount());
    for (int k = 0; k < expected.kindCount(); k++) {
      assertThat(actual.kindName(k)).isEqualTo(expected.kindName(k));
    }
    assertThat(actual.eventCount()).isEqualTo(expected.eventCount());
    for (int e = 0; e < expected.eventCount(); e++) {
      if (actual.endorser(e) != expected.endorser(e)
          || actual.target(e) != expected.target(e)
          || actual.toContribution(e) != expected.toContribution(e)
          || actual.kind(e) != expected.kind(e)
          || actual.hasValue(e) != expected.hasValue(e)
          || Double.doubleToLongBits(actual.value(e)) != Double.doubleToLongBits(expected.value(e))
          || actual.timeMillis(e) != expected.timeMillis(e)
          || actual.retracted(e) != expected.retracted(e)
          || !actual.event(e).equals(expected.event(e))) {
        throw new AssertionError(
            "event " + e + ": expected " + describe(expected, e) + ", got " + describe(actual, e));
      }
    }
    assertThat(actual.maxTimeMillis()).isEqualTo(expected.maxTimeMillis());
    assertThat(actual.toString()).isEqualTo(expected.toString());
  }

  /** Everything a snapshot holds, as text: equal texts for equal content. */
  static String of(Ledger.Snapshot s) {
    StringBuilder out = new StringBuilder(s.toString()).append('\n');
    for (int i = 0; i < s.contributorCount(); i++) {
      out.append("contributor ").append(i).append(' ').append(s.contributor(i));
      out.append(" -> ").append(s.canonical(i)).append('\n');
    }
    for (int c = 0; c < s.contributionCount(); c++) {
      out.append("contribution ").append(c).append(' ').append(s.contribution(c));
      out.append(" at ").append(s.contributionTimeMillis(c)).append(" by");
      for (int j = 0; j < s.authorCount(c); j++) {
        out.append(' ').append(s.author(c, j)).append(':').append(s.share(c, j));
      }
      out.append('\n');
    }
    for (int e = 0; e < s.eventCount(); e++) {
      out.append(describe(s, e)).append('\n');
    }
    return out.toString();
  }

  private static String describe(Ledger.Snapshot s, int e) {
    return s.event(e) + (s.retracted(e) ? " retracted" : "");
  }
}
