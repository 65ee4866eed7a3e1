package dev.wuffie.explore;

import dev.wuffie.Endorsement;
import dev.wuffie.Ledger;
import dev.wuffie.LedgerEntry;
import dev.wuffie.LedgerSnapshot;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.Standing;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every member's score and rank over time: the ledger scored as it stood at the first of each month
 * (UTC) across its time span, for the explorer's chart of a member's history.
 *
 * <p>Points run from the first month start at or after the ledger's earliest live event to the
 * first at or after its latest, so the last point holds every event. At most {@link #MAX_POINTS}:
 * beyond that they step by whole months, counted back from the last. Each point is a full {@link
 * Reputation#compute(Ledger, ScoringPolicy)} of a ledger that holds only what the site knew then:
 * the live events up to that instant (the policy's {@code asOf} alone would leave later events out
 * but keep every account, and accounts that did not exist yet would take a teleport share), the
 * accounts they name, the contributions they endorse, the merges between those accounts, and the
 * policy's seeds; the policy scores it with {@code asOf} set to the point. A member's rank is among
 * the members scored at that point; before its first event a member is absent: score 0, rank 0.
 *
 * <pre>{@code
 * ScoreHistory history = ScoreHistory.monthly(ledger.snapshot(), policy);
 * for (ScoreHistory.Point p : history.of("bob")) {
 *   System.out.println(p.asOf() + " " + p.rank() + " " + p.score());
 * }
 * }</pre>
 *
 * <p>Cost: one pass over the events to sort them by time, then one full scoring per point, each of
 * the events up to it: {@code O(P (E + solve))} for {@code P} points. Memory: 8 bytes per member
 * per point (a float score and an int rank), so 100,000 members over 120 months take 96 MB; {@link
 * #of(String)} is {@code O(P)}.
 *
 * <p>Immutable once built; safe to share between threads.
 */
final class ScoreHistory {
  /** The most points a history holds: ten years of months, or a longer span in steps. */
  static final int MAX_POINTS = 120;

  private final Instant[] times;
  private final Map<String, Integer> columns; // person or alias id -> member column
  private final float[][] scores; // [point][column]
  private final int[][] ranks; // [point][column]; 0 when absent

  private ScoreHistory(
      Instant[] times, Map<String, Integer> columns, float[][] scores, int[][] ranks) {
    this.times = times;
    this.columns = columns;
    this.scores = scores;
    this.ranks = ranks;
  }

  /** A member's score and rank at one point; score 0 and rank 0 when it was absent. */
  record Point(Instant asOf, double score, int rank) {}

  /**
   * The monthly history of {@code snapshot} under {@code policy} (see the class documentation).
   * Empty (no points) when the snapshot has no live event.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the policy cannot score the snapshot (an unknown kind, a
   *     value that does not fit its kind, a seed that is not a contributor)
   */
  static ScoreHistory monthly(LedgerSnapshot snapshot, ScoringPolicy policy) {
    List<Endorsement> events = liveEventsByTime(snapshot);
    Map<String, Integer> columns = new HashMap<>();
    List<String> persons = new ArrayList<>();
    Map<String, LedgerEntry.Contribution> contributions = new HashMap<>();
    List<LedgerEntry.Merge> merges = new ArrayList<>();
    snapshot
        .entries()
        .forEach(
            entry -> {
              if (entry instanceof LedgerEntry.Contribution c) {
                contributions.put(c.id(), c);
              } else if (entry instanceof LedgerEntry.Merge m) {
                merges.add(m);
              }
            });
    Set<String> aliases = new HashSet<>();
    merges.forEach(m -> aliases.add(m.alias()));
    snapshot
        .entries()
        .filter(entry -> entry instanceof LedgerEntry.Contributor)
        .map(entry -> ((LedgerEntry.Contributor) entry).id())
        .filter(id -> !aliases.contains(id))
        .forEach(
            id -> {
              columns.put(id, persons.size());
              persons.add(id);
            });
    merges.forEach(m -> columns.put(m.alias(), columns.get(m.person())));
    Instant[] times = points(events);
    float[][] scores = new float[times.length][];
    int[][] ranks = new int[times.length][];
    Replay replay =
        new Replay(events, contributions, merges, policy, latest(events, contributions));
    for (int p = 0; p < times.length; p++) {
      Reputation reputation = replay.scoreAt(times[p]);
      scores[p] = new float[persons.size()];
      ranks[p] = new int[persons.size()];
      for (int j = 0; j < persons.size(); j++) {
        Optional<Standing> standing = reputation.find(persons.get(j));
        if (standing.isPresent()) {
          scores[p][j] = (float) standing.get().score();
          ranks[p][j] = standing.get().rank();
        }
      }
    }
    return new ScoreHistory(times, Map.copyOf(columns), scores, ranks);
  }

  /** The instants of the points, oldest first. */
  List<Instant> times() {
    return List.of(times);
  }

  /**
   * The history of member {@code id} (an account merged into a person reads the person's), one
   * point per {@linkplain #times() time}, oldest first.
   *
   * @throws IllegalArgumentException if {@code id} is not an account of the ledger
   */
  List<Point> of(String id) {
    Integer column = id == null ? null : columns.get(id);
    if (column == null) {
      throw new IllegalArgumentException(
          "unknown member '"
              + id
              + "': it is not an account of the ledger (ids are case-sensitive)");
    }
    List<Point> points = new ArrayList<>(times.length);
    for (int p = 0; p < times.length; p++) {
      points.add(new Point(times[p], scores[p][column], ranks[p][column]));
    }
    return Collections.unmodifiableList(points);
  }

  /** The live events, by time (in record order at equal times). */
  private static List<Endorsement> liveEventsByTime(LedgerSnapshot snapshot) {
    List<Endorsement> events = new ArrayList<>(snapshot.liveEventCount());
    for (long e = 0; e < snapshot.eventCount(); e++) {
      if (!snapshot.retracted(e)) {
        events.add(snapshot.event(e));
      }
    }
    events.sort((a, b) -> a.time().compareTo(b.time())); // stable: record order kept at ties
    return events;
  }

  /**
   * The first of each month from the one at or after the earliest event to the one at or after the
   * latest, stepping by whole months (counted back from the last) so there are at most {@link
   * #MAX_POINTS}.
   */
  static Instant[] points(List<Endorsement> events) {
    if (events.isEmpty()) {
      return new Instant[0];
    }
    LocalDate first = monthAtOrAfter(events.get(0).time());
    LocalDate last = monthAtOrAfter(events.get(events.size() - 1).time());
    long months =
        (last.getYear() - first.getYear()) * 12L + last.getMonthValue() - first.getMonthValue();
    long step = months / MAX_POINTS + 1; // (months + 1) points at step 1
    int count = (int) (months / step) + 1;
    Instant[] points = new Instant[count];
    for (int k = 0; k < count; k++) {
      points[count - 1 - k] = last.minusMonths(k * step).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    return points;
  }

  private static LocalDate monthAtOrAfter(Instant time) {
    LocalDate day = time.atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate month = day.withDayOfMonth(1);
    boolean atStart = month.atStartOfDay(ZoneOffset.UTC).toInstant().equals(time);
    return atStart ? month : month.plusMonths(1);
  }

  private static Instant latest(
      List<Endorsement> events, Map<String, LedgerEntry.Contribution> contributions) {
    Instant latest = events.isEmpty() ? Instant.EPOCH : events.get(events.size() - 1).time();
    for (LedgerEntry.Contribution c : contributions.values()) {
      latest = c.time().isAfter(latest) ? c.time() : latest;
    }
    return latest;
  }

  /**
   * The ledger rebuilt in time order: each call adds the events up to a later instant, with the
   * accounts, contributions and merges they bring, and scores it.
   */
  private static final class Replay {
    private final List<Endorsement> events;
    private final Map<String, LedgerEntry.Contribution> contributions;
    private final List<LedgerEntry.Merge> merges;
    private final ScoringPolicy policy;
    private final Ledger ledger;
    private final Set<String> accounts = new HashSet<>();
    private final Set<String> added = new HashSet<>(); // contributions registered
    private final boolean[] merged;
    private int next;

    Replay(
        List<Endorsement> events,
        Map<String, LedgerEntry.Contribution> contributions,
        List<LedgerEntry.Merge> merges,
        ScoringPolicy policy,
        Instant latest) {
      this.events = events;
      this.contributions = contributions;
      this.merges = merges;
      this.policy = policy;
      this.merged = new boolean[merges.size()];
      // every time the site's ledger holds is in the past of this clock
      this.ledger = Ledger.builder().clock(Clock.fixed(latest, ZoneOffset.UTC)).build();
      policy.seeds().keySet().forEach(seed -> ledger.addContributor(seed));
    }

    Reputation scoreAt(Instant asOf) {
      List<LedgerEntry> batch = new ArrayList<>();
      for (; next < events.size() && !events.get(next).time().isAfter(asOf); next++) {
        Endorsement event = events.get(next);
        account(event.endorser(), batch);
        if (event.toContribution()) {
          LedgerEntry.Contribution c = contributions.get(event.target());
          if (added.add(c.id())) {
            c.shares().keySet().forEach(author -> accounts.add(author));
            batch.add(c);
          }
        } else {
          account(event.target(), batch);
        }
        batch.add(new LedgerEntry.Event(event, null));
      }
      for (int i = 0; i < merges.size(); i++) {
        LedgerEntry.Merge m = merges.get(i);
        if (!merged[i] && accounts.contains(m.alias()) && accounts.contains(m.person())) {
          merged[i] = true;
          batch.add(m);
        }
      }
      ledger.apply(batch);
      return Reputation.compute(ledger, policy.toBuilder().asOf(asOf).build());
    }

    private void account(String id, List<LedgerEntry> batch) {
      if (accounts.add(id)) {
        batch.add(LedgerEntry.contributor(id));
      }
    }
  }

  @Override
  public String toString() {
    return "ScoreHistory{points="
        + times.length
        + ", members="
        + (long) new HashSet<>(columns.values()).size()
        + "}";
  }
}
