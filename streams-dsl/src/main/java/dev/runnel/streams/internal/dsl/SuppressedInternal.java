package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.kstream.Suppressed;
import dev.runnel.streams.kstream.Suppression;
import java.util.Map;

/** Read access to a {@link Suppressed}. */
public final class SuppressedInternal<K> extends Suppression<K> {
    /** Reads {@code suppressed}. */
    @SuppressWarnings("unchecked")
    public SuppressedInternal(Suppressed<? super K> suppressed) {
        super((Suppression<K>) suppressed);
    }

    /** Returns the processor name, or {@code null}. */
    public String name() {
        return name;
    }

    /** Returns whether this emits final results when windows close. */
    public boolean finalResults() {
        return finalResults;
    }

    /** Returns the time limit in ms (for {@code untilTimeLimit}). */
    public long timeLimitMs() {
        return timeLimitMs;
    }

    /** Returns the most keys the buffer holds. */
    public long maxRecords() {
        return maxRecords;
    }

    /** Returns the most bytes the buffer holds. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Returns whether a full buffer fails the task. */
    public boolean shutDownWhenFull() {
        return shutDownWhenFull;
    }

    /** Returns whether the buffer store logs its changes. */
    public boolean loggingEnabled() {
        return loggingEnabled;
    }

    /** Returns the changelog topic configs of the buffer store. */
    public Map<String, String> logConfig() {
        return logConfig;
    }
}
