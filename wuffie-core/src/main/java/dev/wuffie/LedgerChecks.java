package dev.wuffie;

import java.time.Instant;
import java.util.Map;

/**
 * The checks a {@link Ledger} runs under its lock, against a {@link BatchOverlay} (the ledger as it
 * is for a single mutation, or the ledger plus the entries of a batch checked so far), and the
 * checks of a contribution's shares; with the wording of their messages. {@code position} is the
 * entry's place in its batch, or {@link LedgerStore#NONE} for a single mutation. Stateless.
 */
final class LedgerChecks {
  private static final int NONE = LedgerStore.NONE;

  private LedgerChecks() {}

  /**
   * Checks every entry of a batch against {@code store} plus the entries before it, under the
   * ledger's lock; {@code offset} is the position of the first entry, for messages, and {@code
   * merges} whether the batch merges. Returns which events have a site's id that is recorded
   * already (and so change nothing).
   */
  static boolean[] checkBatch(
      LedgerStore store, LedgerEntry[] entries, int offset, boolean merges) {
    // Only a merge asks whether the batch registered a contributor: without one, the overlay
    // need not note them (two set insertions per event, a sixth of reading a large batch).
    BatchOverlay state = new BatchOverlay(store, merges);
    boolean[] recorded = new boolean[entries.length];
    for (int i = 0; i < entries.length; i++) {
      LedgerEntry entry = entries[i];
      int position = offset + i;
      if (entry instanceof LedgerEntry.Contributor contributor) {
        state.addContributor(contributor.id());
      } else if (entry instanceof LedgerEntry.Event event) {
        recorded[i] = LedgerChecks.isRecorded(state, event, position);
        if (recorded[i]) {
          continue;
        }
        if (event.siteId() != null) {
          state.addSiteEvent(event.siteId(), event.endorsement());
        }
        LedgerChecks.checkEndorsement(state, event.endorsement(), position);
        state.addEvent(event.endorsement().kind());
        state.addContributor(event.endorsement().endorser());
        if (!event.endorsement().toContribution()) {
          state.addContributor(event.endorsement().target());
        }
      } else if (entry instanceof LedgerEntry.Contribution contribution) {
        LedgerChecks.checkContribution(state, contribution, position);
        state.addContribution(contribution.id());
        contribution.shares().keySet().forEach(state::addContributor);
      } else if (entry instanceof LedgerEntry.Retraction retraction) {
        LedgerChecks.checkRetraction(state, retraction.eventId(), position);
      } else if (entry instanceof LedgerEntry.Merge merge) {
        LedgerChecks.checkMerge(state, merge, position);
        state.addMerge(merge);
        state.addContributor(merge.alias());
      }
    }
    return recorded;
  }

  /** Whether the endorsed contribution exists, and whether the event and its kind fit. */
  static void checkEndorsement(BatchOverlay state, Endorsement endorsement, int position) {
    if (endorsement.toContribution() && !state.hasContribution(endorsement.target())) {
      throw new UnknownContributionException(
          String.format(
              "%sunknown contribution '%s': register it with addContribution(...) before"
                  + " endorsing it",
              where(position), endorsement.target()),
          endorsement.target());
    }
    // Not checkState(condition, template, where(position), ...): that would build the message for
    // every event of a batch, and reading a ledger file spent a tenth of its time doing so.
    if (state.eventCount() >= LedgerStore.MAX_EVENTS) {
      throw new IllegalStateException(
          String.format(
              "%sthe ledger is full: it holds %s events and at most %s fit",
              where(position), state.eventCount(), LedgerStore.MAX_EVENTS));
    }
    if (state.isNewKindBeyondCapacity(endorsement.kind())) {
      throw new IllegalStateException(
          String.format(
              "%stoo many kinds of endorsement: at most %s fit",
              where(position), LedgerStore.MAX_KINDS));
    }
  }

  /**
   * Whether {@code event} has a site's id that the ledger or the batch so far already recorded;
   * throws if it was recorded with another endorsement.
   */
  static boolean isRecorded(BatchOverlay state, LedgerEntry.Event event, int position) {
    if (event.siteId() == null) {
      return false;
    }
    Endorsement before = state.siteEvent(event.siteId());
    if (before == null) {
      return false;
    }
    if (!toTheMillisecond(before).equals(toTheMillisecond(event.endorsement()))) {
      throw new DuplicateEventException(
          String.format(
              "%sevent '%s' is already recorded as %s, not as %s; give each event its own id",
              where(position),
              event.siteId(),
              describeFully(before),
              describeFully(event.endorsement())),
          event.siteId());
    }
    return true;
  }

