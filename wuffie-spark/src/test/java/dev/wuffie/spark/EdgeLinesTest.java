package dev.wuffie.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

final class EdgeLinesTest {

  @Test
  void parse_linesOfTheCommandLinesFormat_giveEndorserEndorsedWeight() {
    assertThat(EdgeLines.parse("e.csv", 10, " a , b , 2.5 , 1700000000"))
        .isEqualTo(RowFactory.create("a", "b", 2.5));
    assertThat(EdgeLines.parse("e.csv", 10, "a\tb\t\t2026-01-01"))
        .isEqualTo(RowFactory.create("a", "b", 1.0));
    assertThat(EdgeLines.parse("e.csv", 10, "a  b")).isEqualTo(RowFactory.create("a", "b", 1.0));
    assertThat(((Double) EdgeLines.parse("e.csv", 10, "a,b,NaN").get(2)).isNaN()).isTrue();
  }

  @Test
  void parse_blankCommentOrHeaderAtTheStart_isNull() {
    assertThat(EdgeLines.parse("e.csv", 10, "  ")).isNull();
    assertThat(EdgeLines.parse("e.csv", 10, "# a, comment")).isNull();
    assertThat(EdgeLines.parse("e.csv", 0, "endorser,endorsed,weight,time")).isNull();
    assertThat(EdgeLines.parse("e.csv", 0, "source target")).isNull();
  }

  @Test
  void parse_headerLaterInTheFile_isMalformed() {
    assertThatThrownBy(() -> EdgeLines.parse("e.csv", 1234, "endorser,endorsed,weight,time"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("e.csv: the line at byte 1,234: weight 'weight' is not a number");
  }

  @Test
  void parse_tooManyFields_saysWhatWasExpected() {
    assertThatThrownBy(() -> EdgeLines.parse("e.csv", 7, "a,b,1,2,upvote"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "e.csv: the line at byte 7: found 5 field(s); expected"
                + " endorser<sep>endorsed[<sep>weight[<sep>timestamp]] with <sep> a comma, tab or"
                + " spaces");
  }
}
