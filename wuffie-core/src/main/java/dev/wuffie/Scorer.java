package dev.wuffie;

import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.rank.RankResult;
import dev.wuffie.rank.RankSolver;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The scoring pipeline, in its steps: compile a ledger snapshot under the policy ({@link
 * CompiledLedger}), solve the trust graph (warm-started if asked, then held to the influence cap),
 * discount the trust scores by distrust, and hand the scores with what explanations need ({@link
 * Explainer}) to a new {@link Reputation}. {@link Reputation#compute(Ledger, ScoringPolicy)} and
 * {@link LiveReputation} score ledgers through it; {@link Reputation#compute(EndorsementGraph,
 * RankSolver, Map)} scores a bare graph through its last steps.
 *
 * <p>An incremental refresh ({@link #scoreWithin}) solves with a {@link ResidualPush} from the
 * published scores: two power iterations and local pushes when the change is small, the power
 * iteration of a plain warm start when it is spread; an exact one solves from scratch.
 *
 * <p>An instance holds its settings only, the policy; every call compiles afresh and keeps nothing,
 * so one instance serves many threads. Each step is a method of its own, so that a scorer that
 * keeps compiled state between calls can replace the first one.
 */
final class Scorer {
  /** Rounds of the influence cap after which the last weights are kept. */
  static final int MAX_CAP_ROUNDS = 100;

  /** Relative slack allowed over the influence cap. */
  static final double CAP_SLACK = 1e-6;

  private final ScoringPolicy policy;
  private final boolean quarantine;

  /** A scorer that refuses a ledger holding events the policy cannot weigh. */
  Scorer(ScoringPolicy policy) {
    this(policy, false);
  }

  /**
   * A scorer that, with {@code quarantine}, leaves the events the policy cannot weigh out and
   * counts them in the result ({@link Reputation#refusedEvents()}), instead of refusing the ledger.
   */
  Scorer(ScoringPolicy policy, boolean quarantine) {
    this.policy = policy;
    this.quarantine = quarantine;
  }

  /**
   * Scores {@code snapshot}, starting the solver from {@code previous}'s trust scores (by id;
   * contributors new since then start at zero) when it is not null: a warm start, which needs fewer
   * iterations when little changed and agrees with a cold start within the solver's tolerance.
   *
   * @throws IllegalArgumentException if the ledger has no contributor, holds events the policy
   *     cannot weigh (unless this scorer quarantines them), or a seed is not a contributor
   */
  Reputation score(LedgerSnapshot snapshot, Reputation previous) {
    return score(CompiledLedger.compile(snapshot, policy, quarantine), previous, policy.solver());
  }

  /**
   * Scores a compiled ledger with {@code solver} (the policy's, or one with another tolerance),
   * starting from {@code previous}'s trust scores when it is not null.
   */
  Reputation score(CompiledLedger compiled, Reputation previous, RankSolver solver) {
    double[] start = previous == null ? null : warmStart(previous, compiled.graph);
    return publish(compiled, solve(solver, compiled.graph, compiled.teleport, start));
  }

  /**
   * Scores {@code snapshot} once per tag of {@code scopes} (the snapshot's tag indices), as {@link
   * ScopedReputation} defines: one compile with the checks, persons and sort shared, one solve of
   * every scope's graph together ({@link RankSolver#solveAll}), then per scope the influence cap
   * (if the policy has one, from the solved scores), distrust and explanations. Returns the
   * reputations in the order of {@code scopes}.
   *
   * @throws IllegalArgumentException if the ledger has no contributor, or holds events the policy
   *     cannot weigh (unless this scorer quarantines them)
   */
  Reputation[] scoreScopes(LedgerSnapshot snapshot, int[] scopes) {
    CompiledLedger[] compiled = CompiledLedger.compile(snapshot, policy, quarantine, scopes);
    Reputation[] reputations = new Reputation[scopes.length];
    if (scopes.length == 0) {
      return reputations;
    }
    java.util.List<EndorsementGraph> graphs = new java.util.ArrayList<>();
    java.util.List<double[]> teleports = new java.util.ArrayList<>();
    for (CompiledLedger scope : compiled) {
      graphs.add(scope.graph);
      teleports.add(scope.teleport);
    }
    RankSolver solver = policy.solver();
    RankResult[] results = solver.solveAll(graphs, teleports);
    java.util.stream.IntStream.range(0, scopes.length)
        .parallel() // each scope on its own: the same on any thread
        .forEach(s -> reputations[s] = publish(compiled[s], solver, results[s]));
    return reputations;
  }

  /**
   * The reputation of a scope whose trust scores {@link RankSolver#solveAll} gave as {@code
   * result}: held to the influence cap (if the policy has one, from those scores), then published.
   */
  private Reputation publish(CompiledLedger scope, RankSolver solver, RankResult result) {
    Solved solved = new Solved(scope.graph, result, result.iterations(), true);
    if (policy.influenceCap() < 1) {
      Solved capped = solve(solver, scope.graph, scope.teleport, result.scores());
      solved =
          new Solved(
              capped.graph(),
              capped.result(),
              result.iterations() + capped.iterations(),
              capped.capSettled());
    }
    return publish(scope, solved);
  }

  /** The solved trust scores of {@code compiled} discounted by distrust, with explanations. */
  private Reputation publish(CompiledLedger compiled, Solved solved) {
    double[] trust = solved.result().scores();
    double[] discounted = discounted(compiled.distrust, trust);
    double normaliser = discounted == null ? 1 : normalise(discounted);
    double bound = errorBound(solved.result());
    if (discounted != null) {
      bound = 2 * (1 + policy.distrustStrength()) * bound / normaliser;
    }
    Explainer explainer =
        new Explainer(
            solved.graph(),
            trust,
            solved.result().damping(),
            normalised(compiled.teleport),
            normaliser,
            discounted == null ? null : compiled.distrust,
            policy.distrustStrength(),
            new LedgerParts(compiled));
    return new Reputation(
        solved.graph(),
        compiled.personsById,
        solved.result(),
        solved.iterations(),
        solved.result().converged() && solved.capSettled(),
        discounted == null ? trust : discounted,
        compiled::indexOf,
        explainer,
        policy,
        compiled.asOfMillis == Long.MIN_VALUE ? null : Instant.ofEpochMilli(compiled.asOfMillis),
        compiled.refused,
        compiled.refusedExamples,
        bound,
        evenShares(
            solved.graph(),
            compiled.graph,
            compiled.decayReleased,
            trust,
            solved.result().damping(),
            normaliser));
  }

  /**
   * Scores a compiled ledger starting from {@code previous}'s trust scores, stopping as soon as the
   * result's {@link Reputation#errorBound()} is below {@code accuracy}: the policy's solver with
   * the error-bound stop, at the accuracy divided by what distrust widened {@code previous}'s bound
   * by; tightened and resumed (up to three times) if distrust widens this bound past it. The first
   * solve is a {@link ResidualPush} (without an influence cap): pushes where the change left a
   * residual, certified by one power iteration, or power iteration when the change is spread. Costs
   * what {@link ResidualPush} says; like every method here, safe on many threads.
   */
  Reputation scoreWithin(CompiledLedger compiled, Reputation previous, double accuracy) {
    RankSolver.Builder solver = policy.solver().toBuilder().stop(RankSolver.Stop.ERROR_BOUND);
    // what distrust widened the last bound by, which this one will most likely be widened by too
    double widening = Math.max(1, previous.errorBound() / errorBound(previous.result()));
    double tolerance = 0.9 * accuracy / widening;
    Reputation reputation = scoreLocally(compiled, previous, solver.tolerance(tolerance).build());
    for (int round = 0; round < 3 && reputation.errorBound() > accuracy; round++) {
      tolerance *= 0.5 * accuracy / reputation.errorBound();
      reputation = score(compiled, reputation, solver.tolerance(tolerance).build());
    }
    return reputation;
  }

  /**
   * The shares of {@link PolicyHealth} that go through the teleport distribution: teleport, and
   * returned from dangling members, by decay, by the reciprocal weight and by the influence cap,
   * each divided by {@code normaliser} as the explanation's terms are. {@code scored} is the graph
   * that was solved (with the cap's released weight in its teleport weights), {@code compiled} the
   * one compiled (the same without a cap), {@code decayReleased} the part of the compiled teleport
   * weights that decay released (null when it released all of them). {@code O(n)}.
   */
  static double[] evenShares(
      EndorsementGraph scored,
      EndorsementGraph compiled,
      double[] decayReleased,
      double[] trust,
      double d,
      double normaliser) {
    double dangling = 0;
    double decay = 0;
    double reciprocal = 0;
    double cap = 0;
    boolean leaks = scored.hasTeleportWeights();
    for (int u = 0; u < trust.length; u++) {
      double out = scored.outWeight(u);
      if (out == 0) {
        dangling += trust[u];
      } else if (leaks) {
        double compiledWeight = compiled.teleportWeight(u);
        double decayed = decayReleased == null ? compiledWeight : decayReleased[u];
        double perWeight = trust[u] / out;
        decay += perWeight * decayed;
        reciprocal += perWeight * Math.max(0, compiledWeight - decayed);
        cap += perWeight * Math.max(0, scored.teleportWeight(u) - compiledWeight);
      }
    }
    double scale = d / normaliser;
    return new double[] {
      (1 - d) / normaliser, dangling * scale, decay * scale, reciprocal * scale, cap * scale
    };
  }

  /**
   * Scores a compiled ledger from {@code previous}'s trust scores with a {@link ResidualPush},
   * which works only where the change left a residual and falls back to {@code solver}'s power
   * iteration when the change is spread; without an influence cap (whose rounds re-weigh the graph
   * from the scores), else as {@link #score(CompiledLedger, Reputation, RankSolver)} does.
   */
  private Reputation scoreLocally(CompiledLedger compiled, Reputation previous, RankSolver solver) {
    double[] start = warmStart(previous, compiled.graph);
    if (start == null || policy.influenceCap() < 1) {
      return score(compiled, previous, solver);
    }
    ResidualPush.Outcome outcome =
        ResidualPush.solve(compiled.graph, compiled.teleport, start, solver);
    return publish(
        compiled, new Solved(compiled.graph, outcome.result(), outcome.iterations(), true));
  }

  /**
   * A bound on the L1 distance between the last iterate of a power iteration and the exact fixed
   * point: the iteration contracts by {@code d} in L1, so the distance is at most {@code d / (1 -
   * d)} times the last change. Rounding adds to it: the weights a {@link LiveCompiler} compiles
   * from the sums it keeps are within a relative {@code 2^-40} of a full compile's, which moves the
   * fixed point by at most {@code 2 d / (1 - d)} times that; and {@code 1e-12} covers the solver's
   * own sums.
   */
  static double errorBound(RankResult result) {
    double d = result.damping();
    return d / (1 - d) * (result.residual() + Math.scalb(2.0, -40)) + 1e-12;
  }

  /**
   * Scores {@code graph} with {@code solver}, teleporting to the {@code seeds} in proportion to
   * their weights, or uniformly if there are none. No policy: no distrust, no cap, no parts.
   *
   * @throws IllegalArgumentException if the graph has no contributors, or a seed is bad or not in
   *     the graph
   */
  static Reputation score(EndorsementGraph graph, RankSolver solver, Map<String, Double> seeds) {
    double[] teleport = null;
    RankResult result;
    if (seeds.isEmpty()) {
      result = solver.solve(graph);
    } else {
      teleport =
          normalised(
              Seeds.teleport(
                  seeds,
                  graph.size(),
                  id -> graph.indexOf(id).orElse(-1),
                  "graph",
                  "remove them or add them to the graph"));
      result = solver.solve(graph, teleport);
    }
    double[] trust = result.scores();
    Explainer explainer =
        new Explainer(graph, trust, result.damping(), teleport, 1, null, 0, Explainer.Parts.NONE);
    return new Reputation(
        graph,
        null,
        result,
        result.iterations(),
        result.converged(),
        trust,
        id -> graph.indexOf(id).orElse(-1),
        explainer,
        null,
        null,
        0,
        new long[0],
        errorBound(result),
        evenShares(graph, graph, null, trust, result.damping(), 1));
  }

  /** {@code previous}'s trust scores laid out for {@code next}, or null if none carries over. */
  private static double[] warmStart(Reputation previous, EndorsementGraph next) {
    EndorsementGraph graph = previous.graph();
    RankResult trust = previous.result();
    double[] start = new double[next.size()];
    double sum = 0;
    boolean extended = extendsGraph(graph, next);
    for (int v = 0; v < start.length; v++) {
      if (extended) {
        start[v] = v < graph.size() ? trust.score(v) : 0;
      } else {
        OptionalInt before = graph.indexOf(next.id(v));
        start[v] = before.isPresent() ? trust.score(before.getAsInt()) : 0;
      }
      sum += start[v];
    }
    return sum > 0 ? start : null;
  }

  /**
   * Whether the first contributors of {@code next} are those of {@code previous}, at the same
   * indices, as in the graphs of successive refreshes of a {@link LiveCompiler}: then a
   * contributor's index carries over without a lookup by id. {@code O(n)} comparisons of ids that
   * are mostly the same objects.
   */
  private static boolean extendsGraph(EndorsementGraph previous, EndorsementGraph next) {
    if (previous.size() > next.size()) {
      return false;
    }
    for (int v = 0; v < previous.size(); v++) {
      if (!previous.id(v).equals(next.id(v))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Solves {@code graph}, from {@code start} if not null (a warm start, indexed like the graph),
   * and applies the influence cap if the policy has one: returns the graph that was finally scored
   * and its result.
   */
  private Solved solve(
      RankSolver solver, EndorsementGraph graph, double[] teleport, double[] start) {
    RankResult result =
        start == null ? solver.solve(graph, teleport) : solver.solve(graph, teleport, start);
    if (policy.influenceCap() >= 1) {
      return new Solved(graph, result, result.iterations(), true);
    }
    EndorsementGraph current = graph;
    int iterations = result.iterations();
    for (int round = 0; round < MAX_CAP_ROUNDS; round++) {
      double[] s = result.scores();
      EndorsementGraph capped = capped(graph, current, s, policy.influenceCap(), solver.damping());
      if (capped == null) {
        return new Solved(current, result, iterations, true);
      }
      current = capped;
      result = solver.solve(current, teleport, s);
      iterations += result.iterations();
    }
    return new Solved(current, result, iterations, false); // the cap did not settle: reported
  }

  /**
   * One round of the influence cap: the weights of {@code compiled}, each lowered just enough that
   * its endorser's term fits under {@code cap} of the endorsed's score {@code s}: {@code w'_uv =
   * min(w_uv, cap s_v W_u / (d s_u))}, with the weight taken away added to the endorser's teleport
   * weight (so {@code W_u} stays as compiled). Always from the compiled weights, never from the
   * previous round's, so a weight lowered too far by an early round comes back up. Returns null
   * when no weight moved by more than {@link #CAP_SLACK} of its compiled value from {@code
   * current}'s: the scores are then the capped fixed point, every lowered term at the cap.
   */
  private static EndorsementGraph capped(
      EndorsementGraph compiled, EndorsementGraph current, double[] s, double cap, double d) {
    int n = compiled.size();
    EndorsementGraph.Builder builder = EndorsementGraph.builder(compiled);
    double[] released = new double[n];
    boolean moved = false;
    for (int v = 0; v < n; v++) {
      for (int e = compiled.inStart(v); e < compiled.inEnd(v); e++) {
        int u = compiled.source(e);
        double w = compiled.weight(e);
        double flow = d * s[u] * w / compiled.outWeight(u);
        double kept = flow > cap * s[v] ? w * cap * s[v] / flow : w;
        released[u] += w - kept;
        moved |= Math.abs(kept - current.weight(u, v)) > CAP_SLACK * w;
        builder.add(u, v, kept);
      }
    }
    if (!moved) {
      return null;
    }
    for (int u = 0; u < n; u++) {
      builder.addTeleportWeight(u, compiled.teleportWeight(u) + released[u]);
    }
    return builder.build();
  }

  /**
   * The trust scores {@code s} discounted by distrust and floored at zero, not yet normalised; null
   * when there is no distrust, or when it would leave no score at all.
   */
  private double[] discounted(EndorsementGraph distrust, double[] s) {
    double strength = policy.distrustStrength();
    if (distrust == null || strength == 0) {
      return null;
    }
    double[] t = s.clone();
    for (int v = 0; v < t.length; v++) {
      double discount = 0;
      for (int e = distrust.inStart(v); e < distrust.inEnd(v); e++) {
        int u = distrust.source(e);
        discount += strength * s[u] * distrust.weight(e) / distrust.outWeight(u);
      }
      t[v] = Math.max(0, s[v] - discount);
    }
    double sum = 0;
    for (double x : t) {
      sum += x;
    }
    return sum > 0 ? t : null;
  }

  /** Divides {@code t} by its sum, in place, and returns the sum. */
  private static double normalise(double[] t) {
    double sum = 0;
    for (double x : t) {
      sum += x;
    }
    for (int v = 0; v < t.length; v++) {
      t[v] /= sum;
    }
    return sum;
  }

  private static double[] normalised(double[] weights) {
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    double[] p = new double[weights.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = weights[i] / sum;
    }
    return p;
  }

  /**
   * The graph that was finally scored, its result, the solver iterations of every round, and
   * whether the influence cap settled (always, without a cap).
   */
  private record Solved(
      EndorsementGraph graph, RankResult result, int iterations, boolean capSettled) {}
}
