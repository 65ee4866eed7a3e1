package dev.wuffie.explore;

import dev.wuffie.Endorsement;
import dev.wuffie.Explanation;
import dev.wuffie.LedgerEntry;
import dev.wuffie.LedgerSnapshot;
import dev.wuffie.Reputation;
import dev.wuffie.Standing;
import dev.wuffie.graph.EndorsementGraph;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The gaming watch: the members whose score leans on a pattern a site should review, with the
 * figures, for the explorer's watch page and member pages.
 *
 * <p>Three patterns, each found from the exact terms of the scores' {@linkplain
 * Reputation#explain(String) explanations}, so a flag's share is a part of the score it names:
 *
 * <ul>
 *   <li>{@value #ONE_ENDORSER}: at least {@link #ONE_ENDORSER_SHARE} of the score comes from one
 *       endorser (share = the largest endorser term / score; with distrust, / the score before
 *       distrust, {@link #trustTotal}, as a discount takes from the whole score, not from a term);
 *   <li>{@value #RETURNED}: the member endorses and is endorsed back within a group of at least
 *       {@link #MIN_GROUP} members (a connected group of mutual endorsements) in which at least
 *       {@link #DENSE_GROUP} of all pairs endorse each other, and at least {@link #RETURNED_SHARE}
 *       of its score comes from the group (share = the sum of the group members' terms / score);
 *   <li>{@value #NEW_ACCOUNTS}: at least {@link #MIN_NEW_ACCOUNTS} new accounts endorse the member
 *       together (their first endorsements of it within {@link #NEW_ACCOUNT_AGE} of each other: the
 *       largest such set), giving at least {@link #NEW_ACCOUNTS_SHARE} of its score (share = the
 *       sum of their terms / score). An endorser is a new account when its first endorsement of the
 *       member came at most {@link #NEW_ACCOUNT_AGE} after the account was first seen in the ledger
 *       (its first event, given or received, or its first contribution) and more than that after
 *       the ledger's first event (an account seen in the ledger's first days may be older than the
 *       ledger), and at most {@link #FEW_OUTSIDE_ENDORSERS} members other than the member and the
 *       other new accounts endorse it: it has no standing of its own. Needs a ledger's times: empty
 *       for a bare graph.
 * </ul>
 *
 * <p>Only members with at least {@link #MIN_POINTS} points are listed, to keep noise out; in a
 * dense group it is enough that the group's members hold that many together, as a ring shares out
 * what it gets and passes the rest on (a dozen accounts pushing one member hold well under a point
 * each); each list is largest share first (then highest score), at most {@link #MAX_FLAGS}. {@link
 * #help()} tells what each pattern means and which policy setting answers it.
 *
 * <pre>{@code
 * GamingWatch watch = GamingWatch.of(reputation, ledger.snapshot());
 * watch.newAccounts().forEach(flag -> System.out.println(flag.text()));
 * }</pre>
 *
 * <p>Cost: {@code O(m log m)} for {@code m} endorsements: one explanation per member listed or
 * examined (a member in a dense group, a member with new endorsers, every member from {@link
 * #MIN_POINTS} on), one lookup per endorsement for its reverse, one pass over the ledger's events.
 *
 * <p>Immutable once built; safe to share between threads.
 */
final class GamingWatch {
  /** The pattern name of a large share from one endorser. */
  static final String ONE_ENDORSER = "oneEndorser";

  /** The pattern name of returned endorsements in a dense group. */
  static final String RETURNED = "returned";

  /** The pattern name of new accounts endorsing one member together. */
  static final String NEW_ACCOUNTS = "newAccounts";

  /**
   * The fewest points (score times members: 1 is the average) a member needs to be listed:
   * {@value}. Below the average, a score is mostly teleport and what one or two endorsements bring,
   * and a single endorser giving most of it is the rule, not a pattern.
   */
  static final double MIN_POINTS = 1.0;

  /** The share of a score from one endorser that is flagged: {@value}, more than all others. */
  static final double ONE_ENDORSER_SHARE = 0.5;

  /** The fewest members of a group of mutual endorsements that is examined: {@value}. */
  static final int MIN_GROUP = 3;

  /**
   * The share of a group's pairs that endorse each other from which it is dense: {@value}. An
   * honest community's mutual endorsements form large, sparse groups; a voting ring endorses all
   * round.
   */
  static final double DENSE_GROUP = 0.5;

  /** The share of a score from its dense group that is flagged: {@value}, most of it. */
  static final double RETURNED_SHARE = 0.5;

  /** How soon after it was first seen an account's endorsement counts as a new account's. */
  static final Duration NEW_ACCOUNT_AGE = Duration.ofDays(30);

  /** The most endorsers from elsewhere a new account may have: {@value}. */
  static final int FEW_OUTSIDE_ENDORSERS = 2;

  /** The fewest new accounts endorsing one member that are flagged: {@value}. */
  static final int MIN_NEW_ACCOUNTS = 3;

  /**
   * The share of a score from new accounts that is flagged: {@value}. New accounts of a real site
   * endorse the well-known members too, but hold little and give a small part of their scores.
   */
  static final double NEW_ACCOUNTS_SHARE = 0.2;

  /** The most flags a list holds: {@value}. */
  static final int MAX_FLAGS = 100;

  private static final Comparator<Flag> LARGEST_SHARE_FIRST =
      Comparator.comparingDouble(Flag::share)
          .reversed()
          .thenComparing(Comparator.comparingDouble(Flag::score).reversed())
          .thenComparing(Flag::id);

  private final List<Flag> oneEndorser;
  private final List<Flag> returned;
  private final List<Flag> newAccounts;
  private final Map<String, List<Flag>> byMember;

  private GamingWatch(List<Flag> oneEndorser, List<Flag> returned, List<Flag> newAccounts) {
    this.oneEndorser = oneEndorser;
    this.returned = returned;
    this.newAccounts = newAccounts;
    Map<String, List<Flag>> byMember = new HashMap<>();
    List<List<Flag>> lists = List.of(oneEndorser, returned, newAccounts);
    for (List<Flag> list : lists) {
      for (Flag flag : list) {
        byMember.computeIfAbsent(flag.id(), id -> new ArrayList<>()).add(flag);
      }
    }
    for (List<Flag> list : lists) {
      for (Flag flag : list) {
        for (String member : flag.members()) {
          List<Flag> flags = byMember.computeIfAbsent(member, id -> new ArrayList<>());
          boolean groupShown =
              flag.pattern().equals(RETURNED)
                  && flags.stream().anyMatch(f -> f.pattern().equals(RETURNED));
          if (!member.equals(flag.id()) && !groupShown) {
            flags.add(flag);
          }
        }
      }
    }
    byMember.replaceAll((id, flags) -> List.copyOf(flags));
    this.byMember = Map.copyOf(byMember);
  }

  /**
   * One member whose score leans on a pattern.
   *
   * @param pattern {@value #ONE_ENDORSER}, {@value #RETURNED} or {@value #NEW_ACCOUNTS}
   * @param id the member
   * @param rank its rank
   * @param score its score
   * @param share the share of its score the pattern accounts for, 0..1
   * @param members the others involved: the one endorser, the group (the member included), or the
   *     new accounts; in id order
   * @param text one plain sentence with the figures
   */
  record Flag(
      String pattern,
      String id,
      int rank,
      double score,
      double share,
      List<String> members,
      String text) {
    Flag {
      members = List.copyOf(members);
    }
  }

  /**
   * Watches {@code reputation}; {@code snapshot} is the ledger it was computed from, or null for a
   * bare graph (then {@link #newAccounts()} is empty).
   */
  static GamingWatch of(Reputation reputation, LedgerSnapshot snapshot) {
    Explanations explanations = new Explanations(reputation);
    return new GamingWatch(
        top(oneEndorser(reputation, explanations)),
        top(returned(reputation, explanations)),
        snapshot == null ? List.of() : top(newAccounts(reputation, snapshot, explanations)));
  }

  /** Members with a large share of the score from one endorser, largest share first. */
  List<Flag> oneEndorser() {
    return oneEndorser;
  }

  /** Members whose score comes from returned endorsements in a dense group. */
  List<Flag> returned() {
    return returned;
  }

  /** Members endorsed together by new accounts. */
  List<Flag> newAccounts() {
    return newAccounts;
  }

  /**
   * The flags that name {@code id}: its own, then those it is involved in (the endorser named, a
   * new account), with one flag of its dense group when it is not flagged in it itself.
   */
  List<Flag> of(String id) {
    return byMember.getOrDefault(id, List.of());
  }

  /** What each pattern means and which policy settings answer it, for the page's help. */
  static String help() {
    return String.format(
        Locale.ROOT,
        "One endorser: at least %.0f%% of a member's score comes from a single endorser. A friend, a"
            + " second account or a bought endorsement can lift a member that no one else"
            + " vouches for. The influence cap answers it: no endorser may give more than that"
            + " share of anyone's score.%n"
            + "Returned endorsements: the member and at least %d others endorse each other, in a"
            + " group where at least %.0f%% of the pairs do, and at least %.0f%% of the member's"
            + " score comes from the group. Voting rings look like this. The reciprocal weight"
            + " answers it: mutual endorsements count for less.%n"
            + "New accounts: at least %d accounts, each first seen at most %d days before it"
            + " endorsed the member and endorsed by almost no one else, give at least %.0f%% of"
            + " the member's score. Sybil accounts made to push one member look like this. Seeds"
            + " answer it: with trusted members as the teleport, accounts that no trusted member"
            + " reaches hold almost nothing to give.%n"
            + "Only members with at least %.1f points (the average member has 1), or in a group"
            + " that holds as much, are listed.",
        100 * ONE_ENDORSER_SHARE,
        MIN_GROUP - 1,
        100 * DENSE_GROUP,
        100 * RETURNED_SHARE,
        MIN_NEW_ACCOUNTS,
        NEW_ACCOUNT_AGE.toDays(),
        100 * NEW_ACCOUNTS_SHARE,
        MIN_POINTS);
  }

  private static List<Flag> oneEndorser(Reputation reputation, Explanations explanations) {
    List<Flag> flags = new ArrayList<>();
    for (String id : reputation.ids()) {
      Standing standing = reputation.standing(id);
      if (standing.points() < MIN_POINTS || standing.score() <= 0) {
        continue;
      }
      List<Explanation.Term> endorsers = explanations.of(id).endorsers();
      if (endorsers.isEmpty()) {
        continue;
      }
      Explanation.Term top = endorsers.get(0);
      double share = Math.min(1, top.amount() / trustTotal(explanations.of(id)));
      if (share >= ONE_ENDORSER_SHARE) {
        flags.add(
            flag(
                ONE_ENDORSER,
                standing,
                share,
                List.of(top.endorser()),
                String.format(
                    Locale.ROOT,
                    "%s gets %.0f%% of its score from one endorser, %s.",
                    id,
                    100 * share,
                    top.endorser())));
      }
    }
    return flags;
  }

  private static List<Flag> returned(Reputation reputation, Explanations explanations) {
    EndorsementGraph graph = reputation.graph();
    List<Flag> flags = new ArrayList<>();
    for (MutualGroup group : mutualGroups(graph)) {
      List<Integer> members = group.members();
      double size = members.size();
      double density = group.pairs() / (size * (size - 1) / 2);
      if (size < MIN_GROUP || density < DENSE_GROUP) {
        continue;
      }
      Set<String> ids = new HashSet<>();
      double points = 0;
      for (int v : members) {
        ids.add(graph.id(v));
        points += reputation.standing(graph.id(v)).points();
      }
      if (points < MIN_POINTS) {
        continue;
      }
      List<String> sorted = ids.stream().sorted().toList();
      for (int v : members) {
        Standing standing = reputation.standing(graph.id(v));
        if (standing.score() <= 0) {
          continue;
        }
        double share = explanations.shareFrom(standing, ids);
        if (share >= RETURNED_SHARE) {
          flags.add(
              flag(
                  RETURNED,
                  standing,
                  share,
                  sorted,
                  String.format(
                      Locale.ROOT,
                      "%s gets %.0f%% of its score from a group of %d members who endorse each"
                          + " other (%.0f%% of its pairs do).",
                      standing.id(),
                      100 * share,
                      members.size(),
                      100 * density)));
        }
      }
    }
    return flags;
  }

  /** A connected group of mutual endorsements: its members (graph indices) and mutual pairs. */
  private record MutualGroup(List<Integer> members, int pairs) {}

  /**
   * The connected groups of mutual endorsements ({@code u -> v} and {@code v -> u}), by union-find
   * over the pairs: {@code O(m log m)}, one reverse lookup per endorsement.
   */
  private static List<MutualGroup> mutualGroups(EndorsementGraph graph) {
    int n = graph.size();
    int[] parent = new int[n];
    for (int v = 0; v < n; v++) {
      parent[v] = v;
    }
    List<int[]> mutual = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      for (int e = graph.inStart(v); e < graph.inEnd(v); e++) {
        int u = graph.source(e);
        if (u < v && graph.weight(e) > 0 && graph.weight(v, u) > 0) {
          mutual.add(new int[] {u, v});
          parent[find(parent, u)] = find(parent, v);
        }
      }
    }
    Map<Integer, Integer> pairs = new HashMap<>();
    for (int[] pair : mutual) {
      pairs.merge(find(parent, pair[0]), 1, Integer::sum);
    }
    Map<Integer, List<Integer>> members = new HashMap<>();
    for (int v = 0; v < n; v++) {
      if (pairs.containsKey(find(parent, v))) {
        members.computeIfAbsent(find(parent, v), root -> new ArrayList<>()).add(v);
      }
    }
    List<MutualGroup> groups = new ArrayList<>(members.size());
    members.forEach((root, list) -> groups.add(new MutualGroup(list, pairs.get(root))));
    return groups;
  }

  private static int find(int[] parent, int v) {
    while (parent[v] != v) {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
    return v;
  }

  private static List<Flag> newAccounts(
      Reputation reputation, LedgerSnapshot snapshot, Explanations explanations) {
    EndorsementGraph graph = reputation.graph();
    Map<Integer, List<long[]>> newEndorsers = newEndorsers(reputation, snapshot);
    List<Flag> flags = new ArrayList<>();
    for (Map.Entry<Integer, List<long[]>> target : newEndorsers.entrySet()) {
      int v = target.getKey();
      Standing standing = reputation.standing(graph.id(v));
      if (target.getValue().size() < MIN_NEW_ACCOUNTS
          || standing.points() < MIN_POINTS
          || standing.score() <= 0) {
        continue;
      }
      Set<Integer> group = new HashSet<>();
      target.getValue().forEach(endorsement -> group.add((int) endorsement[1]));
      group.add(v);
      List<long[]> unknown = new ArrayList<>(); // {time of the first endorsement, endorser}
      for (long[] endorsement : target.getValue()) {
        int u = (int) endorsement[1];
        int outside = 0;
        for (int e = graph.inStart(u); e < graph.inEnd(u); e++) {
          if (graph.weight(e) > 0 && !group.contains(graph.source(e))) {
            outside++;
          }
        }
        if (outside <= FEW_OUTSIDE_ENDORSERS) {
          unknown.add(endorsement);
        }
      }
      Set<String> accounts = together(unknown, graph);
      if (accounts.size() < MIN_NEW_ACCOUNTS) {
        continue;
      }
      double share = explanations.shareFrom(standing, accounts);
      if (share >= NEW_ACCOUNTS_SHARE) {
        flags.add(
            flag(
                NEW_ACCOUNTS,
                standing,
                share,
                accounts.stream().sorted().toList(),
                String.format(
                    Locale.ROOT,
                    "%s gets %.0f%% of its score from %d new accounts, each first seen at most %d"
                        + " days before it endorsed %s and endorsed by almost no one else.",
                    standing.id(),
                    100 * share,
                    accounts.size(),
                    NEW_ACCOUNT_AGE.toDays(),
                    standing.id())));
      }
    }
    return flags;
  }

  /**
   * For each member, its endorsers that were new accounts when they first endorsed it (first seen
   * at most {@link #NEW_ACCOUNT_AGE} before, and more than that after the ledger's start), each as
   * {@code {time of that first endorsement, endorser}} (graph indices). One pass over the ledger.
   */
  private static Map<Integer, List<long[]>> newEndorsers(
      Reputation reputation, LedgerSnapshot snapshot) {
    EndorsementGraph graph = reputation.graph();
    int n = graph.size();
    Map<String, Integer> person = new HashMap<>();
    long[] firstSeen = new long[n];
    java.util.Arrays.fill(firstSeen, Long.MAX_VALUE);
    Map<String, List<String>> authors = new HashMap<>();
    snapshot
        .entries()
        .filter(entry -> entry instanceof LedgerEntry.Contribution)
        .map(entry -> (LedgerEntry.Contribution) entry)
        .forEach(
            c -> {
              authors.put(c.id(), List.copyOf(c.shares().keySet()));
              for (String author : c.shares().keySet()) {
                seen(firstSeen, personOf(reputation, person, author), c.time().toEpochMilli());
              }
            });
    Map<Long, Long> firstEndorsement = new HashMap<>(); // (endorser, endorsed) -> earliest time
    for (long e = 0; e < snapshot.eventCount(); e++) {
      if (snapshot.retracted(e)) {
        continue;
      }
      Endorsement event = snapshot.event(e);
      long time = event.time().toEpochMilli();
      int u = personOf(reputation, person, event.endorser());
      seen(firstSeen, u, time);
      List<String> targets =
          event.toContribution() ? authors.get(event.target()) : List.of(event.target());
      for (String target : targets) {
        int v = personOf(reputation, person, target);
        seen(firstSeen, v, time);
        if (u != v) {
          firstEndorsement.merge((long) u * n + v, time, Math::min);
        }
      }
    }
    long age = NEW_ACCOUNT_AGE.toMillis();
    long start = Long.MAX_VALUE; // when the ledger starts: accounts seen then may be older
    for (long seen : firstSeen) {
      start = Math.min(start, seen);
    }
    Map<Integer, List<long[]>> newEndorsers = new HashMap<>();
    for (Map.Entry<Long, Long> pair : firstEndorsement.entrySet()) {
      int u = (int) (pair.getKey() / n);
      int v = (int) (pair.getKey() % n);
      if (firstSeen[u] - start > age
          && pair.getValue() - firstSeen[u] <= age
          && graph.weight(u, v) > 0) {
        newEndorsers
            .computeIfAbsent(v, k -> new ArrayList<>())
            .add(new long[] {pair.getValue(), u});
      }
    }
    return newEndorsers;
  }

  /**
   * The largest set of {@code endorsements} ({time, endorser}) within {@link #NEW_ACCOUNT_AGE} of
   * each other (the earliest such set at equal sizes), as endorser ids.
   */
  private static Set<String> together(List<long[]> endorsements, EndorsementGraph graph) {
    endorsements.sort(Comparator.comparingLong((long[] x) -> x[0]).thenComparingLong(x -> x[1]));
    int bestFrom = 0;
    int bestTo = 0;
    for (int from = 0, to = 0; to < endorsements.size(); to++) {
      while (endorsements.get(to)[0] - endorsements.get(from)[0] > NEW_ACCOUNT_AGE.toMillis()) {
        from++;
      }
      if (to + 1 - from > bestTo - bestFrom) {
        bestFrom = from;
        bestTo = to + 1;
      }
    }
    Set<String> ids = new HashSet<>();
    for (long[] endorsement : endorsements.subList(bestFrom, bestTo)) {
      ids.add(graph.id((int) endorsement[1]));
    }
    return ids;
  }

  /**
   * The score before distrust took its part: the score plus the distrusters' discounts, less what
   * the floor at zero gave back (so the teleport, returned and endorser terms, within the solver's
   * tolerance). Without distrust it is the score itself; with it, a share of the score could pass
   * 100%, as discounts take from the whole score, not from single terms.
   */
  static double trustTotal(Explanation explanation) {
    double total = explanation.score() - explanation.floor();
    for (Explanation.Term term : explanation.distrusters()) {
      total += term.amount();
    }
    return total;
  }

  private static int personOf(Reputation reputation, Map<String, Integer> person, String account) {
    return person.computeIfAbsent(
        account, id -> reputation.graph().indexOf(reputation.standing(id).id()).getAsInt());
  }

  private static void seen(long[] firstSeen, int v, long time) {
    firstSeen[v] = Math.min(firstSeen[v], time);
  }

  private static Flag flag(
      String pattern, Standing standing, double share, List<String> members, String text) {
    return new Flag(
        pattern, standing.id(), standing.rank(), standing.score(), share, members, text);
  }

  private static List<Flag> top(List<Flag> flags) {
    List<Flag> sorted = new ArrayList<>(flags);
    sorted.sort(LARGEST_SHARE_FIRST);
    return Collections.unmodifiableList(
        new ArrayList<>(sorted.subList(0, Math.min(MAX_FLAGS, sorted.size()))));
  }

  /** The explanations examined: each member is explained at most once per pattern. */
  private static final class Explanations {
    private final Reputation reputation;

    Explanations(Reputation reputation) {
      this.reputation = reputation;
    }

    Explanation of(String id) {
      return reputation.explain(id);
    }

    /**
     * The share of {@code standing}'s score that the endorsers {@code from} give (of the score
     * before distrust; see {@link #trustTotal}), at most 1.
     */
    double shareFrom(Standing standing, Set<String> from) {
      Explanation explanation = of(standing.id());
      double amount = 0;
      for (Explanation.Term term : explanation.endorsers()) {
        if (from.contains(term.endorser())) {
          amount += term.amount();
        }
      }
      return Math.min(1, amount / trustTotal(explanation));
    }
  }
}
