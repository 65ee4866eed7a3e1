/**
 * {@code wuffie explore}: a local web page where a site's admins see, question and tune reputation.
 *
 * <p>Start at {@link dev.wuffie.explore.Explorer}, which holds a ledger scored under a policy and
 * reads it for the page (leaderboard, members, what-if), and {@link
 * dev.wuffie.explore.ExploreServer}, which serves the page from the class path and the JSON API on
 * the JDK's HTTP server. {@link dev.wuffie.explore.Explorer} reads the whole ledger's reputation
 * and each scope's ({@code Scopes}) through a {@code Ranking}, and a member's view of the others
 * through a {@code TrustCache}. The command {@code dev.wuffie.cli.ExploreCommand} scores the input
 * and starts them.
 */
package dev.wuffie.explore;
