package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class InternerTest {

  @Test
  void intern_manyIds_indicesInFirstSeenOrder() {
    Interner interner = new Interner();

    for (int i = 0; i < 50_000; i++) {
      assertThat(interner.intern("id" + i)).isEqualTo(i);
      assertThat(interner.intern("id" + i / 2)).isEqualTo(i / 2);
    }

    assertThat(interner.size()).isEqualTo(50_000);
    for (int i = 0; i < 50_000; i++) {
      assertThat(interner.id(i)).isEqualTo("id" + i);
      assertThat(interner.indexOf("id" + i)).isEqualTo(i);
    }
    assertThat(interner.indexOf("id50000")).isEqualTo(-1);
  }

  @Test
  void view_laterInternsAndRehashes_leaveTheViewAsItWas() {
    Interner interner = new Interner();
    List<String> colliding = List.of("Aa", "BB", "AaAa", "AaBB", "BBAa", "BBBB");
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    colliding.forEach(interner::intern);
    Interner.View view = interner.view();

    for (int i = 0; i < 10_000; i++) {
      interner.intern("later" + i);
    }
    Interner.View later = interner.view();

    assertThat(view.size()).isEqualTo(colliding.size());
    for (int i = 0; i < colliding.size(); i++) {
      assertThat(view.id(i)).isEqualTo(colliding.get(i));
      assertThat(view.indexOf(colliding.get(i))).isEqualTo(i);
      assertThat(later.indexOf(colliding.get(i))).isEqualTo(i);
    }
    assertThat(view.indexOf("later5")).isEqualTo(-1);
    assertThat(later.indexOf("later5")).isEqualTo(colliding.size() + 5);
  }

  @Test
  void view_entriesAddedToItsTableAfterIt_skipped() {
    Interner interner = new Interner();
    interner.intern("a");
    Interner.View view = interner.view();

    interner.intern("b"); // no rehash: the same table as the view's gets a slot for "b"
    interner.intern("c");

    assertThat(view.indexOf("b")).isEqualTo(-1);
    assertThat(view.indexOf("c")).isEqualTo(-1);
    assertThat(view.indexOf("a")).isZero();
    assertThat(interner.view().indexOf("c")).isEqualTo(2);
  }
}