  static Endorsement toTheMillisecond(Endorsement e) {
    return new Endorsement(
        e.endorser(),
        e.target(),
        e.toContribution(),
        e.kind(),
        e.value(),
        Instant.ofEpochMilli(e.time().toEpochMilli()));
  }

  static void checkContribution(
      BatchOverlay state, LedgerEntry.Contribution contribution, int position) {
    if (state.hasContribution(contribution.id())) {
      throw new IllegalArgumentException(
          String.format(
              "%scontribution '%s' is already registered; give each contribution its own id",
              where(position), contribution.id()));
    }
  }

  static void checkRetraction(BatchOverlay state, long eventId, int position) {
    if (eventId < 0 || eventId >= state.eventCount()) {
      throw new IllegalArgumentException(
          String.format(
              "%sno event %s: event ids are the values record(...) returned, and this ledger has"
                  + " %s events%s",
              where(position),
              eventId,
              state.eventCount(),
              position == NONE ? "" : " counting those of the batch before this entry"));
    }
  }

  static void checkMerge(BatchOverlay state, LedgerEntry.Merge merge, int position) {
    String alias = merge.alias();
    String person = merge.person();
    String into = state.mergedInto(alias);
    if (into != null) {
      throw new IllegalArgumentException(
          String.format(
              "%s'%s' is already merged into '%s'; an account can belong to one person only",
              where(position), alias, into));
    }
    if (!state.hasContributor(person)) {
      throw new UnknownContributorException(
          String.format(
              "%scannot merge '%s' into '%s': '%s' is not a contributor of this ledger; check the"
                  + " spelling, or, if '%s' is a new person, register it first with"
                  + " addContributor(\"%s\") (in a batch: an earlier LedgerEntry.contributor(\"%s\"))",
              where(position), alias, person, person, person, person, person),
          person);
    }
    if (state.canonical(person).equals(alias)) {
      throw new IllegalArgumentException(
          String.format(
              "%scannot merge '%s' into '%s': '%s' already belongs to '%s', and merges must not"
                  + " make a cycle",
              where(position), alias, person, person, alias));
    }
  }

  /**
   * The shares of {@code contribution} normalised as {@link Ledger#addContribution(String, Instant,
   * Map)} says, in the record's order.
   */
  static double[] normalisedShares(LedgerEntry.Contribution contribution, int position) {
    double[] given = new double[contribution.shares().size()];
    String[] names = new String[given.length];
    int j = 0;
    double sum = 0;
    double max = 0;
    for (Map.Entry<String, Double> entry : contribution.shares().entrySet()) {
      names[j] = entry.getKey();
      given[j] = entry.getValue();
      sum += given[j];
      max = Math.max(max, given[j++]);
    }
    if (Math.abs(sum - 1) <= given.length * 0x1p-50) {
      return given; // already normalised: kept as is, so that normalising is idempotent
    }
    sum = 0;
    for (int i = 0; i < given.length; i++) {
      given[i] /= max; // scaled first, so that the sum can neither overflow nor underflow
      sum += given[i];
    }
    for (int i = 0; i < given.length; i++) {
      given[i] /= sum;
      if (given[i] == 0) {
        throw new IllegalArgumentException(
            String.format(
                "%sshare %s of author '%s' of contribution '%s' is too small next to the largest"
                    + " share, %s: it would count as 0; leave the author out or give a larger"
                    + " share",
                where(position),
                contribution.shares().get(names[i]),
                names[i],
                contribution.id(),
                max));
      }
    }
    return given;
  }

  static String where(int position) {
    return position == NONE ? "" : "batch element " + position + ": ";
  }

  static String describeFully(Endorsement e) {
    Endorsement ms = toTheMillisecond(e);
    return describe(e)
        + (e.value().isPresent() ? " of value " + e.value().getAsDouble() : "")
        + " at "
        + ms.time();
  }

  static String describe(Endorsement e) {
    return String.format(
        "endorsement '%s' -> %s'%s' (%s)",
        e.endorser(), e.toContribution() ? "contribution " : "", e.target(), e.kind());
  }
}
