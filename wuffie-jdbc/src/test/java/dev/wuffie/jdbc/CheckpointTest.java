package dev.wuffie.jdbc;

import static dev.wuffie.jdbc.Fixtures.T0;
import static dev.wuffie.jdbc.Site.scores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wuffie.Endorsement;
import dev.wuffie.LiveReputation;
import dev.wuffie.jdbc.Database.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class CheckpointTest {
  private static final Instant T1 = T0.plusSeconds(3600);

  @TempDir Path directory;

  @ParameterizedTest
  @EnumSource(Database.class)
  void restarts_fromTheDatabase_orFromACheckpoint_giveBitIdenticalScores(Database database)
      throws Exception {
    try (TestDatabase db = database.create()) {
      Site site = new Site(db);
      LiveReputation live = Site.live();
      SqlEventSource source = site.source(live).badRows(BadRows.SKIP).build();
      site.post(10, T0, "bob");
      site.post(11, T0, "carol", "dave");
      site.vote(1, "alice", "bob", "thanks", T0);
      site.votePost(2, "alice", 10, "upvote", T0);
      site.votePost(3, "erin", 11, "accepted", T0);
      site.execute("INSERT INTO votes (id, voter, member, kind) VALUES (4, 'x', 'y', 'meh')");
      site.merge("frank", "erin");
      source.poll();
      site.rate(5, "bob", "erin", "trust", 7, T0);
      site.execute(
          "INSERT INTO merged_accounts (alias, person) VALUES ('frank', 'alice')"); // bad: twice
      source.poll();
      Path checkpoint = directory.resolve("source.ckpt");
      source.checkpoint(checkpoint);

      // After the checkpoint: a removal of an event before it, new votes, a post, a merge.
      site.remove(2);
      site.post(12, T1, "alice");
      site.votePost(6, "frank", 12, "upvote", T1);
      site.vote(7, "gina", "carol", "thanks", T1);
      site.merge("gina", "dave");
      source.poll();

      LiveReputation fromCheckpoint = Site.live();
      SqlEventSource restored = site.source(fromCheckpoint).badRows(BadRows.SKIP).build();
      restored.restore(checkpoint);
      SqlEventSource.Poll afterCheckpoint = restored.poll();
      LiveReputation fromDatabase = Site.live();
      site.source(fromDatabase).badRows(BadRows.SKIP).build().poll();

      Map<String, Double> scores = scores(live.ledger());
      assertThat(scores(fromCheckpoint.ledger())).isEqualTo(scores);
      assertThat(scores(fromDatabase.ledger())).isEqualTo(scores);
      assertThat(scores).isEqualTo(scores(site.expected));
      assertThat(afterCheckpoint.recorded()).isEqualTo(2); // votes 6 and 7 only
      assertThat(afterCheckpoint.skipped()).isZero(); // the bad rows were skipped before
      assertThat(restored.cursors()).isEqualTo(source.cursors());
      assertThat(fromCheckpoint.ledger().eventCount()).isEqualTo(live.ledger().eventCount());
      // The first refresh of a restarted live reputation gives those scores too.
      assertThat(fromCheckpoint.refresh().current().score("alice")).isEqualTo(scores.get("alice"));
    }
  }

  @Test
  void theCheckpoint_isAZipOfTheLedgerAndTheCursors() throws Exception {
    try (TestDatabase db = Database.H2.create()) {
      Site site = new Site(db);
      site.vote(1, "alice", "bob", "thanks", T0);
      site.vote(2, "bob", "alice", "thanks", T0);
      site.remove(1);
      LiveReputation live = Site.live();
      SqlEventSource source = site.source(live).build();
      source.poll();
      Path checkpoint = directory.resolve("source.ckpt");

      source.checkpoint(checkpoint);
      source.checkpoint(checkpoint); // replaces it

      try (ZipFile zip = new ZipFile(checkpoint.toFile())) {
        List<String> names = new ArrayList<>();
        zip.stream().map(ZipEntry::getName).forEach(names::add);
        assertThat(names).containsExactly("ledger.jsonl", "source.txt");
        String state =
            new String(
                zip.getInputStream(zip.getEntry("source.txt")).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(state.lines())
            .startsWith("wuffie-jdbc checkpoint 1")
            .contains(
                "cursor events 2",
                "cursor removals 1",
                "cursor contributions " + Long.MIN_VALUE,
                "event -1 n 1",
                "event 1 n 2");
        String ledger =
            new String(
                zip.getInputStream(zip.getEntry("ledger.jsonl")).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(ledger.lines()).hasSize(5); // 2 contributors, 2 events, 1 retraction
      }
      try (var files = Files.list(directory)) {
        assertThat(files).containsExactly(checkpoint); // no temporary file left
      }
    }
  }

  @Test
  void restore_refusesANonEmptyLedger_aSourceThatPolled_andAMissingFile() throws Exception {
    try (TestDatabase db = Database.H2.create()) {
      Site site = new Site(db);
      Path checkpoint = directory.resolve("source.ckpt");
      LiveReputation live = Site.live();
      SqlEventSource source = site.source(live).build();
      source.checkpoint(checkpoint);

      assertThatThrownBy(() -> site.source(Site.live()).build().restore(directory.resolve("none")))
          .isInstanceOf(NoSuchFileException.class)
          .hasMessageContaining("none");
      source.poll();
      assertThatThrownBy(() -> source.restore(checkpoint))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("the source has polled already; restore a checkpoint into a new source");
      LiveReputation used = Site.live();
      used.ledger().record(Endorsement.of("a", "b", "upvote", T0));
      assertThatThrownBy(() -> site.source(used).build().restore(checkpoint))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("the ledger is not empty (Ledger{contributors=2,");
    }
  }

  @Test
  void restore_refusesAFileThatIsNoCheckpoint_andChangesNothing() throws Exception {
    try (TestDatabase db = Database.H2.create()) {
      Site site = new Site(db);
      Path notZip = directory.resolve("not.ckpt");
      Files.writeString(notZip, "hello");
      LiveReputation live = Site.live();
      SqlEventSource source = site.source(live).build();

      assertThatThrownBy(() -> source.restore(notZip))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith(notZip + " is no wuffie-jdbc checkpoint: ");
      assertThat(live.ledger().contributorCount()).isZero();
      try (Connection c = db.getConnection()) {
        Site.insertVote(c, 1L, "alice", "bob", null, "upvote", null, T0);
      }
      assertThat(source.poll().recorded()).isEqualTo(1); // still usable
    }
  }
}
