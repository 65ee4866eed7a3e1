package dev.wuffie;

import static com.google.common.base.Preconditions.checkState;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link Ledger}'s checks under its lock read: the store as it is, plus the entries of a
 * batch checked so far. The ledger checks single mutations against an overlay with no entries, and
 * a batch against a fresh one that each checked entry is added to, so that a later entry of the
 * batch can name what an earlier one registers. Reads the store, so it is used under the ledger's
 * lock only.
 */
final class BatchOverlay {
  private final LedgerStore store;
  private int newEvents;
  private Set<String> newKinds; // the kinds that the batch's events add; null until one does
  private Set<String> newContributions; // null until the batch registers one
  private Set<String> newContributors; // null until the batch registers one
  private Map<String, Endorsement> newSiteEvents; // site id -> event; null until the batch has one
  private Map<String, String> newMerges; // alias -> person; null until the batch merges one

  private final boolean notesContributors;

  /** An overlay that notes every contributor the batch registers. */
  BatchOverlay(LedgerStore store) {
    this(store, true);
  }

  /**
   * An overlay that notes the contributors the batch registers only if {@code notesContributors}:
   * for a batch without merges, whose checks never ask {@link #hasContributor}.
   */
  BatchOverlay(LedgerStore store, boolean notesContributors) {
    this.store = store;
    this.notesContributors = notesContributors;
  }

  long eventCount() {
    return (long) store.eventCount + newEvents;
  }

  boolean hasContribution(String id) {
    return store.contributions.indexOf(id) >= 0
        || (newContributions != null && newContributions.contains(id));
  }

  /** Whether {@code id} is a registered contributor, or one that the batch registers. */
  boolean hasContributor(String id) {
    checkState(notesContributors, "this overlay does not note the batch's contributors");
    return store.contributors.indexOf(id) >= 0
        || (newContributors != null && newContributors.contains(id));
  }

  /** Whether {@code kind} is new and would be one kind too many. */
  boolean isNewKindBeyondCapacity(String kind) {
    int count = store.kinds.size() + (newKinds == null ? 0 : newKinds.size());
    return count >= LedgerStore.MAX_KINDS && !isKnownKind(kind);
  }

  /** The id of the person that {@code id} is merged into, or null if it is not merged. */
  String mergedInto(String id) {
    String person = newMerges == null ? null : newMerges.get(id);
    if (person != null) {
      return person;
    }
    int i = store.contributors.indexOf(id);
    int into = i < 0 ? LedgerStore.NONE : store.mergedInto(i);
    return into == LedgerStore.NONE ? null : store.contributors.id(into);
  }

  /** The id of the person that {@code id} belongs to, following merges. */
  String canonical(String id) {
    for (String person = mergedInto(id); person != null; person = mergedInto(id)) {
      id = person;
    }
    return id;
  }

  /**
   * The endorsement recorded with the site's id {@code siteId}, by the ledger or the batch so far,
   * or null if none is.
   */
  Endorsement siteEvent(String siteId) {
    Endorsement e = newSiteEvents == null ? null : newSiteEvents.get(siteId);
    if (e == null) {
      int event = store.eventOf(siteId);
      e = event == LedgerStore.NONE ? null : store.snapshot().event(event);
    }
    return e;
  }

  /** Notes that the batch records {@code endorsement} with the site's id {@code siteId}. */
  void addSiteEvent(String siteId, Endorsement endorsement) {
    if (newSiteEvents == null) {
      newSiteEvents = new HashMap<>();
    }
    newSiteEvents.put(siteId, endorsement);
  }

  /** Notes that the batch registers contributor {@code id}. */
  void addContributor(String id) {
    if (!notesContributors) {
      return;
    }
    if (newContributors == null) {
      newContributors = new HashSet<>();
    }
    newContributors.add(id);
  }

  void addEvent(String kind) {
    newEvents++;
    if (!isKnownKind(kind)) {
      if (newKinds == null) {
        newKinds = new HashSet<>();
      }
      newKinds.add(kind);
    }
  }

  void addContribution(String id) {
    if (newContributions == null) {
      newContributions = new HashSet<>();
    }
    newContributions.add(id);
  }

  void addMerge(LedgerEntry.Merge merge) {
    if (newMerges == null) {
      newMerges = new HashMap<>();
    }
    newMerges.put(merge.alias(), merge.person());
  }

  private boolean isKnownKind(String kind) {
    return store.kinds.indexOf(kind) >= 0 || (newKinds != null && newKinds.contains(kind));
  }
}
