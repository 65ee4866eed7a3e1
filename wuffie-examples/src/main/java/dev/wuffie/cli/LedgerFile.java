package dev.wuffie.cli;

import dev.wuffie.Endorsement;
import dev.wuffie.KindWeight;
import dev.wuffie.Ledger;
import dev.wuffie.LedgerEntry;
import dev.wuffie.LedgerSnapshot;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.json.LedgerJson;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a ledger file (JSON Lines, as {@link LedgerJson} writes it) for scoring under a policy, and
 * counts what it holds for the summary.
 *
 * <p>Every event is checked against the policy as its line is read, so that a kind the policy does
 * not know, or a value on a fixed kind, is reported with its line; a malformed line, a broken limit
 * or an entry the ledger refuses likewise, and nothing is scored.
 */
final class LedgerFile {
  private LedgerFile() {}

  /** Reads {@code input} into a new ledger, checking each event against {@code policy}. */
  static EventReader.Events read(Input input, ScoringPolicy policy, Progress progress)
      throws BadInputException {
    // A file's times are history, not a live site's clock: accept any time a Ledger can hold.
    Ledger ledger = Ledger.builder().maxFuture(Duration.ofSeconds(Long.MAX_VALUE)).build();
    LedgerJson reader = LedgerJson.builder().validator(policy::check).build();
    try (InputStream in = progress.reading(input.opener().open(), input.name(), input.size())) {
      reader.read(in, input.name(), ledger);
    } catch (IOException e) {
      throw BadInputException.reading(input.name(), e);
    }
    return count(ledger, policy);
  }

  /**
   * What the summary reports of a ledger: its live (not retracted) events, split by the sign of
   * their weight under {@code policy}, the self-endorsements among them (after merges, and authors
   * endorsing their own contribution) and how many there are of each kind.
   */
  private static EventReader.Events count(Ledger ledger, ScoringPolicy policy) {
    LedgerSnapshot s = ledger.snapshot();
    Map<String, String> personOf = new HashMap<>(); // merged account -> its person
    Map<String, Set<String>> authorsOf = new HashMap<>();
    s.entries()
        .forEach(
            entry -> {
              if (entry instanceof LedgerEntry.Merge merge) {
                personOf.put(merge.alias(), merge.person());
              } else if (entry instanceof LedgerEntry.Contribution contribution) {
                authorsOf.put(contribution.id(), contribution.shares().keySet());
              }
            });
    Map<String, Long> kinds = new LinkedHashMap<>();
    long records = 0;
    long trust = 0;
    long distrust = 0;
    long self = 0;
    for (long e = 0; e < s.eventCount(); e++) {
      if (s.retracted(e)) {
        continue;
      }
      records++;
      Endorsement event = s.event(e);
      KindWeight kind = policy.kinds().get(event.kind());
      double weight =
          kind.rated()
              ? kind.scale() * (event.value().orElse(Double.NaN) - kind.neutral())
              : kind.scale();
      if (weight > 0) {
        trust++;
      } else if (weight < 0) {
        distrust++;
      }
      if (isSelf(event, personOf, authorsOf)) {
        self++;
      }
      kinds.merge(kind.kind(), 1L, Long::sum);
    }
    return new EventReader.Events(ledger, records, trust, distrust, 0, self, kinds);
  }

  /** Whether the endorser is the person endorsed, or an author of the contribution endorsed. */
  private static boolean isSelf(
      Endorsement event, Map<String, String> personOf, Map<String, Set<String>> authorsOf) {
    String endorser = personOf.getOrDefault(event.endorser(), event.endorser());
    if (!event.toContribution()) {
      return personOf.getOrDefault(event.target(), event.target()).equals(endorser);
    }
    for (String author : authorsOf.get(event.target())) {
      if (personOf.getOrDefault(author, author).equals(endorser)) {
        return true;
      }
    }
    return false;
  }
}
