/**
 * wuffie's types as JSON, with Jackson: {@link dev.wuffie.json.PolicyJson} reads and writes a
 * {@link dev.wuffie.ScoringPolicy}; {@link dev.wuffie.json.LedgerJson} a {@link dev.wuffie.Ledger}
 * as JSON Lines, one {@link dev.wuffie.LedgerEntry} per line; {@link
 * dev.wuffie.json.ReputationJson} a {@link dev.wuffie.json.ReputationSnapshot} of a {@link
 * dev.wuffie.Reputation}. {@link dev.wuffie.json.WuffieModule} is the Jackson module behind them,
 * to register on your own {@code ObjectMapper}. The domain types carry no Jackson annotations:
 * every JSON form is defined here.
 *
 * <p>Files are written atomically: to a temporary file in the same directory, forced to the device,
 * then moved over the target, so that a reader (or a crash) sees the old file or the new one, never
 * a part. Every reader reports a malformed input as a {@link dev.wuffie.io.InputFormatException}
 * naming the file, the line and, where there is one, the column.
 *
 * <h2>Scoring policies</h2>
 *
 * <p>A policy is one JSON object. Every field is optional and defaults to the value of {@link
 * dev.wuffie.ScoringPolicy#builder()}; a field the format does not know, or a field given twice, is
 * an error. A complete example:
 *
 * <pre>{@code
 * {
 *   "kinds": {"upvote": 1, "accepted": 3, "downvote": -1,
 *             "trust": {"rated": true, "neutral": 0, "scale": 1}},
 *   "replaceDefaultKinds": false,
 *   "saturation": "log",
 *   "halfLife": "P180D",
 *   "asOf": "2026-01-01T00:00:00Z",
 *   "teleport": {"seeds": {"moderator": 1.0}},
 *   "distrustStrength": 1.0,
 *   "influenceCap": 1.0,
 *   "reciprocalWeight": 1.0,
 *   "solver": {"damping": 0.85, "tolerance": 1e-10, "maxIterations": 1000,
 *              "method": "POWER", "stop": "CHANGE"}
 * }
 * }</pre>
 *
 * <table class="striped">
 *   <caption>Policy fields</caption>
 *   <thead>
 *     <tr><th>field</th><th>value</th><th>default</th></tr>
 *   </thead>
 *   <tbody>
 *     <tr><td>{@code kinds}</td><td>an object from kind name to a fixed weight (a number; negative
 *         for distrust) or a rated kind {@code {"rated": true, "neutral": n, "scale": s}}, whose
 *         endorsements weigh {@code s * (value - n)} ({@code neutral} defaults to 0 and {@code
 *         scale} to 1); a fixed kind may also be written {@code {"weight": w}}</td>
 *         <td>{@link dev.wuffie.ScoringPolicy#DEFAULT_KINDS}</td></tr>
 *     <tr><td>{@code replaceDefaultKinds}</td><td>{@code false}: the listed kinds are added to the
 *         default kinds (replacing those of the same name); {@code true}: the policy knows only
 *         the listed kinds</td><td>{@code false}</td></tr>
 *     <tr><td>{@code saturation}</td><td>{@code "linear"}, {@code "log"} or {@code "sqrt"} (see
 *         {@link dev.wuffie.Saturation#named(String)})</td><td>{@code "log"}</td></tr>
 *     <tr><td>{@code halfLife}</td><td>an ISO-8601 duration such as {@code "P180D"} or {@code
 *         "PT12H"} (see {@link java.time.Duration#parse(CharSequence)}), or {@code null} for no
 *         decay</td><td>no decay</td></tr>
 *     <tr><td>{@code asOf}</td><td>an ISO-8601 instant such as {@code "2026-01-01T00:00:00Z"}, or
 *         {@code null} for the time of the ledger's latest event</td><td>latest event</td></tr>
 *     <tr><td>{@code teleport}</td><td>{@code "uniform"}, {@code "activity"} (the activity prior)
 *         or {@code {"seeds": {"id": weight, ...}}}</td><td>{@code "uniform"}</td></tr>
 *     <tr><td>{@code distrustStrength}</td><td>a number in [0, 1]</td><td>1.0</td></tr>
 *     <tr><td>{@code influenceCap}</td><td>a number in (0, 1]; 1 for no cap</td><td>1.0</td></tr>
 *     <tr><td>{@code reciprocalWeight}</td><td>a number in [0, 1]; 1 for none</td><td>1.0</td></tr>
 *     <tr><td>{@code solver}</td><td>an object with {@code damping}, {@code tolerance}, {@code
 *         maxIterations} (a whole number), {@code method} ({@code "POWER"} or {@code
 *         "GAUSS_SEIDEL"}) and {@code stop} ({@code "CHANGE"} or {@code "ERROR_BOUND"}), each
 *         optional</td><td>{@link dev.wuffie.rank.RankSolver#defaults()}</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>Writing emits every field: the kinds as the full map with {@code "replaceDefaultKinds": true},
 * and {@code null} for no decay and for "as of the latest event", so that reading the text back
 * gives an equal policy (doubles are written in their shortest exact form). A whole number of days
 * is written as {@code "P180D"}, other durations as {@link java.time.Duration#toString()} does. A
 * custom {@link dev.wuffie.Saturation} or {@link dev.wuffie.Decay} cannot be written. The solver's
 * thread count is not part of a policy's JSON: it never changes the scores.
 *
 * <h2>Ledgers: JSON Lines</h2>
 *
 * <p>One entry per line, each a JSON object whose fields say what it is (in any order; no other
 * field is allowed). Times are ISO-8601 instants in UTC, kept to the millisecond; ids are non-empty
 * strings.
 *
 * <table class="striped">
 *   <caption>Ledger entries</caption>
 *   <thead>
 *     <tr><th>entry</th><th>line</th><th>does</th></tr>
 *   </thead>
 *   <tbody>
 *     <tr><td>contributor</td><td>{@code {"contributor":"alice"}}</td>
 *         <td>{@link dev.wuffie.Ledger#addContributor(String)}</td></tr>
 *     <tr><td>contribution</td><td>{@code {"contribution":"answer-17","time":"2026-11-01T12:00:00Z",
 *         "authors":{"bob":1.0}}}</td><td>{@link dev.wuffie.Ledger#addContribution(String,
 *         java.time.Instant, java.util.Map)}: authors with relative shares</td></tr>
 *     <tr><td>event on a contributor</td><td>{@code {"endorser":"dave","target":"bob",
 *         "kind":"trust","value":7.0,"time":"2026-11-01T12:00:00Z"}}</td>
 *         <td>{@link dev.wuffie.Ledger#record(dev.wuffie.Endorsement)}; {@code value} only for
 *         rated kinds</td></tr>
 *     <tr><td>event on a contribution</td><td>{@code {"endorser":"alice",
 *         "contribution":"answer-17","kind":"upvote","time":"2026-11-01T12:00:00Z"}}</td>
 *         <td>the same, endorsing a contribution registered before</td></tr>
 *     <tr><td>retraction</td><td>{@code {"retract":2}}</td><td>{@link
 *         dev.wuffie.Ledger#retract(long)}: the event with that id, counted from the ledger's
 *         first event</td></tr>
 *     <tr><td>merge</td><td>{@code {"merge":"bob-old","into":"bob"}}</td><td>{@link
 *         dev.wuffie.Ledger#merge(String, String)}</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>{@link dev.wuffie.json.LedgerJson#write(dev.wuffie.LedgerSnapshot, java.nio.file.Path)} writes
 * every contributor, every contribution, every event in id order, every merge and every retraction,
 * so that reading the file into an empty ledger gives back a snapshot with the same content. This
 * ledger (alice upvoted bob's answer, dave rated bob, alice thanked bob and took it back, bob-old
 * is bob's old account) is written as:
 *
 * <pre>{@code
 * {"contributor":"alice"}
 * {"contributor":"bob"}
 * {"contributor":"dave"}
 * {"contributor":"bob-old"}
 * {"contribution":"answer-17","time":"2026-11-01T12:00:00Z","authors":{"bob":1.0}}
 * {"endorser":"alice","contribution":"answer-17","kind":"upvote","time":"2026-11-01T12:00:00Z"}
 * {"endorser":"dave","target":"bob","kind":"trust","value":7.0,"time":"2026-11-01T12:00:00.250Z"}
 * {"endorser":"alice","target":"bob","kind":"thanks","time":"2026-11-01T12:00:00Z"}
 * {"merge":"bob-old","into":"bob"}
 * {"retract":2}
 * }</pre>
 *
 * <p>The format is append-friendly: a site can keep a ledger file by appending {@link
 * dev.wuffie.json.LedgerJson#line(dev.wuffie.LedgerEntry)} for each change it records. {@link
 * dev.wuffie.json.LedgerJson#read(java.nio.file.Path, dev.wuffie.Ledger)} streams the file (plain
 * or gzip-compressed UTF-8; blank lines and CRLF line ends are fine) and applies all of it to the
 * ledger as one batch, or nothing. Its limits, each with a builder setting: lines of at most 1 MiB
 * ({@link dev.wuffie.json.LedgerJson#DEFAULT_MAX_LINE_BYTES}), ids of at most 1,024 characters
 * ({@link dev.wuffie.json.LedgerJson#DEFAULT_MAX_ID_LENGTH}), at most 10 million entries ({@link
 * dev.wuffie.json.LedgerJson#DEFAULT_MAX_ENTRIES}).
 *
 * <h2>Reputation snapshots</h2>
 *
 * <p>One JSON object, every field required ({@code asOf} and {@code policy} may be null): the
 * format's version, when the snapshot was made, the time the scores are as of, how the solver
 * ended, the policy in the form above, and every contributor's standing, best first, one per line.
 * For a ledger where alice upvoted bob's answer, bob thanked alice and carol thanked bob, scored
 * with upvote 1, thanks 0.5 and a 180-day half-life:
 *
 * <pre>{@code
 * {
 *   "version": 1,
 *   "createdAt": "2026-11-26T06:30:00.123456789Z",
 *   "asOf": "2026-11-01T12:00:00Z",
 *   "converged": true,
 *   "iterations": 140,
 *   "residual": 8.761102954224498E-11,
 *   "policy": {
 *     "kinds": {
 *       "upvote": 1.0,
 *       "thanks": 0.5
 *     },
 *     "replaceDefaultKinds": true,
 *     ...
 *   },
 *   "contributors": [
 *     {"id": "bob", "rank": 1, "score": 0.4864864864663595, "points": 1.4594594593990786, "percentile": 100.0},
 *     {"id": "alice", "rank": 2, "score": 0.46351351353364023, "points": 1.3905405406009206, "percentile": 50.0},
 *     {"id": "carol", "rank": 3, "score": 0.05, "points": 0.15000000000000002, "percentile": 0.0}
 *   ]
 * }
 * }</pre>
 *
 * <p>Doubles are written in a form that reads back to the same bits, so {@code
 * ReputationJson.read(ReputationJson.write(s))} equals {@code s}; an infinite residual is written
 * as the string {@code "Infinity"}.
 *
 * <h2>Errors</h2>
 *
 * <p>{@link dev.wuffie.json.PolicyJson} reports a bad document as a {@link
 * dev.wuffie.io.InputFormatException} whose message reads {@code file:line:column: field: problem;
 * how to fix it}, for example {@code policy.json:7:16: solver.damping: damping 1.5 is outside [0,
 * 1); 0.85 is the usual choice}; {@link dev.wuffie.json.ReputationJson} likewise, with paths such
 * as {@code contributors[3].score}. {@link dev.wuffie.json.LedgerJson} names the line of the file
 * and the column within it: {@code events.jsonl:4:59: time: "yesterday" is not an ISO-8601 instant;
 * ...}, and an entry that the ledger refuses is reported with its line too ({@code events.jsonl:4:
 * unknown contribution 'answer-99': ...}). Through {@link dev.wuffie.json.WuffieModule} the same
 * messages come as Jackson {@code JsonMappingException}s carrying the location.
 */
package dev.wuffie.json;
