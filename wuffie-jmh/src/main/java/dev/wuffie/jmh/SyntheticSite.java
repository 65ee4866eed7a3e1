package dev.wuffie.jmh;

import dev.wuffie.Decay;
import dev.wuffie.Endorsement;
import dev.wuffie.Ledger;
import dev.wuffie.LiveReputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.jdbc.SqlEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.sql.DataSource;

/**
 * A deterministic synthetic Q&A site for {@link SiteFigures}: members who write answers and vote on
 * them, in the tables a site keeps ({@code answers}, {@code votes}), with the queries and the
 * policy that score it.
 *
 * <p>From seed {@value Graphs#SEED}: {@code votes / 5} answers, answer {@code j} (id {@code j + 1})
 * written at an even step through the three years before {@link #END}, by a member drawn from a
 * power law (exponent {@value #AUTHOR_SKEW}: a few members write most answers). Then the votes, in
 * id order: the answer drawn from a power law over a fixed random order of the answers (exponent
 * {@value #ANSWER_SKEW}: a few answers get most votes), the voter from a power law over the members
 * (exponent {@value #VOTER_SKEW}, in the same order as the authors: those who write most also vote
 * most), the kind {@code accepted} (5%), {@code downvote} (10%) or {@code upvote} (85%), stored as
 * the Stack Exchange vote type ids 1, 3 and 2; the time after the answer's, most of them soon after
 * ({@code answer + (END - answer) u^4}). Self-votes happen, as on a real site; the policy drops
 * them. Votes past the first {@code votes} (those the figures insert while the site runs) are one
 * second apart, from {@link #END} on, so each is the site's latest event.
 *
 * <p>Not thread-safe: one thread draws the votes.
 */
final class SyntheticSite {
  /** The end of the generated history; votes inserted later follow it, a second apart. */
  static final Instant END = Instant.parse("2026-06-01T00:00:00Z");

  /** The generated history: three years before {@link #END}. */
  static final Duration HISTORY = Duration.ofDays(3 * 365);

  static final double AUTHOR_SKEW = 0.8;
  static final double ANSWER_SKEW = 0.8;
  static final double VOTER_SKEW = 0.7;

  /** Vote type ids, as in the Stack Exchange data dump. */
  static final int ACCEPTED = 1;

  static final int UPVOTE = 2;
  static final int DOWNVOTE = 3;

  /**
   * The policy: the README's quick-start site policy (the default kinds, {@code accepted} weighing
   * 4, a downvote -1 as distrust) with a 365-day half-life.
   */
  static final ScoringPolicy POLICY =
      ScoringPolicy.builder()
          .kind("accepted", 4)
          .decay(Decay.halfLife(Duration.ofDays(365)))
          .build();

  /** The events query: the vote type id mapped to the policy's kinds. */
  static final String EVENTS =
      "SELECT v.id, v.voter_id AS endorser, v.answer_id AS target_contribution,"
          + " CASE v.vote_type WHEN "
          + ACCEPTED
          + " THEN 'accepted' WHEN "
          + DOWNVOTE
          + " THEN 'downvote' ELSE 'upvote' END AS kind, v.created_at AS made_at FROM votes v";

  /** The contributions query: each answer and its author. */
  static final String CONTRIBUTIONS =
      "SELECT a.id AS contribution, a.author_id AS author, a.created_at AS made_at FROM answers a";

  /** One row of the votes table. */
  record Vote(long id, long voter, long answer, int type, long millis) {}

  /** Takes the answers in id order. */
  interface AnswerSink {
    void answer(long id, long author, long millis) throws Exception;
  }

  private final int members;
  private final int answers;
  private final long initialVotes;
  private final int[] memberOrder; // popularity rank -> member index
  private final int[] answerOrder; // popularity rank -> answer index
  private final long[] answerMillis;
  private final long[] answerAuthor;
  private final SplittableRandom random = new SplittableRandom(Graphs.SEED);
  private long nextVote = 1;

