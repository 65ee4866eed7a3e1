package dev.wuffie.explore;

import dev.wuffie.PersonalTrust;
import dev.wuffie.Reputation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trust as seen from one member ({@link Reputation#trustFrom(String)}), with the last {@link #SIZE}
 * viewers' results kept, so that paging through a view, or going back to it, does not push again.
 *
 * <p>Cost: a query is a forward push from the viewer (see {@link PersonalTrust}); a kept result is
 * about 24 bytes per member the push reached, so at most {@link #SIZE} times that.
 *
 * <p>Safe to share between threads; two requests for the same new viewer at once may both push.
 */
final class TrustCache {
  /** How many viewers' results are kept, the least recently used dropped first. */
  static final int SIZE = 8;

  private final Reputation reputation;
  private final Map<String, PersonalTrust> recent =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PersonalTrust> eldest) {
          return size() > SIZE;
        }
      };

  TrustCache(Reputation reputation) {
    this.reputation = reputation;
  }

  /** The trust of {@code person}, a person's id (not an alias) among the contributors. */
  PersonalTrust from(String person) {
    synchronized (recent) {
      PersonalTrust kept = recent.get(person);
      if (kept != null) {
        return kept;
      }
    }
    PersonalTrust trust = reputation.trustFrom(person); // outside the lock: others need not wait
    synchronized (recent) {
      recent.put(person, trust);
    }
    return trust;
  }
}
