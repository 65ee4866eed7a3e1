package dev.wuffie.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wuffie.Endorsement;
import dev.wuffie.KindWeight;
import dev.wuffie.Ledger;
import dev.wuffie.LedgerSnapshot;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.io.EdgeRecord;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The policy mapping of records: the same from a file as from records of any other source. */
final class EventReaderTest {
  private static final ScoringPolicy POLICY =
      ScoringPolicy.identity().toBuilder()
          .kind(KindWeight.rated(ScoringPolicy.IDENTITY_KIND, 0, 1))
          .kind(KindWeight.rated("upvote", 0, 1))
          .kind(KindWeight.rated("downvote", 0, -1))
          .kind(KindWeight.fixed("accepted", 3))
          .build();
  private static final Instant T = Instant.ofEpochSecond(1_700_000_000);

  @Test
  void read_fileAndTheSameRecordsFedOneByOne_giveTheSameLedgerAndCounts() throws Exception {
    String file =
        "endorser,endorsed,weight,time,kind\n"
            + "alice,bob,2,1700000000,upvote\n"
            + "bob,carol,1,2023-11-14T22:13:20Z,downvote\n"
            + "carol,alice,,,accepted\n"
            + "dave,dave,0.5\n"
            + "erin,alice\n";
    List<EdgeRecord> records =
        List.of(
            record("alice", "bob", 2.0, T, "upvote", 2),
            record("bob", "carol", 1.0, T, "downvote", 3),
            record("carol", "alice", null, null, "accepted", 4),
            record("dave", "dave", 0.5, null, null, 5),
            record("erin", "alice", null, null, null, 6));

    EventReader.Events fromFile = reader().read(stream(file), "events.csv");
    EventReader.Recorder recorder = reader().recorder("events query");
    for (EdgeRecord record : records) {
      recorder.add(record);
    }
    EventReader.Events fed = recorder.events();

    assertThat(events(fromFile.ledger())).isEqualTo(events(fed.ledger()));
    assertThat(events(fed.ledger()))
        .containsExactly(
            Endorsement.rating("alice", "bob", "upvote", 2, T),
            Endorsement.rating("bob", "carol", "downvote", 1, T),
            Endorsement.of("carol", "alice", "accepted", Instant.EPOCH),
            Endorsement.rating("dave", "dave", ScoringPolicy.IDENTITY_KIND, 0.5, Instant.EPOCH),
            Endorsement.rating("erin", "alice", ScoringPolicy.IDENTITY_KIND, 1, Instant.EPOCH));
    for (EventReader.Events events : List.of(fromFile, fed)) {
      assertThat(events.records()).isEqualTo(5);
      assertThat(events.trust()).isEqualTo(4);
      assertThat(events.distrust()).isEqualTo(1);
      assertThat(events.selfEndorsements()).isEqualTo(1);
      assertThat(events.kinds())
          .containsExactly(
              Map.entry("upvote", 1L),
              Map.entry("downvote", 1L),
              Map.entry("accepted", 1L),
              Map.entry(ScoringPolicy.IDENTITY_KIND, 2L));
    }
  }

  @Test
  void recorder_refusedRecord_namesTheSourceAndItsLine() {
    EventReader.Recorder recorder = reader().recorder("events query");

    assertThatThrownBy(() -> recorder.add(record("a", "b", 2.0, T, "accepted", 17)))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(
            "events query:17: kind 'accepted' has the fixed weight 3 in policy.json, so its weight"
                + " field must be empty or 1, not 2");
    assertThatThrownBy(recorder::events)
        .isInstanceOf(BadInputException.class)
        .hasMessage("events query: no endorsements found");
  }

  private static EventReader reader() {
    return new EventReader(POLICY, EventReader.Negative.DISTRUST, null, "policy.json");
  }

  private static List<Endorsement> events(Ledger ledger) {
    LedgerSnapshot snapshot = ledger.snapshot();
    List<Endorsement> events = new ArrayList<>();
    for (long e = 0; e < snapshot.eventCount(); e++) {
      events.add(snapshot.event(e));
    }
    return events;
  }

  private static EdgeRecord record(
      String endorser, String endorsed, Double weight, Instant time, String kind, long line) {
    return new EdgeRecord(
        endorser,
        endorsed,
        weight == null ? OptionalDouble.empty() : OptionalDouble.of(weight),
        Optional.ofNullable(time),
        Optional.ofNullable(kind),
        line);
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(UTF_8));
  }
}
