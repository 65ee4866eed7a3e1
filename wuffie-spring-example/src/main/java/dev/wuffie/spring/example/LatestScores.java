package dev.wuffie.spring.example;

import dev.wuffie.Refresh;
import dev.wuffie.RefreshListener;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The last refresh wuffie published: its reputation and the tiers assigned with it, as one value,
 * so that a page shows a score and a tier of the same refresh. The starter tells every {@link
 * RefreshListener} bean of each refresh. Thread-safe.
 */
@Component
class LatestScores implements RefreshListener {
  private volatile Refresh last;

  @Override
  public void refreshed(Refresh refresh) {
    last = refresh;
  }

  /** The last refresh; empty before the first. */
  Optional<Refresh> get() {
    return Optional.ofNullable(last);
  }
}
