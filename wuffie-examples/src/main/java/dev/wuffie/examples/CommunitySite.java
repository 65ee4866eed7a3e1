package dev.wuffie.examples;

import dev.wuffie.Decay;
import dev.wuffie.Endorsement;
import dev.wuffie.Explanation;
import dev.wuffie.Ledger;
import dev.wuffie.LedgerEntry;
import dev.wuffie.Reputation;
import dev.wuffie.Saturation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.Standing;
import dev.wuffie.json.LedgerJson;
import dev.wuffie.json.PolicyJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * Scoring the users of an existing Q&A site from its SQL database. {@link #loadBeerSite} puts the
 * bundled posts of the Beer Stack Exchange site (CC BY-SA 3.0, see datasets/README.md) into an
 * embedded H2 database; {@link #scoreSite} is what a site does: read the events over JDBC, score
 * them, write a {@code reputation} table back in one transaction, print the leaderboard and explain
 * the leader. Pass the JDBC URL of your own database (with its driver on the class path) to score
 * that instead: it needs {@code users} and {@code posts} tables like the ones created here.
 *
 * <p>An answer is a contribution of its author, tagged with its question's tags (the scopes of
 * {@link dev.wuffie.ScopedReputation}: "top in #brewing"); the asker endorses each answer to their
 * question ("answer", 1) and the accepted one again ("accepted", 3); repeats saturate (log2) and
 * weights halve every 365 days before the latest post. Post scores (up-votes minus down-votes) come
 * without their voters, so they cannot be endorsements; they are the teleport prior instead: seeds
 * weighted by the positive score of each user's posts, decayed alike. (The policy's activityPrior()
 * would count posts, whatever they scored.) The dump's Users.xml is not bundled: the users table
 * holds the post owners.
 *
 * <p>Given a directory as well ({@code example community-site beer}), it also writes the ledger it
 * scored as {@code beer/ledger.jsonl} ({@link LedgerJson}) and its policy as {@code
 * beer/policy.json} ({@link PolicyJson}), which {@code wuffie explore --ledger beer/ledger.jsonl
 * --policy beer/policy.json} serves with the same scores, and a scope for each tag.
 */
public final class CommunitySite {
  /** The default database: in memory, gone when the example's connection closes. */
  static final String DEFAULT_URL = "jdbc:h2:mem:community-site";

  private static final String POSTS = "/datasets/beer.stackexchange-Posts.xml.gz";
  private static final int SHOWN_ASKERS = 5;
  private static final Pattern TAG = Pattern.compile("<([^<>]+)>");

  private CommunitySite() {}

  /**
   * Scores the database at the JDBC URL among {@code args} (an argument that starts with {@code
   * jdbc:}), by default {@link #DEFAULT_URL}: an in-memory H2 database that gets the bundled site
   * first. Another argument is a directory to write the scored ledger and policy into.
   */
  public static void main(String[] args) throws Exception {
    String url = DEFAULT_URL;
    Path export = null;
    for (String arg : args) {
      if (arg.startsWith("jdbc:")) {
        url = arg;
      } else if (export == null) {
        export = Path.of(arg);
      } else {
        throw new IllegalArgumentException(
            "give at most a JDBC URL and one directory to write the ledger into, not also '"
                + arg
                + "'");
      }
    }
    run(url, export);
  }

  /** Scores the database at {@code jdbcUrl}, loading the bundled site first if it is in memory. */
  static void run(String jdbcUrl) throws Exception {
    run(jdbcUrl, null);
  }

  /**
   * As {@link #run(String)}, and writes the ledger and policy into directory {@code export} (made
   * if need be) unless it is null.
   */
  static void run(String jdbcUrl, Path export) throws Exception {
    try (Connection db = DriverManager.getConnection(jdbcUrl)) {
      if (jdbcUrl.startsWith("jdbc:h2:mem:")) { // a new, empty database
        loadBeerSite(db);
      }
      scoreSite(db, export);
    }
  }

