package dev.wuffie;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import dev.wuffie.rank.RankSolver;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a site decides counts: how a {@link Ledger}'s events become the weights of an endorsement
 * graph, and how the graph is scored. Immutable; built with {@link #builder()}.
 *
 * <h2>From events to weights</h2>
 *
 * <ol>
 *   <li>Only live events (not retracted) at or before {@link #asOf()} count. Accounts merged into a
 *       person ({@link Ledger#merge}) count as that person.
 *   <li>Each event weighs its {@linkplain KindWeight kind's} weight, times its {@linkplain Decay
 *       decay} factor at its age. An event of a kind the policy does not know is an error (never a
 *       silent zero); {@link #check(Endorsement)} refuses it at the ledger's door.
 *   <li>An endorsement of a contribution is credited to its authors by their shares. Endorsing
 *       oneself, or one's own contribution (one's share of it), never counts; the other authors
 *       keep their shares.
 *   <li>For each ordered pair (endorser, contributor) the positive weights are summed and then
 *       {@linkplain Saturation saturated}: the pair weighs {@code w_uv = f(sum of decayed
 *       weights)}. Negative weights (distrust) are summed and saturated apart: {@code δ_uv}.
 *   <li><b>Inactivity.</b> Per-endorser normalisation would cancel a decay factor common to all of
 *       an endorser's endorsements, so an endorser's out-weight is {@code W_u = sum_v f(sum of
 *       undecayed weights)}: what it gave as if nothing had decayed. The difference {@code W_u -
 *       sum_v w_uv} is the endorser's {@linkplain
 *       dev.wuffie.graph.EndorsementGraph#teleportWeight(int) teleport weight}: that share of its
 *       score goes back through the teleport distribution instead of to anyone it endorsed. An
 *       endorser whose endorsements are all old passes on little; a contributor endorsed only long
 *       ago falls against one endorsed recently.
 *   <li><b>Influence limits</b> (off by default). {@link Builder#reciprocalWeight(double)}: when
 *       {@code u} and {@code v} endorse each other, both weights are multiplied by it. {@link
 *       Builder#influenceCap(double)}: no endorser's term {@code d s_u w_uv / W_u} may exceed that
 *       share of {@code s_v}. The scores are the capped fixed point: every weight is lowered just
 *       as far as the cap needs, {@code w'_uv = min(w_uv, cap s_v W_u / (d s_u))} with {@code s}
 *       the scores under the weights {@code w'}, found a solve at a time (each round from the
 *       compiled weights) until no weight moves by more than a relative 1e-6. Weight taken away by
 *       either goes to the endorser's teleport weight, not to others.
 * </ol>
 *
 * <h2>Scoring</h2>
 *
 * <p>The graph is scored by the {@link #solver()} (formula in {@link RankSolver}) with the teleport
 * distribution: uniform (the default), the {@linkplain Builder#seeds(Map) seeds} (pre-trusted
 * contributors, say moderators, in proportion to their weights), or the {@linkplain
 * Builder#activityPrior() activity prior}: every contribution up to {@code asOf} mints 1, times its
 * decay factor, split among its authors by share (falling back to uniform when no contribution
 * counts).
 *
 * <p><b>Distrust</b> is applied after convergence and never flows: with trust scores {@code s},
 * each distruster {@code u} takes {@code strength * s_u * δ_uv / (W_u + Δ_u)} from each contributor
 * {@code v} it distrusts, where {@code Δ_u} is its summed distrust (undecayed, as for {@code W_u}):
 * a contributor's opinion, its score, is split over everything it gave, trust and distrust alike,
 * so one downvote among a hundred upvotes weighs a hundredth. Scores are then floored at 0 and
 * normalised to sum 1. A distruster can take at most its own score, spread over its targets: a
 * contributor with zero score cannot hurt anyone. (If distrust would take every score to zero, the
 * trust scores are kept.) This follows EigenTrust (Kamvar, Schlosser, Garcia-Molina, 2003) and
 * OpenRank's treatment of negative trust.
 *
 * <h2>Defaults</h2>
 *
 * <ul>
 *   <li>kinds: {@link #DEFAULT_KINDS};
 *   <li>saturation: {@link Saturation#log()}; decay: {@link Decay#none()};
 *   <li>asOf: the time of the ledger's latest live event;
 *   <li>teleport: uniform; distrust strength {@value #DEFAULT_DISTRUST_STRENGTH};
 *   <li>influence cap {@value #DEFAULT_INFLUENCE_CAP} and reciprocal weight {@value
 *       #DEFAULT_RECIPROCAL_WEIGHT} (both off);
 *   <li>solver: {@link RankSolver#defaults()}.
 * </ul>
 *
 * <pre>{@code
 * ScoringPolicy policy = ScoringPolicy.builder()
 *     .kind("upvote", 1).kind("accepted", 3).kind("downvote", -1)
 *     .decay(Decay.halfLife(Duration.ofDays(365)))
 *     .seeds(Map.of("moderator", 1.0))
 *     .build();
 * Reputation reputation = Reputation.compute(ledger, policy);
 * }</pre>
 *
 * <p>{@link #identity()} turns every event of kind {@value #IDENTITY_KIND} into a plain weighted
 * endorsement: no decay, no saturation, so scores are plain weighted PageRank.
 *
 * <p>Cost of scoring: one pass over the events (hashing each endorser-contributor pair) plus the
 * solver's cost, times the number of rounds when the influence cap is on.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class ScoringPolicy {

  /**
   * The kinds a new builder knows: {@code upvote} 1, {@code accepted} 3, {@code approve} 2, {@code
   * thanks} 1, {@code follow} 0.5, {@code vouch} 2, {@code downvote} -1, {@code flag} -2, and the
   * rated {@code trust} whose weight is its value (neutral 0, scale 1: a -10..+10 rating).
   */
  public static final Map<String, KindWeight> DEFAULT_KINDS =
      kindMap(
          KindWeight.fixed("upvote", 1),
          KindWeight.fixed("accepted", 3),
          KindWeight.fixed("approve", 2),
          KindWeight.fixed("thanks", 1),
          KindWeight.fixed("follow", 0.5),
          KindWeight.fixed("vouch", 2),
          KindWeight.fixed("downvote", -1),
          KindWeight.fixed("flag", -2),
          KindWeight.rated("trust", 0, 1));

  /** Default distrust strength: {@value}. */
  public static final double DEFAULT_DISTRUST_STRENGTH = 1.0;

  /** Default influence cap: {@value}, no cap. */
  public static final double DEFAULT_INFLUENCE_CAP = 1.0;

  /** Default weight of reciprocated endorsements: {@value}, no damping. */
  public static final double DEFAULT_RECIPROCAL_WEIGHT = 1.0;

  /** The one kind of the {@link #identity()} policy: a rated kind weighing its value. */
  public static final String IDENTITY_KIND = "endorse";

  /** Where the teleport distribution comes from. */
  public enum Teleport {
    /** Every contributor alike. */
    UNIFORM,
    /** The seeds, in proportion to their weights. */
    SEEDS,
    /** Contributions minted by their authors (see the class documentation). */
    ACTIVITY
  }

  private static final ScoringPolicy IDENTITY =
      builder()
          .clearKinds()
          .kind(KindWeight.rated(IDENTITY_KIND, 0, 1))
          .saturation(Saturation.linear())
          .build();

  private final ImmutableMap<String, KindWeight> kinds;
  private final Saturation saturation;
  private final Decay decay;
  private final Instant asOf;
  private final Teleport teleport;
  private final ImmutableMap<String, Double> seeds;
  private final double distrustStrength;
  private final double influenceCap;
  private final double reciprocalWeight;
  private final RankSolver solver;

  private ScoringPolicy(Builder builder) {
    this.kinds = ImmutableMap.copyOf(builder.kinds);
    this.saturation = builder.saturation;
    this.decay = builder.decay;
    this.asOf = builder.asOf;
    this.teleport = builder.teleport;
    this.seeds = ImmutableMap.copyOf(builder.seeds);
    this.distrustStrength = builder.distrustStrength;
    this.influenceCap = builder.influenceCap;
    this.reciprocalWeight = builder.reciprocalWeight;
    this.solver = builder.solver;
  }

  /** A new builder with the defaults listed in the class documentation. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The identity policy: events of kind {@value #IDENTITY_KIND} with a value weigh their value;
   * linear saturation, no decay, uniform teleport, default solver. A ledger of such events scores
   * exactly like the {@link dev.wuffie.graph.EndorsementGraph} of its summed weights.
   */
  public static ScoringPolicy identity() {
    return IDENTITY;
  }

  /** A builder that starts from this policy's settings. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.kinds.clear();
    builder.kinds.putAll(kinds);
    builder.saturation = saturation;
    builder.decay = decay;
    builder.asOf = asOf;
    builder.teleport = teleport;
    builder.seeds.putAll(seeds);
    builder.distrustStrength = distrustStrength;
    builder.influenceCap = influenceCap;
    builder.reciprocalWeight = reciprocalWeight;
    builder.solver = solver;
    return builder;
  }

  /**
   * Checks that {@code endorsement} is something this policy can weigh: its kind is known, and it
   * has a value exactly when the kind is rated. Plug it into a ledger ({@code
   * Ledger.builder().validator(policy::check)}) to refuse such events at the door.
   *
   * @throws UnknownKindException if the policy does not declare the endorsement's kind
   * @throws IllegalArgumentException if the endorsement has a value and its kind is not rated, or
   *     the other way round
   */
  public void check(Endorsement endorsement) {
    checkNotNull(endorsement, "endorsement is null");
    KindWeight kind = kinds.get(endorsement.kind());
    if (kind == null) {
      throw new UnknownKindException(
          String.format(
              "unknown kind '%s' of endorsement %s -> %s; the policy knows %s: add it with"
                  + " ScoringPolicy.builder().kind(...)",
              endorsement.kind(), endorsement.endorser(), endorsement.target(), kinds.keySet()),
          endorsement.kind());
    }
    checkArgument(
        kind.rated() == endorsement.value().isPresent(),
        kind.rated()
            ? "endorsement %s -> %s of rated kind '%s' has no value; record it with"
                + " Endorsement.rating(...)"
            : "endorsement %s -> %s of kind '%s' has a value, but the kind is not rated; drop the"
                + " value or declare the kind with KindWeight.rated(...)",
        endorsement.endorser(),
        endorsement.target(),
        endorsement.kind());
  }

  /**
   * The weight of one endorsement under this policy's kinds, before decay, saturation and the
   * crediting of a contribution's authors: its kind's fixed weight, or {@code scale * (value -
   * neutral)} for a rated kind. Positive is trust, negative distrust, 0 counts for nothing. This is
   * the per-event rule that {@link Reputation#compute(Ledger, ScoringPolicy)} applies, offered for
   * engines that compile events elsewhere (the Spark module calls it from its functions).
   *
   * @throws NullPointerException if {@code endorsement} is null
   * @throws IllegalArgumentException as {@link #check(Endorsement)}: an unknown kind, or a value
   *     that does not fit the kind
   */
  public double weigh(Endorsement endorsement) {
    check(endorsement);
    KindWeight kind = kinds.get(endorsement.kind());
    return kind.weightOf(endorsement.value().orElse(Double.NaN));
  }

  /** The kinds this policy knows, by name. */
  public Map<String, KindWeight> kinds() {
    return kinds;
  }

  /** How repeated endorsements of one pair add up. */
  public Saturation saturation() {
    return saturation;
  }

  /** How endorsements lose weight with age. */
  public Decay decay() {
    return decay;
  }

  /** The half-life of the decay, if it is {@link Decay#halfLife(Duration)}. */
  public Optional<Duration> halfLife() {
    return decay instanceof HalfLife h ? Optional.of(h.halfLife()) : Optional.empty();
  }

  /** The scoring time, or empty for "the time of the ledger's latest live event". */
  public Optional<Instant> asOf() {
    return Optional.ofNullable(asOf);
  }

  /** Where the teleport distribution comes from. */
  public Teleport teleport() {
    return teleport;
  }

  /** The seeds and their weights (empty unless {@link #teleport()} is {@code SEEDS}). */
  public Map<String, Double> seeds() {
    return seeds;
  }

  /** How strongly distrust discounts scores; 0 ignores distrust. */
  public double distrustStrength() {
    return distrustStrength;
  }

  /** The largest share of a contributor's score one endorser may supply; 1 for no cap. */
  public double influenceCap() {
    return influenceCap;
  }

  /** The factor on endorsements that are reciprocated; 1 for none. */
  public double reciprocalWeight() {
    return reciprocalWeight;
  }

  /** The solver that scores the compiled graph. */
  public RankSolver solver() {
    return solver;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScoringPolicy p
        && kinds.equals(p.kinds)
        && saturation.equals(p.saturation)
        && decay.equals(p.decay)
        && Objects.equals(asOf, p.asOf)
        && teleport == p.teleport
        && seeds.equals(p.seeds)
        && Double.compare(distrustStrength, p.distrustStrength) == 0
        && Double.compare(influenceCap, p.influenceCap) == 0
        && Double.compare(reciprocalWeight, p.reciprocalWeight) == 0
        && solver.equals(p.solver);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kinds, saturation, decay, asOf, teleport, seeds, solver);
  }

  @Override
  public String toString() {
    return "ScoringPolicy{kinds="
        + kinds.values()
        + ", saturation="
        + saturation
        + ", decay="
        + decay
        + ", asOf="
        + (asOf == null ? "latest event" : asOf)
        + ", teleport="
        + teleport
        + (teleport == Teleport.SEEDS ? " " + seeds : "")
        + ", distrustStrength="
        + distrustStrength
        + ", influenceCap="
        + influenceCap
        + ", reciprocalWeight="
        + reciprocalWeight
        + ", solver="
        + solver
        + "}";
  }

  private static Map<String, KindWeight> kindMap(KindWeight... kinds) {
    ImmutableMap.Builder<String, KindWeight> map = ImmutableMap.builder();
    for (KindWeight kind : kinds) {
      map.put(kind.kind(), kind);
    }
    return map.buildOrThrow();
  }

  /**
   * Builds a {@link ScoringPolicy}. Starts from the defaults listed in the class documentation;
   * every setter checks its argument at once. Not thread-safe.
   */
  public static final class Builder {
    private final Map<String, KindWeight> kinds = new LinkedHashMap<>(DEFAULT_KINDS);
    private Saturation saturation = Saturation.log();
    private Decay decay = Decay.none();
    private Instant asOf;
    private Teleport teleport = Teleport.UNIFORM;
    private final Map<String, Double> seeds = new LinkedHashMap<>();
    private double distrustStrength = DEFAULT_DISTRUST_STRENGTH;
    private double influenceCap = DEFAULT_INFLUENCE_CAP;
    private double reciprocalWeight = DEFAULT_RECIPROCAL_WEIGHT;
    private RankSolver solver = RankSolver.defaults();

    private Builder() {}

    /** Forgets every kind, the defaults included. */
    public Builder clearKinds() {
      kinds.clear();
      return this;
    }

    /**
     * Declares (or redeclares) a fixed kind: each endorsement of it weighs {@code weight}; a
     * negative weight makes it distrust.
     *
     * @throws IllegalArgumentException if the name is empty or the weight is not finite
     */
    public Builder kind(String kind, double weight) {
      return kind(KindWeight.fixed(kind, weight));
    }

    /** Declares (or redeclares) a kind. */
    public Builder kind(KindWeight kind) {
      checkNotNull(kind, "kind is null");
      kinds.put(kind.kind(), kind);
      return this;
    }

    /** Sets the saturation of repeated endorsements (default {@link Saturation#log()}). */
    public Builder saturation(Saturation saturation) {
      this.saturation = checkNotNull(saturation, "saturation is null; use Saturation.linear()");
      return this;
    }

    /** Sets the decay with age (default {@link Decay#none()}). */
    public Builder decay(Decay decay) {
      this.decay = checkNotNull(decay, "decay is null; use Decay.none()");
      return this;
    }

    /**
     * Sets the scoring time: events after it are ignored and ages are measured to it. Null (the
     * default) means the time of the ledger's latest live event.
     */
    public Builder asOf(Instant asOf) {
      this.asOf = asOf;
      return this;
    }

    /**
     * Teleports to {@code seeds} in proportion to their weights. Seeds are resolved when scoring: a
     * seed that is not a contributor of the ledger is an error then.
     *
     * @throws NullPointerException if {@code seeds}, a seed id or a weight is null
     * @throws IllegalArgumentException if {@code seeds} is empty, a seed id is empty, a weight is
     *     negative or not finite, or the weights sum to zero
     */
    public Builder seeds(Map<String, Double> seeds) {
      checkNotNull(seeds, "seeds is null");
      checkArgument(!seeds.isEmpty(), "seeds is empty; call uniformTeleport() instead");
      Seeds.check(seeds);
      this.seeds.clear();
      this.seeds.putAll(seeds);
      this.teleport = Teleport.SEEDS;
      return this;
    }

    /** Teleports to authors in proportion to their (decayed) contributions. */
    public Builder activityPrior() {
      this.seeds.clear();
      this.teleport = Teleport.ACTIVITY;
      return this;
    }

    /** Teleports to every contributor alike (the default). */
    public Builder uniformTeleport() {
      this.seeds.clear();
      this.teleport = Teleport.UNIFORM;
      return this;
    }

    /**
     * Sets how strongly distrust discounts scores (default {@value #DEFAULT_DISTRUST_STRENGTH}); 0
     * ignores distrust.
     *
     * @throws IllegalArgumentException unless {@code 0 <= strength <= 1}
     */
    public Builder distrustStrength(double strength) {
      checkArgument(
          strength >= 0 && strength <= 1, "distrust strength %s must be in [0, 1]", strength);
      this.distrustStrength = strength;
      return this;
    }

    /**
     * Caps the share of a contributor's score that any one endorser may supply (default {@value
     * #DEFAULT_INFLUENCE_CAP}: no cap).
     *
     * @throws IllegalArgumentException unless {@code 0 < cap <= 1}
     */
    public Builder influenceCap(double cap) {
      checkArgument(cap > 0 && cap <= 1, "influence cap %s must be in (0, 1], e.g. 0.2", cap);
      this.influenceCap = cap;
      return this;
    }

    /**
     * Multiplies the weight of every reciprocated endorsement (u endorses v and v endorses u) by
     * {@code weight} (default {@value #DEFAULT_RECIPROCAL_WEIGHT}: no damping).
     *
     * @throws IllegalArgumentException unless {@code 0 <= weight <= 1}
     */
    public Builder reciprocalWeight(double weight) {
      checkArgument(
          weight >= 0 && weight <= 1, "reciprocal weight %s must be in [0, 1], e.g. 0.5", weight);
      this.reciprocalWeight = weight;
      return this;
    }

    /** Sets the solver (default {@link RankSolver#defaults()}). */
    public Builder solver(RankSolver solver) {
      this.solver = checkNotNull(solver, "solver is null; use RankSolver.defaults()");
      return this;
    }

    /**
     * Builds the policy.
     *
     * @throws IllegalStateException if no kind is declared
     */
    public ScoringPolicy build() {
      if (kinds.isEmpty()) {
        throw new IllegalStateException("the policy knows no kind; declare some with kind(...)");
      }
      return new ScoringPolicy(this);
    }
  }
}
