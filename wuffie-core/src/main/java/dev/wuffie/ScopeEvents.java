package dev.wuffie;

/**
 * Which of a compile's sorted events each scope keeps ({@link
 * CompiledLedger#compile(LedgerSnapshot, ScoringPolicy, boolean, int[])}): the endorsements of
 * contributions with the scope's tag, and the endorsements of members, in every scope or shared by
 * all ({@link MemberPairs}).
 */
final class ScopeEvents {
  private ScopeEvents() {}

  /**
   * Whether {@link CompiledLedger#compile(LedgerSnapshot, ScoringPolicy, boolean, int[])} sums,
   * saturates and weighs the endorsements between members once for all of {@code scopes} ({@link
   * MemberPairs}): for two scopes or more, none of them {@link CompiledLedger#GLOBAL}, when no
   * event of {@code events} (with their {@code weights}, by event) distrusts and the policy does
   * not damp reciprocal pairs (which would tie a member pair's weight to the scope's other pairs).
   */
  static boolean sharesMemberPairs(
      ScoringPolicy policy, int[] scopes, int[] events, double[] weights) {
    if (scopes.length < 2 || policy.reciprocalWeight() < 1) {
      return false;
    }
    for (int scope : scopes) {
      if (scope == CompiledLedger.GLOBAL) {
        return false;
      }
    }
    for (int e : events) {
      if (weights[e] < 0) {
        return false;
      }
    }
    return true;
  }

  /** The positions in {@code keys} (the sorted events' keys) of the endorsements of members. */
  static int[] memberPositions(ContentOrder order, long[] keys) {
    int[] positions = new int[keys.length];
    int count = 0;
    for (int at = 0; at < keys.length; at++) {
      if (!order.toContribution(keys[at])) {
        positions[count++] = at;
      }
    }
    return java.util.Arrays.copyOf(positions, count);
  }

  /**
   * For each of {@code scopes}, the positions in {@code keys} (the sorted events' keys) of the
   * events it keeps, ascending; null for {@link CompiledLedger#GLOBAL}, which keeps them all. One
   * pass over the events: an endorsement of a member goes to every scope ({@code withMembers}) or
   * to none (when the scopes share them, see {@link MemberPairs}), one of a contribution to the
   * scopes of its tags.
   */
  static int[][] positions(
      LedgerSnapshot snapshot, ContentOrder order, long[] keys, int[] scopes, boolean withMembers) {
    int[][] positions = new int[scopes.length][];
    int[] slotOfTag = new int[snapshot.tagCount()];
    java.util.Arrays.fill(slotOfTag, -1);
    int[] counts = new int[scopes.length];
    boolean anyScope = false;
    for (int i = 0; i < scopes.length; i++) {
      if (scopes[i] != CompiledLedger.GLOBAL) {
        slotOfTag[scopes[i]] = i;
        positions[i] = new int[16];
        anyScope = true;
      }
    }
    if (!anyScope) {
      return positions; // the whole ledger's compile keeps every event: no pass
    }
    int[][] tagsOf = new int[snapshot.contributionCount()][];
    for (int at = 0; at < keys.length; at++) {
      long key = keys[at];
      if (!order.toContribution(key)) {
        for (int i = 0; i < scopes.length && withMembers; i++) {
          if (positions[i] != null) {
            counts[i] = append(positions, i, counts[i], at);
          }
        }
      } else {
        int c = order.target(key);
        if (tagsOf[c] == null) {
          tagsOf[c] = snapshot.tagsOf(c);
        }
        for (int tag : tagsOf[c]) {
          int i = slotOfTag[tag];
          if (i >= 0) {
            counts[i] = append(positions, i, counts[i], at);
          }
        }
      }
    }
    for (int i = 0; i < scopes.length; i++) {
      if (positions[i] != null) {
        positions[i] = java.util.Arrays.copyOf(positions[i], counts[i]);
      }
    }
    return positions;
  }

  private static int append(int[][] positions, int i, int count, int at) {
    if (count == positions[i].length) {
      positions[i] = java.util.Arrays.copyOf(positions[i], 2 * count);
    }
    positions[i][count] = at;
    return count + 1;
  }
}
