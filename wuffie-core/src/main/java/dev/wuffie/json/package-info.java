/**
 * wuffie's state as JSON, with Jackson: scoring policies, ledgers and reputation snapshots.
 *
 * <p>Start with the class for the file at hand: {@link dev.wuffie.json.PolicyJson} reads and writes
 * a {@link dev.wuffie.ScoringPolicy} as one JSON object; {@link dev.wuffie.json.LedgerJson} a
 * {@link dev.wuffie.Ledger} as JSON Lines, one {@link dev.wuffie.LedgerEntry} per line, written
 * whole or appended to as a site records; {@link dev.wuffie.json.ReputationJson} a {@link
 * dev.wuffie.json.ReputationSnapshot} of a {@link dev.wuffie.Reputation}. {@link
 * dev.wuffie.json.WuffieModule} is the Jackson module behind them, to register on your own {@code
 * ObjectMapper}. The domain types carry no Jackson annotations: every JSON form is defined here.
 *
 * <pre>{@code
 * ScoringPolicy policy = PolicyJson.read(Path.of("policy.json"));
 * Ledger ledger = Ledger.create();
 * LedgerJson.defaults().read(Path.of("ledger.jsonl"), ledger); // all of it, or nothing
 * Reputation reputation = Reputation.compute(ledger, policy);
 * ReputationJson.write(ReputationSnapshot.of(reputation, Instant.now()), Path.of("reputation.json"));
 * }</pre>
 *
 * <p>The formats, field by field with examples, are in {@code docs/formats.md} of the source
 * repository (linked from the README). In short: every field of a policy is optional and defaults
 * to {@link dev.wuffie.ScoringPolicy#builder()}'s value; a ledger line's fields say what entry it
 * is; a snapshot has every contributor's standing with the policy and how the solver ended. Unknown
 * fields and fields given twice are errors, and writing then reading gives an equal value.
 *
 * <p>Files are written atomically: to a temporary file in the same directory, forced to the device,
 * then moved over the target, so that a reader (or a crash) sees the old file or the new one, never
 * a part. Every reader reports a malformed input as a {@link dev.wuffie.io.InputFormatException}
 * naming the file, the line and, where there is one, the column, the field, what was wrong and how
 * to fix it.
 */
package dev.wuffie.json;
