package dev.wuffie.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class LiveSiteTest {

  @Test
  void main_votingWhileRefreshing_reportsRefreshesThenTheLeaderboard() {
    List<String> lines = Snippets.run(LiveSite::main).lines().toList();

    List<String> refreshes = lines.stream().filter(l -> l.startsWith("refresh: ")).toList();
    assertThat(refreshes).isNotEmpty();
    assertThat(refreshes)
        .allMatch(
            l ->
                l.matches(
                    "refresh: +[\\d,]+ votes, +\\d+ members, +\\d+ iterations, top climber .*"
                        + " tier changes \\d+"));
    assertThat(refreshes.get(refreshes.size() - 1)).contains("100,000 votes, 300 members");
    List<String> leaderboard = lines.subList(lines.size() - 5, lines.size());
    for (int r = 0; r < 5; r++) {
      assertThat(leaderboard.get(r)).startsWith((r + 1) + ". m").contains(" points ");
    }
    assertThat(leaderboard.get(0)).endsWith("elder"); // the top member is in the top 1%
  }

  @Test
  void readme_liveSection_isTheExampleVerbatim() {
    assertThat(Snippets.readme()).contains(Snippets.snippet("LiveSite", "live-site"));
  }
}
