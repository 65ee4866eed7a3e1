package dev.wuffie.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * wuffie-core's JGraphT dependency is optional, and this module does not declare it: these tests,
 * and every other test of the examples and the command line, run without JGraphT.
 */
final class WithoutJGraphTTest {

  @Test
  void classPath_hasNoJGraphT_andTheQuickStartStillScores() {
    assertThatThrownBy(() -> Class.forName("org.jgrapht.Graph"))
        .isInstanceOf(ClassNotFoundException.class);

    String output = Snippets.run(QuickStart::main);

    assertThat(output.lines().findFirst())
        .hasValueSatisfying(l -> assertThat(l).startsWith("1. bob "));
  }
}