  /**
   * Creates the site's tables and fills them from Posts.xml, read with StAX. A question's tags are
   * kept as the dump writes them, {@code <ipa><hops>}.
   */
  static void loadBeerSite(Connection db) throws Exception {
    String[] columns = {"Id", "PostTypeId", "ParentId", "AcceptedAnswerId", "OwnerUserId", "Score"};
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false); // no DTD, no external entities
    try (Statement sql = db.createStatement();
        InputStream in = new GZIPInputStream(CommunitySite.class.getResourceAsStream(POSTS))) {
      sql.executeUpdate(
          "CREATE TABLE posts (id BIGINT PRIMARY KEY, post_type INT, parent_id BIGINT,"
              + " accepted_answer_id BIGINT, owner_id BIGINT, score INT, created_at TIMESTAMP,"
              + " tags VARCHAR(1000))");
      try (PreparedStatement insert =
          db.prepareStatement("INSERT INTO posts VALUES (?,?,?,?,?,?,?,?)")) {
        XMLStreamReader xml = factory.createXMLStreamReader(in);
        while (xml.hasNext()) {
          if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("row")) {
            for (int i = 0; i < columns.length; i++) {
              String value = xml.getAttributeValue(null, columns[i]);
              insert.setObject(i + 1, value == null ? null : Long.valueOf(value));
            }
            insert.setObject(7, LocalDateTime.parse(xml.getAttributeValue(null, "CreationDate")));
            insert.setString(8, xml.getAttributeValue(null, "Tags"));
            insert.addBatch();
          }
        }
        insert.executeBatch();
      }
      sql.executeUpdate(
          "CREATE TABLE users AS SELECT DISTINCT owner_id AS id FROM posts"
              + " WHERE owner_id IS NOT NULL");
    }
  }

  /**
   * What a site does: reads the events, scores them, writes the reputation table, prints it; and
   * writes the ledger and policy into {@code export} unless it is null.
   */
  static void scoreSite(Connection db, Path export) throws SQLException, IOException {
    Ledger ledger = Ledger.create();
    Decay decay = Decay.halfLife(Duration.ofDays(365));
    Map<String, Double> prior = new HashMap<>(); // the positive score of each user's posts
    Instant asOf;
    try (Statement sql = db.createStatement()) {
      ResultSet row = sql.executeQuery("SELECT MAX(created_at) FROM posts");
      row.next();
      asOf = instant(row, 1);
      row = sql.executeQuery("SELECT id FROM users"); // closes the previous result set
      while (row.next()) {
        ledger.addContributor(row.getString(1));
      }
      row =
          sql.executeQuery(
              "SELECT a.id, a.owner_id, a.created_at, q.owner_id, q.accepted_answer_id = a.id,"
                  + " q.tags FROM posts a JOIN posts q ON q.id = a.parent_id"
                  + " WHERE a.post_type = 2 AND a.owner_id IS NOT NULL AND q.owner_id IS NOT NULL");
      while (row.next()) {
        String answer = "answer-" + row.getLong(1);
        Instant time = instant(row, 3);
        ledger.addContribution(
            LedgerEntry.contribution(answer, time, row.getString(2)).tagged(tags(row, 6)));
        ledger.record(Endorsement.ofContribution(row.getString(4), answer, "answer", time));
        if (row.getBoolean(5)) {
          ledger.record(Endorsement.ofContribution(row.getString(4), answer, "accepted", time));
        }
      }
      row =
          sql.executeQuery(
              "SELECT owner_id, score, created_at FROM posts"
                  + " WHERE score > 0 AND owner_id IS NOT NULL");
      while (row.next()) {
        long age = Duration.between(instant(row, 3), asOf).toMillis();
        prior.merge(row.getString(1), row.getInt(2) * decay.factor(age), Double::sum);
      }
    }
    ScoringPolicy policy =
        ScoringPolicy.builder()
            .clearKinds()
            .kind("answer", 1)
            .kind("accepted", 3)
            .saturation(Saturation.log())
            .decay(decay)
            .asOf(asOf)
            .seeds(prior)
            .build();
    Reputation reputation = Reputation.compute(ledger, policy);

    db.setAutoCommit(false); // one transaction: readers see the old table or the new one
    try (Statement sql = db.createStatement()) {
      sql.executeUpdate( // on MySQL 8, which reserves RANK, quote it: `rank`
          "CREATE TABLE IF NOT EXISTS reputation (id BIGINT PRIMARY KEY, score DOUBLE PRECISION,"
              + " rank INT, percentile DOUBLE PRECISION, updated_at TIMESTAMP)");
      sql.executeUpdate("DELETE FROM reputation");
      try (PreparedStatement insert =
          db.prepareStatement("INSERT INTO reputation VALUES (?,?,?,?,?)")) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        for (Standing s : reputation.top(reputation.size())) {
          insert.setLong(1, Long.parseLong(s.id()));
          insert.setDouble(2, s.score());
          insert.setInt(3, s.rank());
          insert.setDouble(4, s.percentile());
          insert.setObject(5, now);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      db.commit();
    } catch (SQLException e) {
      db.rollback();
      throw e;
    }

    System.out.printf(
        "%,d users, %,d answers, as of %s; wrote the reputation table%n%n",
        reputation.size(),
        ledger.snapshot().contributionCount(),
        asOf.atZone(ZoneOffset.UTC).toLocalDate());
    System.out.println("rank  user   points  percentile");
    double most = reputation.top(1).get(0).points();
    for (Standing s : reputation.top(10)) {
      String bar = "#".repeat((int) Math.round(30 * s.points() / most));
      System.out.printf(
          "%4d  %-5s %7.2f  %10.1f  %s%n", s.rank(), s.id(), s.points(), s.percentile(), bar);
    }
    Explanation why = reputation.explain(reputation.top(1).get(0).id());
    System.out.printf("%nwhy user %s leads: score %.6f =%n", why.id(), why.score());
    System.out.printf(
        "  %.6f  by the prior, their posts' scores (teleport %.6f, returned %.6f)%n",
        why.teleport() + why.returned(), why.teleport(), why.returned());
    List<Explanation.Term> askers = why.endorsers();
    for (Explanation.Term asker : askers.subList(0, Math.min(SHOWN_ASKERS, askers.size()))) {
      System.out.printf(
          "  %.6f  from asker %s (answers: %d, accepted: %d)%n",
          asker.amount(), asker.endorser(), count(asker, "answer"), count(asker, "accepted"));
    }
    double others = askers.stream().skip(SHOWN_ASKERS).mapToDouble(Explanation.Term::amount).sum();
    System.out.printf(
        "  %.6f  from %d other askers%n", others, Math.max(0, askers.size() - SHOWN_ASKERS));
    if (export != null) {
      Files.createDirectories(export);
      Path ledgerFile = export.resolve("ledger.jsonl");
      Path policyFile = export.resolve("policy.json");
      LedgerJson.write(ledger.snapshot(), ledgerFile);
      Files.writeString(policyFile, PolicyJson.write(policy));
      System.out.printf(
          "%nwrote %s and %s; explore them with%n  java -jar wuffie.jar explore --ledger %s"
              + " --policy %s%n",
          ledgerFile, policyFile, ledgerFile, policyFile);
    }
  }

  /** The tags of a column that holds them as the dump does, {@code <ipa><hops>}; none for null. */
  private static String[] tags(ResultSet row, int column) throws SQLException {
    String text = row.getString(column);
    if (text == null) {
      return new String[0];
    }
    List<String> tags = new ArrayList<>();
    Matcher m = TAG.matcher(text);
    while (m.find()) {
      tags.add(m.group(1));
    }
    return tags.toArray(new String[0]);
  }

  /** How many endorsements of {@code kind} an explanation term is made of. */
  private static int count(Explanation.Term term, String kind) {
    return term.parts().stream()
        .filter(p -> p.kind().equals(kind))
        .mapToInt(Explanation.Part::endorsements)
        .sum();
  }

  /** A TIMESTAMP column, which holds UTC as the dump does. */
  private static Instant instant(ResultSet row, int column) throws SQLException {
    return row.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
  }
}