  /**
   * The site of {@code members} members and {@code votes} votes in its history; draws the answers
   * at once.
   *
   * @throws IllegalArgumentException if a count is below 1
   */
  SyntheticSite(int members, long votes) {
    if (members < 1 || votes < 1) {
      throw new IllegalArgumentException(
          "members " + members + ", votes " + votes + ": give at least 1 of each");
    }
    this.members = members;
    this.initialVotes = votes;
    this.answers = (int) Math.max(1, Math.min(Integer.MAX_VALUE - 8, votes / 5));
    this.memberOrder = shuffled(members);
    this.answerOrder = shuffled(answers);
    this.answerMillis = new long[answers];
    this.answerAuthor = new long[answers];
    long start = END.minus(HISTORY).toEpochMilli();
    for (int j = 0; j < answers; j++) {
      answerMillis[j] = start + HISTORY.toMillis() * j / answers;
      answerAuthor[j] = 1 + memberOrder[powerLaw(members, AUTHOR_SKEW)];
    }
  }

  int members() {
    return members;
  }

  int answers() {
    return answers;
  }

  /** The votes of the generated history. */
  long initialVotes() {
    return initialVotes;
  }

  /** Calls {@code sink} with every answer, in id order. */
  void forEachAnswer(AnswerSink sink) throws Exception {
    for (int j = 0; j < answers; j++) {
      sink.answer(j + 1, answerAuthor[j], answerMillis[j]);
    }
  }

  /**
   * A new ledger holding every answer and the generated history's votes (recorded in batches of
   * 100,000): the site as a {@link Ledger}.
   */
  Ledger ledger() throws Exception {
    Ledger ledger = Ledger.create();
    forEachAnswer(
        (id, author, millis) ->
            ledger.addContribution(
                Long.toString(id), Instant.ofEpochMilli(millis), Long.toString(author)));
    for (long left = initialVotes; left > 0; left -= 100_000) {
      ledger.recordAll(nextEndorsements((int) Math.min(100_000, left)));
    }
    return ledger;
  }

  /** The site's next {@code count} votes, as endorsements of answers. */
  List<Endorsement> nextEndorsements(int count) {
    List<Endorsement> batch = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Vote vote = nextVote();
      String kind =
          switch (vote.type()) {
            case ACCEPTED -> "accepted";
            case DOWNVOTE -> "downvote";
            default -> "upvote";
          };
      batch.add(
          Endorsement.ofContribution(
              Long.toString(vote.voter()),
              Long.toString(vote.answer()),
              kind,
              Instant.ofEpochMilli(vote.millis())));
    }
    return batch;
  }

  /** The next vote: of the history while there are any left, then the site's latest. */
  Vote nextVote() {
    long id = nextVote++;
    int answer = answerOrder[powerLaw(answers, ANSWER_SKEW)];
    long voter = 1 + memberOrder[powerLaw(members, VOTER_SKEW)];
    double kind = random.nextDouble();
    int type = kind < 0.05 ? ACCEPTED : kind < 0.15 ? DOWNVOTE : UPVOTE;
    long millis;
    if (id <= initialVotes) {
      double u = random.nextDouble();
      long since = answerMillis[answer];
      millis = since + (long) ((END.toEpochMilli() - since) * (u * u * u * u));
    } else {
      millis = END.toEpochMilli() + 1000 * (id - initialVotes);
    }
    return new Vote(id, voter, answer + 1, type, millis);
  }

  /** A source over this site's tables in {@code dataSource}, into {@code live}. */
  static SqlEventSource.Builder source(DataSource dataSource, LiveReputation live) {
    return SqlEventSource.builder(dataSource, live)
        .events(EVENTS, "id")
        .contributions(CONTRIBUTIONS, "contribution");
  }

  /**
   * A rank in {@code [0, n)} drawn from a continuous power law of exponent {@code a} on {@code [1,
   * n + 1)} by inverting its distribution function: rank {@code r} has probability about
   * proportional to {@code (r + 1)^-a}.
   */
  private int powerLaw(int n, double a) {
    double u = random.nextDouble();
    double x =
        a == 1 ? Math.pow(n + 1, u) : Math.pow(1 + u * (Math.pow(n + 1, 1 - a) - 1), 1 / (1 - a));
    return Math.min(n - 1, (int) x - 1);
  }

  private int[] shuffled(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
