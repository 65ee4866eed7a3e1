package dev.wuffie.cli;

import dev.wuffie.Decay;
import dev.wuffie.KindWeight;
import dev.wuffie.Reputation;
import dev.wuffie.ScopedReputation;
import dev.wuffie.ScoringPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Policy mode, shared by {@code score} and {@code explain}: builds the policy, reads the input into
 * a ledger, resolves the seeds and scores the ledger.
 *
 * @param reputation the scores
 * @param events what was read
 * @param fromLedger whether the input was a ledger file, whose records are events
 * @param policy the policy the ledger was scored with
 * @param seeds the seeds that are contributors, or empty for no seeds
 * @param seedSource where the seeds came from ({@code --seeds} file or policy file), or null
 * @param readMillis how long reading took
 * @param scoreMillis how long scoring took
 * @param scope the tag whose scope was scored, or null for the whole input
 */
record LedgerScoring(
    Reputation reputation,
    EventReader.Events events,
    boolean fromLedger,
    ScoringPolicy policy,
    Map<String, Double> seeds,
    String seedSource,
    long readMillis,
    long scoreMillis,
    String scope) {

  /** Reads {@code input} (an edge list or a ledger file) and scores it as {@code scoring} says. */
  static LedgerScoring run(Input input, ScoreSettings scoring, Progress progress, PrintWriter err)
      throws BadInputException {
    return run(input, scoring, null, progress, err);
  }

  /**
   * As {@link #run(Input, ScoreSettings, Progress, PrintWriter)}, within the scope of tag {@code
   * scope} if it is not null ({@link ScopedReputation}).
   */
  static LedgerScoring run(
      Input input, ScoreSettings scoring, String scope, Progress progress, PrintWriter err)
      throws BadInputException {
    long start = System.nanoTime();
    ScoringPolicy policy = input.ledger() ? scoring.ledgerPolicy() : scoring.policy();
    Map<String, Double> listed;
    String seedSource;
    if (scoring.seeds() != null) {
      listed = Seeds.read(scoring.seeds());
      seedSource = scoring.seeds().toString();
    } else {
      listed = policy.seeds();
      seedSource = policy.seeds().isEmpty() ? null : scoring.policyFile().toString();
    }
    EventReader.Events events =
        input.ledger()
            ? LedgerFile.read(input, policy, progress)
            : readEvents(input, scoring, policy, progress);
    var snapshot = events.ledger().snapshot();
    Map<String, Double> seeds =
        Seeds.known(
            listed,
            snapshot::containsContributor,
            Objects.requireNonNullElse(seedSource, "seeds"),
            err);
    if (!seeds.isEmpty()) {
      policy = policy.toBuilder().seeds(seeds).build();
    }
    progress.phase(
        String.format(
            Locale.ROOT,
            "scoring %,d contributors and %,d endorsements",
            snapshot.contributorCount(),
            snapshot.eventCount()));
    long scoringStart = System.nanoTime();
    Reputation reputation;
    try {
      reputation =
          scope == null
              ? Reputation.compute(events.ledger(), policy)
              : ScopedReputation.compute(events.ledger(), policy, List.of(scope)).scope(scope);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(input.name() + ": " + e.getMessage());
    }
    long end = System.nanoTime();
    return new LedgerScoring(
        reputation,
        events,
        input.ledger(),
        policy,
        seeds,
        seedSource,
        Report.millis(scoringStart - start),
        Report.millis(end - scoringStart),
        scope);
  }

  /** What the scope line of a summary says. */
  String scopeLine() {
    return scope
        + " (endorsements of its contributions and between members; teleport to its active"
        + " members)";
  }

  private static EventReader.Events readEvents(
      Input input, ScoreSettings scoring, ScoringPolicy policy, Progress progress)
      throws BadInputException {
    EventReader.Negative negative =
        scoring.distrust()
            ? EventReader.Negative.DISTRUST
            : scoring.dropNegative() ? EventReader.Negative.DROP : EventReader.Negative.REJECT;
    EventReader reader =
        new EventReader(
            policy,
            negative,
            scoring.timeNeededBy(policy),
            scoring.policyFile() == null ? "the policy" : scoring.policyFile().toString());
    if (input.database() != null) {
      EventReader.Recorder recorder = reader.rowRecorder(input.name());
      input.database().read(recorder::add);
      return recorder.events();
    }
    try (InputStream in = progress.reading(input.opener().open(), input.name(), input.size())) {
      return reader.read(in, input.name());
    } catch (IOException e) {
      throw BadInputException.reading(input.name(), e);
    }
  }

  /**
   * Whether the summary says how distrust is applied: when it was asked for, or for a ledger file,
   * when some of its events weigh less than zero.
   */
  boolean showsDistrust(ScoreSettings scoring) {
    return fromLedger ? events.distrust() > 0 : scoring.distrust();
  }

  /**
   * The kinds that occur in the input, with what each weighs and how many lines (or, for a ledger
   * file, live events) have it.
   */
  String kindsLine() {
    List<String> parts = new ArrayList<>();
    events
        .kinds()
        .forEach(
            (name, count) ->
                parts.add(
                    weighs(policy.kinds().get(name))
                        + " ("
                        + Report.count(count, fromLedger ? "event" : "line")
                        + ")"));
    return String.join(", ", parts);
  }

  /** How many records are distrust, and how it is applied. */
  String distrustLine() {
    return Report.count(events.distrust(), fromLedger ? "negative event" : "negative record")
        + ", applied after convergence (strength "
        + Report.number(policy.distrustStrength())
        + ")";
  }

  /** How the policy scores: saturation, decay, time, teleport, and the limits that are on. */
  String policyLine() {
    List<String> parts = new ArrayList<>();
    parts.add(policy.saturation() + " saturation");
    parts.add(
        policy
            .halfLife()
            .map(h -> "half-life " + Report.duration(h))
            .orElse(policy.decay() == Decay.none() ? "no decay" : "decay " + policy.decay()));
    reputation
        .asOf()
        .ifPresent(
            t -> parts.add("as of " + t + (policy.asOf().isPresent() ? "" : " (latest event)")));
    parts.add(
        switch (policy.teleport()) {
          case UNIFORM -> "uniform teleport";
          case ACTIVITY -> "activity teleport";
          case SEEDS -> "teleport to the seeds";
        });
    if (policy.influenceCap() < 1) {
      parts.add("influence cap " + Report.number(policy.influenceCap()));
    }
    if (policy.reciprocalWeight() < 1) {
      parts.add("reciprocal weight " + Report.number(policy.reciprocalWeight()));
    }
    return String.join(", ", parts);
  }

  private static String weighs(KindWeight kind) {
    if (!kind.rated()) {
      return kind.kind() + " = " + Report.number(kind.scale());
    }
    String value =
        kind.neutral() == 0 ? "value" : "(value - " + Report.number(kind.neutral()) + ")";
    return kind.kind()
        + " = "
        + (kind.scale() == 1 ? value : Report.number(kind.scale()) + " x " + value);
  }
}
