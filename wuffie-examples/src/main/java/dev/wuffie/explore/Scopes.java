package dev.wuffie.explore;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import dev.wuffie.Ledger;
import dev.wuffie.LedgerEntry;
import dev.wuffie.LedgerSnapshot;
import dev.wuffie.Reputation;
import dev.wuffie.ScopedReputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.Standing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scopes of the explored ledger (the tags its contributions carry) and the reputation within
 * each ({@link ScopedReputation}, topic-sensitive PageRank), read for the page.
 *
 * <p>The list of scopes, with how many members authored a contribution with each tag, is one pass
 * over the ledger's contributions. The reputations of every scope are computed together, once: on
 * the first request that reads a scope, or ahead of it by {@link #prepareInBackground()}. That is
 * one compile of the ledger, one pass over its events per scope and one solve of every scope at
 * once (about seven times one global score for 20 scopes, see {@link ScopedReputation}), and keeps,
 * per scope, its graph and scores as {@link ScopedReputation} states; each scope's {@link Ranking}
 * (about 40 bytes per member) is made on the first request for that scope and kept.
 *
 * <p>Safe to share between the server's threads: the first use computes while later callers wait.
 */
final class Scopes {
  private final Supplier<List<Views.Scope>> list;
  private final Supplier<ScopedReputation> scoped;
  private final Map<String, Ranking> rankings = new ConcurrentHashMap<>();

  private Scopes(Ledger ledger, LedgerSnapshot snapshot, Reputation global, ScoringPolicy policy) {
    this.list = Suppliers.memoize(() -> list(snapshot, global));
    this.scoped =
        Suppliers.memoize(
            () -> list.get().isEmpty() ? null : ScopedReputation.compute(ledger, policy));
  }

  /**
   * The scopes of {@code ledger} (as {@code snapshot} holds it), whose global reputation under
   * {@code policy} is {@code global}.
   */
  static Scopes of(
      Ledger ledger, LedgerSnapshot snapshot, Reputation global, ScoringPolicy policy) {
    return new Scopes(ledger, snapshot, global, policy);
  }

  /** The scopes by tag, in tag order; empty when no contribution has a tag. */
  List<Views.Scope> list() {
    return list.get();
  }

  /** The tags, in tag order. */
  List<String> tags() {
    return list.get().stream().map(Views.Scope::tag).toList();
  }

  /** The reading of the scope of {@code tag}, or empty if no contribution has that tag. */
  Optional<Ranking> ranking(String tag) {
    if (tags().stream().noneMatch(tag::equals)) {
      return Optional.empty();
    }
    return Optional.of(rankings.computeIfAbsent(tag, t -> new Ranking(scoped.get().scope(t))));
  }

  /**
   * Computes the list and every scope's reputation on a daemon thread of its own, so that the first
   * page that reads a scope does not wait; a request that comes first computes them itself (once).
   */
  void prepareInBackground() {
    Thread thread = new Thread(scoped::get, "wuffie-explore-scopes");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Each tag with the members (persons, an alias counting for the person it was merged into) who
   * authored a contribution with it, and the number of such contributions.
   */
  private static List<Views.Scope> list(LedgerSnapshot snapshot, Reputation global) {
    Map<String, Set<String>> members = new TreeMap<>();
    Map<String, Integer> contributions = new HashMap<>();
    // Contributions come before the events in entries(): stop at the first event.
    snapshot
        .entries()
        .takeWhile(e -> !(e instanceof LedgerEntry.Event))
        .forEach(
            e -> {
              if (e instanceof LedgerEntry.Contribution c && !c.tags().isEmpty()) {
                for (String tag : c.tags()) {
                  contributions.merge(tag, 1, Integer::sum);
                  Set<String> authors = members.computeIfAbsent(tag, t -> new HashSet<>());
                  for (String author : c.shares().keySet()) {
                    authors.add(global.find(author).map(Standing::id).orElse(author));
                  }
                }
              }
            });
    List<Views.Scope> scopes = new ArrayList<>(members.size());
    for (Map.Entry<String, Set<String>> tag : members.entrySet()) {
      scopes.add(
          new Views.Scope(tag.getKey(), tag.getValue().size(), contributions.get(tag.getKey())));
    }
    return List.copyOf(scopes);
  }
}
