package dev.wuffie;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The reputation of a live community: a {@link Ledger} that many threads record into, a {@link
 * ScoringPolicy}, and the latest {@link Reputation}, which readers get without ever waiting.
 *
 * <p>{@link #refresh()} scores a snapshot of the ledger, assigns {@linkplain Tiers tiers},
 * publishes the result atomically and tells the {@linkplain RefreshListener listeners}. Most
 * refreshes are <em>incremental</em>: the compiled ledger is kept between refreshes and updated
 * with what changed (events recorded and retracted, new contributors and contributions), and the
 * solve starts from the published scores and stops once the result's {@link
 * Reputation#errorBound()} is below the {@linkplain Builder#accuracy(double) accuracy} (default
 * {@value #DEFAULT_ACCURACY} in L1). Where the change is local (a few endorsers' rows, new
 * contributors, no decay moving every weight), the solve pushes the change's residual only where it
 * is, in the linear form of the score equations, and one power iteration certifies the bound; where
 * it is spread over the graph, or the pushes would cost more than the iterations they save, and
 * under an influence cap, it iterates over the whole graph as an exact refresh does. Some are
 * <em>exact</em>: the first one, one every {@linkplain Builder#exactEvery(Duration) hour} by
 * default, and {@link #refreshExact()}; they compile the whole ledger and solve from scratch, and
 * publish what {@link Reputation#compute(Ledger, ScoringPolicy)} returns, bit for bit. Readers see
 * either the old reputation or the new one, never a half-built state. Refreshes run one at a time.
 * A refresh can also run on its own: on a schedule ({@link Builder#refreshEvery}) or after a number
 * of recorded events ({@link Builder#refreshAfter}), on an executor the site passes in; {@link
 * #close()} stops them.
 *
 * <p>Events recorded through {@link #record} are checked against the policy first ({@link
 * ScoringPolicy#check}), so an event the policy cannot weigh is refused at the door and changes
 * nothing. Events recorded into the ledger directly are scored too, and one the policy cannot weigh
 * (recorded there with a kind the policy does not know, or a value that does not fit the kind) does
 * not stop publishing: a refresh leaves it out, as if it were retracted, and counts it in the
 * published reputation's {@link Reputation#refusedEvents()}, with the first event ids in {@link
 * Reputation#refusedEventIds()}. {@link #retract(long)} and {@link #merge(String, String)} go to
 * the ledger and count towards {@link Builder#refreshAfter} like recorded events.
 *
 * <p>A refresh when the ledger has not changed since the last one (no event, retraction,
 * contributor, contribution or merge) costs next to nothing: it compiles and solves nothing, tells
 * no listener, and returns a {@link Refresh#unchanged() unchanged} refresh of the published
 * reputation. So an idle site can refresh on a short schedule.
 *
 * <p><b>Scopes.</b> With {@link Builder#scopes()} (every tag) or {@link Builder#scopes(Collection)}
 * (those tags), each refresh that publishes a new reputation also scores the {@linkplain
 * ScopedReputation scopes} of the same ledger snapshot, and publishes both in one state: {@link
 * #latest()} and {@link #scopes()} (or {@link #scope(String)}) never show a global score and scopes
 * of different ledger states once the refresh is over, and a {@link Refresh} carries both ({@link
 * Refresh#scopes()}). A tag first recorded after the start is a scope from the next refresh on;
 * with {@code scopes()}, every tag is. The scopes are always exact, even after an incremental
 * refresh: what {@link ScopedReputation#compute(Ledger, ScoringPolicy, Collection)} returns for the
 * same snapshot, bit for bit (a full compile of the scopes and a solve of them all from scratch;
 * events the policy cannot weigh are left out, as from the global score). A refresh whose scopes
 * fail publishes nothing, as one whose global score fails. Without scopes (the default) a refresh
 * costs and does what it did before.
 *
 * <pre>{@code
 * LiveReputation live = LiveReputation.builder(Ledger.create(), policy)
 *     .tiers(Tiers.builder().percentile("trusted", 90).build())
 *     .refreshEvery(Duration.ofMinutes(1), scheduler)
 *     .build();
 * live.record(Endorsement.of("alice", "bob", "upvote", Instant.now()));   // request threads
 * live.latest().ifPresent(r -> show(r.top(10)));                         // page views
 * }</pre>
 *
 * <p>Cost of an incremental refresh: the changed events, a pass over the compiled pairs and the
 * persons (to saturate the sums at the new {@code asOf}, build the graph and rank), and the solve:
 * two power iterations and pushes on the contributors the change reached when it is local (plus
 * forming the out-edges, about two iterations' worth, and 12 bytes per pair while it runs), else
 * the iterations the change needs (7 to 10 after 1,000 new votes under a 365-day half-life, where
 * every weight moves with {@code asOf}, so the residual is spread); no pass over the ledger's
 * events and no sort of them. A merge, a change of more than a tenth of the ledger, and a few rarer
 * cases make it compile in full (still solving from the published scores). An exact refresh costs
 * what {@link Reputation#compute(Ledger, ScoringPolicy)} costs. The README and wuffie-jmh's {@code
 * LiveRefreshBenchmark} give measurements. Keeping the compiled ledger costs about 110 bytes per
 * pair of persons with an endorsement between them. Keeping scopes adds to every refresh that
 * publishes a full {@link ScopedReputation} compute of the kept tags (one compile of the ledger and
 * one solve of every scope together; 20 scopes cost a few exact global refreshes, see {@code
 * ScopedReputation}), and the published scopes' memory ({@code ScopedReputation} states it per
 * scope); nothing of it is kept between refreshes. A refresh that finds nothing new scores no
 * scope.
 *
 * <p>Thread-safe: every method may be called from any thread. The published state (reputation,
 * tiers, scopes) is one immutable value behind a volatile reference: every read returns parts of
 * one refresh, and the published {@link ScopedReputation} and {@link Reputation}s are immutable.
 */
public final class LiveReputation implements AutoCloseable {
  /** Default accuracy of an incremental refresh, an L1 bound: {@value}. */
  public static final double DEFAULT_ACCURACY = 1e-6;

  /** Default time between exact refreshes: one hour. */
  public static final Duration DEFAULT_EXACT_EVERY = Duration.ofHours(1);

  private final Ledger ledger;
  private final ScoringPolicy policy;
  private final Scorer scorer;
  private final Tiers tiers;
  private final List<RefreshListener> listeners;
  private final boolean warmStart;
  private final double accuracy;
  private final long exactEveryNanos;
  private final LiveCompiler compiler;
  private final LiveScopes scopes; // null: no scopes
  private final java.util.function.LongSupplier clock; // nanoseconds, for the exact refreshes
  private final long refreshAfter; // 0: never on count
  private final Executor countExecutor;
  private final ReentrantLock refreshLock = new ReentrantLock();
  private final AtomicLong recordedSinceRefresh = new AtomicLong();
  private final AtomicBoolean refreshQueued = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ScheduledFuture<?> schedule; // null when not scheduled
  private volatile State state;

  /**
   * The published state: the latest reputation, the tiers assigned with it, the scopes scored with
   * it (null when none are kept), and the ledger snapshot they were all scored from (null before
   * the first refresh); before the first refresh, the standings it started from (else empty). One
   * value, so that a reader sees a reputation and scopes of the same snapshot.
   */
  private record State(
      Reputation reputation,
      Map<String, String> tiers,
      ScopedReputation scopes,
      LedgerSnapshot scored,
      Map<String, Standing> saved,
      boolean exact,
      long exactAtNanos) {}

  private LiveReputation(Builder builder) {
    this.ledger = builder.ledger;
    this.policy = builder.policy;
    this.scorer = new Scorer(builder.policy, true);
    this.tiers = builder.tiers;
    this.listeners = List.copyOf(builder.listeners);
    this.warmStart = builder.warmStart;
    this.accuracy = builder.accuracy;
    this.exactEveryNanos = builder.exactEvery.toNanos();
    this.compiler = new LiveCompiler(builder.policy);
    this.scopes = builder.scopes;
    this.clock = builder.clock;
    this.refreshAfter = builder.refreshAfter;
    this.countExecutor = builder.countExecutor;
    this.state = new State(null, builder.savedTiers, null, null, builder.savedStandings, false, 0);
    this.schedule =
        builder.scheduler == null
            ? null
            : builder.scheduler.scheduleWithFixedDelay(
                this::refreshQuietly,
                builder.period.toNanos(),
                builder.period.toNanos(),
                TimeUnit.NANOSECONDS);
  }

  /**
   * A builder for a live reputation over {@code ledger}, scored under {@code policy}.
   *
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(Ledger ledger, ScoringPolicy policy) {
    return new Builder(ledger, policy);
  }

  /** The ledger this live reputation scores. */
  public Ledger ledger() {
    return ledger;
  }

  /** The policy it scores with. */
  public ScoringPolicy policy() {
    return policy;
  }

  /**
   * Checks {@code endorsement} against the policy and records it in the ledger; may start a refresh
   * (see {@link Builder#refreshAfter}).
   *
   * @return the event id
   * @throws IllegalArgumentException if the policy cannot weigh it or the ledger refuses it;
   *     nothing is recorded then
   */
  public long record(Endorsement endorsement) {
    policy.check(endorsement);
    long id = ledger.record(endorsement);
    recorded(1);
    return id;
  }

  /**
   * Checks {@code endorsement} against the policy and records it in the ledger with the site's own
   * id of the event (see {@link Ledger#record(String, Endorsement)}): an id recorded before changes
   * nothing, so a site can hand its events over at least once and have each recorded once. A new
   * event may start a refresh (see {@link Builder#refreshAfter}).
   *
   * @return the event id: of the new event, or of the event recorded before with {@code siteId}
   * @throws DuplicateEventException if {@code siteId} was recorded with another endorsement
   * @throws IllegalArgumentException if the policy cannot weigh it or the ledger refuses it;
   *     nothing is recorded then
   */
  public long record(String siteId, Endorsement endorsement) {
    policy.check(endorsement);
    long id = ledger.recordIfNew(siteId, endorsement);
    if (id < 0) {
      return ~id; // recorded before: nothing changed, nothing counted
    }
    recorded(1);
    return id;
  }

  /**
   * Checks every endorsement against the policy and records them all, or none.
   *
   * @return the id of the first event
   * @throws IllegalArgumentException if the policy cannot weigh one of them or the ledger refuses
   *     the batch; nothing is recorded then
   */
  public long recordAll(List<Endorsement> batch) {
    checkNotNull(batch, "batch is null");
    for (Endorsement endorsement : batch) {
      policy.check(endorsement);
    }
    long id = ledger.recordAll(batch);
    recorded(batch.size());
    return id;
  }

  /**
   * Checks every event of {@code batch} against the policy and applies the batch to the ledger, all
   * or none (see {@link Ledger#apply(List)}): contributors, contributions, events, retractions and
   * merges. Its entries count towards {@link Builder#refreshAfter}. {@code
   * dev.wuffie.json.LedgerJson.importInto} feeds a file through here in chunks.
   *
   * @return the id of the batch's first event
   * @throws NullPointerException if {@code batch} or an entry is null
   * @throws IllegalArgumentException if the policy cannot weigh an event or the ledger refuses the
   *     batch; nothing is applied then
   * @throws IllegalStateException if the batch does not fit, as by {@link Ledger#apply(List)}
   */
  public long apply(List<? extends LedgerEntry> batch) {
    checkNotNull(batch, "batch is null");
    for (LedgerEntry entry : batch) {
      if (entry instanceof LedgerEntry.Event event) {
        policy.check(event.endorsement());
      }
    }
    long id = ledger.apply(batch);
    recorded(batch.size());
    return id;
  }

  /**
   * Retracts the event {@code eventId} in the ledger (see {@link Ledger#retract(long)}); may start
   * a refresh (see {@link Builder#refreshAfter}).
   *
   * @return false if it was already retracted
   * @throws IllegalArgumentException if there is no such event
   */
  public boolean retract(long eventId) {
    boolean retracted = ledger.retract(eventId);
    if (retracted) {
      recorded(1);
    }
    return retracted;
  }

  /**
   * Retracts the event recorded with the site's id {@code siteId} (see {@link
   * Ledger#retract(String)}); may start a refresh (see {@link Builder#refreshAfter}).
   *
   * @return false if it was already retracted, or no event has that id
   * @throws NullPointerException if {@code siteId} is null
   * @throws IllegalArgumentException if {@code siteId} is empty
   */
  public boolean retract(String siteId) {
    boolean retracted = ledger.retract(siteId);
    if (retracted) {
      recorded(1);
    }
    return retracted;
  }

  /**
   * Retracts the latest live {@code kind} endorsement that {@code endorser} gave the contributor
   * {@code target} (see {@link Ledger#retract(String, String, String)}); may start a refresh (see
   * {@link Builder#refreshAfter}).
   *
   * @return false if there is none
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an argument is empty
   */
  public boolean retract(String endorser, String target, String kind) {
    boolean retracted = ledger.retract(endorser, target, kind);
    if (retracted) {
      recorded(1);
    }
    return retracted;
  }

  /**
   * Retracts the latest live {@code kind} endorsement that {@code endorser} gave the contribution
   * {@code contribution} (see {@link Ledger#retractOnContribution}); may start a refresh (see
   * {@link Builder#refreshAfter}).
   *
   * @return false if there is none
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an argument is empty
   */
  public boolean retractOnContribution(String endorser, String contribution, String kind) {
    boolean retracted = ledger.retractOnContribution(endorser, contribution, kind);
    if (retracted) {
      recorded(1);
    }
    return retracted;
  }

  /**
   * Says in the ledger that the account {@code alias} belongs to {@code person} (see {@link
   * Ledger#merge(String, String)}); may start a refresh (see {@link Builder#refreshAfter}).
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the ledger refuses the merge
   */
  public void merge(String alias, String person) {
    ledger.merge(alias, person);
    recorded(1);
  }

  /** The latest published reputation; empty until the first refresh. Never blocks. */
  public Optional<Reputation> latest() {
    return Optional.ofNullable(state.reputation());
  }

  /**
   * The scopes published with the latest reputation: one {@link Reputation} per tag that this live
   * reputation keeps ({@link Builder#scopes()}) and a contribution of the scored snapshot carries,
   * of the same ledger snapshot as {@link #latest()}. Empty until the first refresh, and always
   * when no scopes are kept. Never blocks.
   *
   * <p>To read a scope and the global reputation of one refresh together, take them from one {@link
   * Refresh} ({@link Refresh#current()}, {@link Refresh#scopes()}), or call this and {@link
   * #latest()} knowing a refresh may fall between the two calls.
   */
  public Optional<ScopedReputation> scopes() {
    return Optional.ofNullable(state.scopes());
  }

  /**
   * The latest published reputation within the scope of {@code tag} (see {@link #scopes()}); empty
   * before the first refresh, when no scopes are kept, when {@code tag} is not kept, or when no
   * contribution carried it at the last refresh. Never blocks.
   *
   * @throws NullPointerException if {@code tag} is null
   */
  public Optional<Reputation> scope(String tag) {
    checkNotNull(tag, "tag is null");
    ScopedReputation published = state.scopes();
    return published == null || !published.scopes().contains(tag)
        ? Optional.empty()
        : Optional.of(published.scope(tag));
  }

  /**
   * The standing of {@code id} in the latest published reputation (an alias reads its person's),
   * or, before the first refresh, in the standings this live reputation {@linkplain
   * Builder#startFrom started from} (by the id they name); empty if there is none. Never blocks.
   *
   * @throws NullPointerException if {@code id} is null
   */
  public Optional<Standing> standing(String id) {
    checkNotNull(id, "id is null");
    State s = state;
    return s.reputation() != null
        ? s.reputation().find(id)
        : Optional.ofNullable(s.saved().get(id));
  }

  /**
   * The tier {@code id} holds in the latest published reputation (an alias holds its person's), or,
   * before the first refresh, in the tiers this live reputation {@linkplain Builder#startFrom
   * started from}; empty if none. Never blocks.
   *
   * @throws NullPointerException if {@code id} is null
   */
  public Optional<String> tier(String id) {
    checkNotNull(id, "id is null");
    State s = state;
    String tier = s.tiers().get(id);
    if (tier == null && s.reputation() != null) {
      Optional<Standing> standing = s.reputation().find(id);
      tier = standing.map(st -> s.tiers().get(st.id())).orElse(null); // an alias of a person
    }
    return Optional.ofNullable(tier);
  }

  /**
   * Rescores the ledger now, publishes the result and tells the listeners. Waits for a refresh
   * already running to finish first. It is exact when one is due ({@link Builder#exactEvery}), else
   * incremental (see the class javadoc). If the ledger has not changed since the last refresh and
   * no exact refresh is due after an incremental one, it returns at once an {@linkplain
   * Refresh#unchanged() unchanged} refresh of the published reputation and tells no listener.
   *
   * <p>Events the policy cannot weigh do not make it fail: they are left out and counted (see the
   * class javadoc).
   *
   * @return what changed
   * @throws IllegalStateException if this live reputation is closed
   * @throws IllegalArgumentException if the ledger has no contributor, or a seed of the policy is
   *     not a contributor; the published reputation stays as it was
   */
  public Refresh refresh() {
    return refresh(false);
  }

  /**
   * Rescores the ledger now exactly, as {@link #refresh()} does when an exact refresh is due: a
   * full compile and a solve from scratch, whose scores equal {@link Reputation#compute(Ledger,
   * ScoringPolicy)} bit for bit. If the ledger has not changed since the last refresh and that one
   * was exact, it returns at once an {@linkplain Refresh#unchanged() unchanged} refresh. For a site
   * that publishes audited scores, or wants exact ones before a report.
   *
   * @return what changed
   * @throws IllegalStateException if this live reputation is closed
   * @throws IllegalArgumentException if the ledger has no contributor, or a seed of the policy is
   *     not a contributor; the published reputation stays as it was
   */
  public Refresh refreshExact() {
    return refresh(true);
  }

  private Refresh refresh(boolean askedExact) {
    refreshLock.lock();
    try {
      checkState(!closed.get(), "this live reputation is closed");
      recordedSinceRefresh.set(0);
      State before = state;
      LedgerSnapshot snapshot = ledger.snapshot();
      long now = clock.getAsLong();
      boolean exact =
          askedExact
              || !warmStart
              || before.reputation() == null
              || now - before.exactAtNanos() >= exactEveryNanos;
      if (before.scored() != null
          && snapshot.sameContent(before.scored())
          && (before.exact() || !exact)) {
        return new Refresh(
            before.reputation(),
            before.reputation(),
            before.tiers(),
            before.tiers(),
            before.scopes(),
            before.scopes());
      }
      Reputation next =
          exact
              ? scorer.score(compiler.full(snapshot), null, policy.solver())
              : scorer.scoreWithin(compiler.compile(snapshot), before.reputation(), accuracy);
      ScopedReputation scoped = scopes == null ? null : scopes(before, snapshot);
      Map<String, String> assigned =
          tiers == null ? Map.of() : Map.copyOf(tiers.assign(next, before.tiers()));
      state =
          new State(
              next,
              assigned,
              scoped,
              snapshot,
              Map.of(),
              exact,
              exact ? now : before.exactAtNanos());
      Refresh refresh =
          new Refresh(before.reputation(), next, before.tiers(), assigned, before.scopes(), scoped);
      for (RefreshListener listener : listeners) {
        listener.refreshed(refresh);
      }
      return refresh;
    } finally {
      refreshLock.unlock();
    }
  }

  /**
   * The scopes of {@code snapshot}: the published ones if they were scored from the same content
   * (an exact refresh due after an incremental one, with nothing new), else a full scope compute.
   */
  private ScopedReputation scopes(State before, LedgerSnapshot snapshot) {
    if (before.scopes() != null && snapshot.sameContent(before.scored())) {
      return before.scopes();
    }
    return scopes.score(snapshot, scorer);
  }

  /**
   * Stops automatic refreshes and waits for a refresh in progress to finish. Later calls to {@link
   * #refresh()} throw; recording and reading still work. Idempotent.
   */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    if (schedule != null) {
      schedule.cancel(false);
    }
    refreshLock.lock(); // wait for a refresh in progress
    refreshLock.unlock();
  }

  private void recorded(int count) {
    if (refreshAfter > 0
        && recordedSinceRefresh.addAndGet(count) >= refreshAfter
        && !closed.get()
        && refreshQueued.compareAndSet(false, true)) {
      try {
        countExecutor.execute(
            () -> {
              refreshQueued.set(false);
              refreshQuietly();
            });
      } catch (RejectedExecutionException e) {
        // The change is recorded; only the refresh it asked for could not start. Tell the
        // listeners rather than the caller, and let the next change ask again.
        refreshQueued.set(false);
        listeners.forEach(l -> l.failed(e));
      }
    }
  }

  private void refreshQuietly() {
    if (closed.get()) {
      return;
    }
    try {
      refresh();
    } catch (IllegalStateException e) {
      if (!closed.get()) {
        listeners.forEach(l -> l.failed(e));
      }
    } catch (RuntimeException e) {
      listeners.forEach(l -> l.failed(e));
    }
  }

  /**
   * Builds a {@link LiveReputation}. By default: no tiers, no scopes, no listener, no automatic
   * refresh, warm starts. Not thread-safe.
   */
  public static final class Builder {
    private final Ledger ledger;
    private final ScoringPolicy policy;
    private Tiers tiers;
    private final List<RefreshListener> listeners = new ArrayList<>();
    private ScheduledExecutorService scheduler;
    private Duration period;
    private boolean warmStart = true;
    private double accuracy = DEFAULT_ACCURACY;
    private Duration exactEvery = DEFAULT_EXACT_EVERY;
    private java.util.function.LongSupplier clock = System::nanoTime;
    private long refreshAfter;
    private Executor countExecutor;
    private Map<String, Standing> savedStandings = Map.of();
    private Map<String, String> savedTiers = Map.of();
    private LiveScopes scopes;

    private Builder(Ledger ledger, ScoringPolicy policy) {
      this.ledger = checkNotNull(ledger, "ledger is null");
      this.policy = checkNotNull(policy, "policy is null");
    }

    /** Assigns these tiers at every refresh. */
    public Builder tiers(Tiers tiers) {
      this.tiers = checkNotNull(tiers, "tiers is null");
      return this;
    }

    /**
     * Keeps the scopes of every tag current: each refresh that publishes a new reputation also
     * publishes the {@link ScopedReputation} of the same ledger snapshot, for every tag that a
     * contribution carries then (a tag first recorded after the start is a scope from the next
     * refresh on). See {@link LiveReputation#scopes()} and the class javadoc for what it costs.
     */
    public Builder scopes() {
      this.scopes = new LiveScopes(null);
      return this;
    }

    /**
     * Keeps the scopes of {@code tags} current, as {@link #scopes()} does for every tag: fewer
     * scopes cost less. A tag that no contribution carries yet is no scope until one does; it is
     * one from the next refresh after that.
     *
     * @throws NullPointerException if {@code tags} or a tag is null
     * @throws IllegalArgumentException if {@code tags} is empty, or a tag is empty or holds
     *     whitespace or a comma (it could never be a contribution's tag)
     */
    public Builder scopes(Collection<String> tags) {
      this.scopes = LiveScopes.of(tags);
      return this;
    }

    /** Keeps the scopes of {@code scopes}; for tests. */
    Builder scopes(LiveScopes scopes) {
      this.scopes = scopes;
      return this;
    }

    /** Adds a listener, told of every refresh in the order added. */
    public Builder listener(RefreshListener listener) {
      listeners.add(checkNotNull(listener, "listener is null"));
      return this;
    }

    /**
     * Whether refreshes between exact ones are incremental (default true): they update the kept
     * compilation with what changed and start the solver from the last published scores, stopping
     * within {@link #accuracy(double)}. With false, every refresh is exact: a full compile and a
     * solve from scratch, which publishes what {@link Reputation#compute(Ledger, ScoringPolicy)}
     * would return for the same ledger, bit for bit: for sites that audit or reproduce their
     * scores, at the cost of a full compile and a cold solve per refresh.
     */
    public Builder warmStart(boolean warmStart) {
      this.warmStart = warmStart;
      return this;
    }

    /**
     * The accuracy of an incremental refresh (default {@value #DEFAULT_ACCURACY}): its solve stops
     * once the published {@link Reputation#errorBound()}, an L1 bound on the distance to the exact
     * scores, is below it. Smaller values cost more iterations per refresh: about {@code log(change
     * / accuracy) / log(1 / d)} for a change of L1 size {@code change} and damping {@code d}. With
     * {@code 1e-6}, no score is off by more than {@code 1e-6} (a millionth of all reputation), and
     * ranks can differ from exact ones only between contributors whose scores are that close.
     *
     * @throws IllegalArgumentException if {@code accuracy} is not in {@code [1e-10, 1)}
     */
    public Builder accuracy(double accuracy) {
      checkArgument(
          accuracy >= 1e-10 && accuracy < 1,
          "accuracy %s must be in [1e-10, 1), an L1 bound such as 1e-6",
          accuracy);
      this.accuracy = accuracy;
      return this;
    }

    /**
     * How often a refresh is exact (default {@link #DEFAULT_EXACT_EVERY}): the first refresh is,
     * and a later one when this long has passed since the last exact one (checked as each refresh
     * starts, so a scheduled refresh makes it happen on time; it runs even when nothing changed
     * since an incremental refresh). An exact refresh compiles the whole ledger and solves from
     * scratch, so it costs what {@link Reputation#compute(Ledger, ScoringPolicy)} costs, and
     * publishes what it returns, bit for bit; it also starts the kept compilation afresh. {@link
     * LiveReputation#refreshExact()} runs one at any time.
     *
     * @throws IllegalArgumentException if the period is not positive
     */
    public Builder exactEvery(Duration period) {
      checkNotNull(period, "period is null");
      checkArgument(
          !period.isNegative() && !period.isZero(), "exact period %s must be positive", period);
      this.exactEvery = period;
      return this;
    }

    /**
     * The clock that times exact refreshes, in nanoseconds; {@link System#nanoTime} but in tests.
     */
    Builder clock(java.util.function.LongSupplier clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Refreshes every {@code period} (between the end of one refresh and the start of the next) on
     * {@code scheduler}, which the site owns and shuts down.
     *
     * @throws IllegalArgumentException if the period is not positive
     */
    public Builder refreshEvery(Duration period, ScheduledExecutorService scheduler) {
      checkNotNull(period, "period is null");
      checkArgument(
          !period.isNegative() && !period.isZero(), "refresh period %s must be positive", period);
      this.period = period;
      this.scheduler = checkNotNull(scheduler, "scheduler is null");
      return this;
    }

    /**
     * Refreshes on {@code executor} once {@code events} changes have been made through this live
     * reputation since the last refresh: events recorded, retracted or merged through its own
     * methods (changes made on the ledger directly do not count).
     *
     * @throws IllegalArgumentException if {@code events < 1}
     */
    public Builder refreshAfter(long events, Executor executor) {
      checkArgument(events >= 1, "refresh after %s events: give at least 1", events);
      this.refreshAfter = events;
      this.countExecutor = checkNotNull(executor, "executor is null");
      return this;
    }

    /**
     * Starts from what an earlier run published: its standings and the tiers held with them,
     * typically read back from a saved {@code dev.wuffie.json.ReputationSnapshot} ({@code
     * startFrom(snapshot.standings(), snapshot.tiers())}) after a restart. Until the first refresh,
     * {@link LiveReputation#standing(String)} and {@link LiveReputation#tier(String)} serve them
     * ({@link LiveReputation#latest()} stays empty: a saved standing is not a {@link Reputation},
     * which explains and ranks everyone); the first refresh assigns tiers from the saved ones, so
     * the hysteresis of {@link Tiers} carries across restarts, and its {@link Refresh} reports the
     * tier changes against them. That refresh solves from scratch (a cold start).
     *
     * @throws NullPointerException if an argument, a standing or a tier is null
     * @throws IllegalArgumentException if two standings have one id, or a tier is held by an id
     *     without a standing
     */
    public Builder startFrom(Collection<Standing> standings, Map<String, String> tiers) {
      checkNotNull(standings, "standings is null");
      checkNotNull(tiers, "tiers is null; pass Map.of() when there are none");
      Map<String, Standing> byId = new HashMap<>();
      for (Standing standing : standings) {
        checkNotNull(standing, "a standing is null");
        checkArgument(
            byId.put(standing.id(), standing) == null,
            "contributor '%s' has two standings; give one each",
            standing.id());
      }
      for (Map.Entry<String, String> tier : tiers.entrySet()) {
        checkArgument(
            byId.containsKey(tier.getKey()),
            "'%s' holds tier '%s' but has no standing; tiers are held by contributors with one",
            tier.getKey(),
            tier.getValue());
      }
      this.savedStandings = Map.copyOf(byId);
      this.savedTiers = Map.copyOf(tiers);
      return this;
    }

    /** Builds the live reputation and starts its schedule, if any. Does not refresh. */
    public LiveReputation build() {
      return new LiveReputation(this);
    }
  }
}
