package dev.wuffie;

/**
 * The teleport weights of a compile ({@link CompiledLedger#compile(LedgerSnapshot, ScoringPolicy,
 * boolean, int[])}): the whole ledger's as the policy sets them (uniform, seeds, activity), and a
 * scope's by the activity of its members in the scope (see {@link ScopedReputation}).
 */
final class Teleports {
  private Teleports() {}

  /**
   * The teleport weights of each of {@code scopes}: a scope's are its activity (one pass over the
   * contributions for every scope, see {@link #activity}), the whole ledger's as the policy sets.
   */
  static double[][] of(
      LedgerSnapshot snapshot,
      ScoringPolicy policy,
      int[] personOf,
      int n,
      long asOf,
      ContentOrder order,
      int[] scopes) {
    double[][] teleports = new double[scopes.length][];
    int[] slotOfTag = new int[snapshot.tagCount()];
    java.util.Arrays.fill(slotOfTag, -1);
    boolean anyScope = false;
    for (int i = 0; i < scopes.length; i++) {
      if (scopes[i] == CompiledLedger.GLOBAL) {
        teleports[i] = teleport(snapshot, policy, personOf, n, asOf, order);
      } else {
        slotOfTag[scopes[i]] = i;
        teleports[i] = new double[n];
        anyScope = true;
      }
    }
    if (anyScope) {
      activity(snapshot, policy, personOf, teleports, asOf, order, slotOfTag);
    }
    return teleports;
  }

  /** The teleport weights of the whole ledger, as the policy sets them. */
  private static double[] teleport(
      LedgerSnapshot snapshot,
      ScoringPolicy policy,
      int[] personOf,
      int n,
      long asOf,
      ContentOrder order) {
    double[] teleport = new double[n];
    switch (policy.teleport()) {
      case UNIFORM -> java.util.Arrays.fill(teleport, 1.0);
      case SEEDS -> {
        teleport =
            Seeds.teleport(
                policy.seeds(),
                n,
                id -> CompiledLedger.personIndex(snapshot, personOf, id),
                "ledger",
                "remove them from the policy or add them with Ledger.addContributor");
      }
      case ACTIVITY ->
          activity(snapshot, policy, personOf, new double[][] {teleport}, asOf, order, null);
    }
    return teleport;
  }

  /**
   * Fills {@code teleports} with the activity of each person: the decayed contributions made up to
   * {@code asOf}, by authorship share; with {@code slotOfTag} (the index in {@code teleports} of
   * each tag's scope, or -1), in each scope those with its tag only, else (null) all of them in
   * {@code teleports[0]}. One pass over the contributions, in content order, so each scope's sums
   * are added in the order of a pass for it alone. Uniform where that is nothing.
   */
  private static void activity(
      LedgerSnapshot snapshot,
      ScoringPolicy policy,
      int[] personOf,
      double[][] teleports,
      long asOf,
      ContentOrder order,
      int[] slotOfTag) {
    double[] total = new double[teleports.length];
    for (int c : order.contributionByRank()) {
      long time = snapshot.contributionTimeMillis(c);
      if (time > asOf) {
        continue;
      }
      double minted = Double.NaN;
      int[] tags = slotOfTag == null ? new int[] {-1} : snapshot.tagsOf(c);
      for (int tag : tags) {
        int i = tag < 0 ? 0 : slotOfTag[tag];
        if (i < 0) {
          continue;
        }
        if (Double.isNaN(minted)) {
          minted = policy.decay().factor(asOf - time);
        }
        for (int j = 0; j < snapshot.authorCount(c); j++) {
          teleports[i][personOf[snapshot.author(c, j)]] += minted * snapshot.share(c, j);
        }
        total[i] += minted;
      }
    }
    for (int i = 0; i < teleports.length; i++) {
      if (teleports[i] != null && !(total[i] > 0)) {
        java.util.Arrays.fill(teleports[i], 1.0);
      }
    }
  }
}
