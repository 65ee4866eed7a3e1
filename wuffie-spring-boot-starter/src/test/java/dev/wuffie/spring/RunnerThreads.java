package dev.wuffie.spring;

/** The threads of {@link WuffieRunner}s. */
final class RunnerThreads {
  private RunnerThreads() {}

  /** Whether a thread named {@code wuffie-runner} is alive. */
  static boolean anyAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals("wuffie-runner") && t.isAlive());
  }
}
