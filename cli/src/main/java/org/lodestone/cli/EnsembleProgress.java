package org.lodestone.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.lodestone.ensemble.ProgressListener;

/** A progress bar with ETA on stderr when a terminal is attached; nothing otherwise. */
final class EnsembleProgress implements AutoCloseable {
  private final ProgressBar bar;

  private EnsembleProgress(ProgressBar bar) {
    this.bar = bar;
  }

  static EnsembleProgress start(String task, long total) {
    if (System.console() == null) {
      return new EnsembleProgress(null);
    }
    return new EnsembleProgress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
        .setUpdateIntervalMillis(250).showSpeed().build());
  }

  ProgressListener listener() {
    return bar == null ? ProgressListener.NONE : n -> bar.stepBy(n);
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
