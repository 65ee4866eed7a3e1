package dev.wuffie;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a policy shares out reputation: how much of it is spread evenly rather than earned along
 * endorsements, and how concentrated the scores are. {@link Reputation#health()} gives it.
 *
 * <p><b>Spread evenly.</b> At the fixed point every score splits into the teleport term {@code (1 -
 * d) p_v}, the returned term {@code d p_v R} and the endorsers' terms (see {@link Explanation}).
 * Summed over all members, the first two are the reputation that goes out through the teleport
 * distribution {@code p} (evenly under a uniform teleport; to the seeds, or to authors by activity,
 * otherwise) and not along any endorsement: {@link #evenShare()} {@code = (1 - d) + d R}, which
 * equals the sum over members of {@code explain(id).teleport() + explain(id).returned()}. The
 * returned mass {@code R} is split by where it comes from, each endorser {@code u} giving back
 * {@code s_u} if it is dangling, else {@code s_u t_u / W_u} of its teleport weight {@code t_u}:
 *
 * <ul>
 *   <li>{@link #danglingShare()}: from members who endorse no one ({@code W_u = 0});
 *   <li>{@link #decayShare()}: the weight decay took from endorsements ({@code W_u} counts every
 *       endorsement undecayed; what decay takes goes back through {@code p}). For a reputation of a
 *       bare graph this is the graph's own {@linkplain
 *       dev.wuffie.graph.EndorsementGraph#teleportWeight(int) teleport weights};
 *   <li>{@link #reciprocalShare()}: the weight the {@linkplain
 *       ScoringPolicy.Builder#reciprocalWeight(double) reciprocal weight} took from mutual pairs;
 *   <li>{@link #capShare()}: the weight the {@linkplain ScoringPolicy.Builder#influenceCap(double)
 *       influence cap} took.
 * </ul>
 *
 * <p>With distrust, every share is divided by the sum {@code Z} the discounted scores were
 * normalised by, as the explanation's terms are; so when distrust takes much, the shares can add up
 * to more than 1 (the endorsers' terms, less the discounts, make up the rest).
 *
 * <p><b>Concentration.</b> {@link #top1PercentShare()} is the sum of the scores of the best {@code
 * ceil(n / 100)} members (at least one); {@link #gini()} is the Gini coefficient of the scores,
 * {@code G = sum_i sum_j |s_i - s_j| / (2 n sum_i s_i)}: 0 when everyone has the same score, {@code
 * (n - 1) / n} when one member has everything. Computed from the scores sorted ascending as {@code
 * G = 2 sum_i i s_(i) / (n sum s) - (n + 1) / n}.
 *
 * <p><b>Hint.</b> {@link #hint()} speaks when a setting flattens or concentrates too much:
 *
 * <ul>
 *   <li>flattening, when {@link #evenShare()} is above {@link #FLAT_EVEN_SHARE} (most reputation is
 *       not earned along endorsements): it names the parts of at least {@link #CAUSE_SHARE},
 *       largest first, with the setting that answers each (a longer half-life for decay, a higher
 *       damping for teleport, a reciprocal weight nearer 1, a higher influence cap, seeds for what
 *       members who endorse no one return);
 *   <li>concentration, with at least {@link #MIN_MEMBERS} members (below that the top 1% is one
 *       member of few), when {@link #top1PercentShare()} is above {@link #CONCENTRATED_TOP1_SHARE}
 *       or {@link #gini()} above {@link #CONCENTRATED_GINI}: it names the influence cap, the
 *       reciprocal weight, the damping and the seeds.
 * </ul>
 *
 * <pre>{@code
 * PolicyHealth health = Reputation.compute(ledger, policy).health();
 * System.out.printf("%.0f%% spread evenly, Gini %.2f%n", 100 * health.evenShare(), health.gini());
 * health.hint().ifPresent(System.out::println);
 * }</pre>
 *
 * <p>Cost: {@link Reputation} computes it once, when it is made, in {@code O(n)} (one pass over the
 * members, their scores already sorted for the ranks).
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param members the number of members scored
 * @param teleportShare the teleport term summed over members, {@code 1 - d} (divided by {@code Z})
 * @param danglingShare what members who endorse no one returned through the teleport distribution
 * @param decayShare what decay took from endorsements, returned through the teleport distribution
 * @param reciprocalShare what the reciprocal weight took, returned through the teleport
 *     distribution
 * @param capShare what the influence cap took, returned through the teleport distribution
 * @param top1PercentShare the share of all reputation held by the best 1% of members (at least one)
 * @param gini the Gini coefficient of the scores
 */
public record PolicyHealth(
    int members,
    double teleportShare,
    double danglingShare,
    double decayShare,
    double reciprocalShare,
    double capShare,
    double top1PercentShare,
    double gini) {

  /**
   * The {@link #evenShare()} above which the hint says the policy flattens: {@value}, that is, most
   * reputation is spread evenly rather than earned. The teleport term alone is 0.15 at the default
   * damping; a site without decay typically returns another 5-20% from members who endorse no one.
   */
  public static final double FLAT_EVEN_SHARE = 0.5;

  /**
   * The share of all reputation from which a part of the even share is named as a cause: {@value}.
   */
  public static final double CAUSE_SHARE = 0.1;

  /**
   * The {@link #top1PercentShare()} above which the hint says scores are concentrated: {@value},
   * the best 1% hold more than a third of all reputation (fifty times their even share and more).
   */
  public static final double CONCENTRATED_TOP1_SHARE = 1.0 / 3;

  /**
   * The {@link #gini()} above which the hint says scores are concentrated: {@value}. Under a
   * uniform teleport at the default damping every member holds at least {@code 0.15 / n}, which
   * keeps the Gini coefficient below about 0.85; above 0.8 nearly all the endorsed reputation sits
   * with a few.
   */
  public static final double CONCENTRATED_GINI = 0.8;

  /** The fewest members for which the hint judges concentration: {@value}. */
  public static final int MIN_MEMBERS = 100;

  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException if {@code members} is not positive, a share is negative or not
   *     finite, or {@code gini} is not in [0, 1]
   */
  public PolicyHealth {
    checkArgument(members > 0, "members = %s; a reputation has at least one member", members);
    double[] shares = {
      teleportShare, danglingShare, decayShare, reciprocalShare, capShare, top1PercentShare
    };
    for (double share : shares) {
      checkArgument(
          share >= 0 && Double.isFinite(share), "share = %s; shares are finite and >= 0", share);
    }
    checkArgument(gini >= 0 && gini <= 1, "gini = %s; a Gini coefficient is in [0, 1]", gini);
  }

  /**
   * What went back through the teleport distribution from endorsers: {@link #danglingShare()} +
   * {@link #decayShare()} + {@link #reciprocalShare()} + {@link #capShare()}, the sum over members
   * of {@code explain(id).returned()}.
   */
  public double returnedShare() {
    return danglingShare + decayShare + reciprocalShare + capShare;
  }

  /**
   * The share of all reputation spread through the teleport distribution rather than along
   * endorsements: {@link #teleportShare()} + {@link #returnedShare()}.
   */
  public double evenShare() {
    return teleportShare + returnedShare();
  }

  /**
   * A plain-words sentence when the policy flattens or concentrates scores too much (thresholds in
   * the class documentation), naming the settings that answer it; empty when neither.
   */
  public Optional<String> hint() {
    List<String> sentences = new ArrayList<>(2);
    if (evenShare() > FLAT_EVEN_SHARE) {
      sentences.add(flatteningHint());
    }
    if (members >= MIN_MEMBERS
        && (top1PercentShare > CONCENTRATED_TOP1_SHARE || gini > CONCENTRATED_GINI)) {
      sentences.add(
          String.format(
              Locale.ROOT,
              "Scores are concentrated: the top 1%% hold %s of all reputation (Gini %.2f); to"
                  + " spread them, cap what one endorser can give (influence cap), weigh mutual"
                  + " endorsements less (reciprocal weight), lower the damping, or, with seeds,"
                  + " name more of them.",
              percent(top1PercentShare),
              gini));
    }
    return sentences.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", sentences));
  }

  /**
   * The health of scores {@code scores} ranked by {@code byRank} (best first), with {@code even}
   * the teleport, dangling, decay, reciprocal and cap shares: the concentration figures in one
   * pass.
   */
  static PolicyHealth of(double[] even, double[] scores, int[] byRank) {
    int n = scores.length;
    int top = Math.max(1, (n + 99) / 100);
    double sum = 0;
    double topSum = 0;
    double weighted = 0; // sum of i * s_(i), i the 1-based position in ascending order
    for (int r = 0; r < n; r++) {
      double s = scores[byRank[r]];
      sum += s;
      if (r < top) {
        topSum += s;
      }
      weighted += (double) (n - r) * s;
    }
    double gini = sum > 0 ? 2 * weighted / (n * sum) - (n + 1.0) / n : 0;
    return new PolicyHealth(
        n,
        even[0],
        even[1],
        even[2],
        even[3],
        even[4],
        sum > 0 ? topSum / sum : 0,
        Math.min(1, Math.max(0, gini)));
  }

  private String flatteningHint() {
    record Cause(double share, String what, String remedy) {}
    List<Cause> causes =
        new ArrayList<>(
            List.of(
                new Cause(decayShare, "decay", "a longer half-life"),
                new Cause(teleportShare, "teleport", "a higher damping"),
                new Cause(
                    danglingShare,
                    "members who endorse no one",
                    "seeds (what members who endorse no one return then goes to trusted members)"),
                new Cause(reciprocalShare, "the reciprocal weight", "a reciprocal weight nearer 1"),
                new Cause(capShare, "the influence cap", "a higher influence cap")));
    causes.removeIf(cause -> cause.share() < CAUSE_SHARE);
    causes.sort((a, b) -> Double.compare(b.share(), a.share()));
    String text =
        "Most reputation is spread evenly, not earned from endorsements: " + percent(evenShare());
    if (causes.isEmpty()) {
      return text + ".";
    }
    List<String> parts = new ArrayList<>();
    List<String> remedies = new ArrayList<>();
    for (Cause cause : causes) {
      parts.add(cause.what() + " " + percent(cause.share()));
      remedies.add(cause.remedy());
    }
    String last = remedies.remove(remedies.size() - 1);
    String remedy = remedies.isEmpty() ? last : String.join(", ", remedies) + " or " + last;
    return text
        + " ("
        + String.join(", ", parts)
        + "); to let endorsements count more, try "
        + remedy
        + ".";
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * share);
  }
}
