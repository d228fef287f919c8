package dev.runnel.streams.kstream;

import java.util.Map;

/**
 * The settings a {@link Suppressed} factory returns. Applications use the factories of {@link Suppressed}; the DSL
 * reads the fields through a subclass. Immutable.
 */
public class Suppression<K> implements Suppressed<K> {
    /** The processor name, or {@code null} for a generated one. */
    protected final String name;
    /** Whether this emits final results when windows close (else after the time limit). */
    protected final boolean finalResults;
    /** The time limit in ms of {@link Suppressed#untilTimeLimit}. */
    protected final long timeLimitMs;
    /** The most keys the buffer holds; {@code Long.MAX_VALUE} when unbounded. */
    protected final long maxRecords;
    /** The most bytes the buffer holds; {@code Long.MAX_VALUE} when unbounded. */
    protected final long maxBytes;
    /** Whether a full buffer fails the task (else it emits the oldest records early). */
    protected final boolean shutDownWhenFull;
    /** Whether the buffer store logs its changes to a changelog topic. */
    protected final boolean loggingEnabled;
    /** The changelog topic configs; empty when logging is disabled. */
    protected final Map<String, String> logConfig;

    /** Copies {@code other}. */
    protected Suppression(Suppression<K> other) {
        this(other.name, other);
    }

    Suppression(String name, boolean finalResults, long timeLimitMs, Suppressed.BufferConfig<?> bufferConfig) {
        BufferConfigs.Base<?> buffer = (BufferConfigs.Base<?>) bufferConfig;
        this.name = name;
        this.finalResults = finalResults;
        this.timeLimitMs = timeLimitMs;
        this.maxRecords = buffer.maxRecords;
        this.maxBytes = buffer.maxBytes;
        this.shutDownWhenFull = buffer.failsWhenFull();
        this.loggingEnabled = buffer.logging.enabled();
        this.logConfig = buffer.logging.config();
    }

    /** Copies {@code other} but for its name. */
    private Suppression(String name, Suppression<K> other) {
        this.name = name;
        this.finalResults = other.finalResults;
        this.timeLimitMs = other.timeLimitMs;
        this.maxRecords = other.maxRecords;
        this.maxBytes = other.maxBytes;
        this.shutDownWhenFull = other.shutDownWhenFull;
        this.loggingEnabled = other.loggingEnabled;
        this.logConfig = other.logConfig;
    }

    @Override
    public Suppressed<K> withName(String name) {
        return new Suppression<>(name, this);
    }

    @Override
    public String toString() {
        return "Suppressed{name=" + name + ", finalResults=" + finalResults + ", timeLimitMs=" + timeLimitMs
            + ", maxRecords=" + maxRecords + ", maxBytes=" + maxBytes + ", shutDownWhenFull=" + shutDownWhenFull
            + ", loggingEnabled=" + loggingEnabled + ", logConfig=" + logConfig + '}';
    }
}
