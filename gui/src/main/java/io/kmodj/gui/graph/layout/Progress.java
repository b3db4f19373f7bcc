package io.kmodj.gui.graph.layout;

/** Where a layout reports how far it is, and asks whether it is still wanted. */
public interface Progress {
  /** Progress that goes nowhere and is never cancelled. */
  Progress NONE =
      new Progress() {
        @Override
        public void worked(double fraction) {}

        @Override
        public boolean cancelled() {
          return false;
        }
      };

  /**
   * How much of the layout is done.
   *
   * @param fraction between 0 and 1
   */
  void worked(double fraction);

  /** Whether the layout is no longer wanted (a newer one was asked for). */
  boolean cancelled();
}
