/**
 * wuffie's types as JSON, with Jackson: {@link dev.wuffie.json.PolicyJson} reads and writes a
 * {@link dev.wuffie.ScoringPolicy}; {@link dev.wuffie.json.WuffieModule} is the Jackson module
 * behind it, to register on your own {@code ObjectMapper}. The domain types carry no Jackson
 * annotations: every JSON form is defined here.
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
 * <h2>Errors</h2>
 *
 * <p>{@link dev.wuffie.json.PolicyJson} reports a bad document as a {@link
 * dev.wuffie.io.InputFormatException} whose message reads {@code file:line:column: field: problem;
 * how to fix it}, for example {@code policy.json:7:16: solver.damping: damping 1.5 is outside [0,
 * 1); 0.85 is the usual choice}. Through {@link dev.wuffie.json.WuffieModule} the same message
 * comes as a Jackson {@code JsonMappingException} carrying the location.
 */
package dev.wuffie.json;
