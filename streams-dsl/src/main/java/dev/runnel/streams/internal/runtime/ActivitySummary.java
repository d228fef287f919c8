package dev.runnel.streams.internal.runtime;

import java.util.function.Consumer;

/**
 * A stream thread's periodic summary (KIP-1049, {@code log.summary.interval.ms}): every interval, how many records
 * it processed, punctuations it ran and commits it made since the last summary, so that a log shows a thread's
 * progress without its debug output. Owned by the stream thread.
 */
final class ActivitySummary {
    private final long intervalMs;
    private final Consumer<String> log;
    private long lastLogMs;
    private long processedBefore;
    private long punctuationsBefore;
    private long commitsBefore;

    ActivitySummary(long intervalMs, long nowMs, Consumer<String> log) {
        this.intervalMs = intervalMs;
        this.lastLogMs = nowMs;
        this.log = log;
    }

    /** Logs the counts since the last summary if the interval has passed; the arguments are the thread's totals. */
    void maybeLog(long nowMs, long processedTotal, long punctuationsTotal, long commitsTotal) {
        if (nowMs - lastLogMs < intervalMs) {
            return;
        }
        log.accept("Processed " + (processedTotal - processedBefore) + " total records, ran "
            + (punctuationsTotal - punctuationsBefore) + " punctuators, and committed " + (commitsTotal - commitsBefore)
            + " times since the last update");
        lastLogMs = nowMs;
        processedBefore = processedTotal;
        punctuationsBefore = punctuationsTotal;
        commitsBefore = commitsTotal;
    }
}
