package dev.runnel.streams.state;

import dev.runnel.streams.DslStoreFormat;
import dev.runnel.streams.kstream.EmitStrategy;
import java.time.Duration;
import java.util.Objects;

/**
 * What the DSL asks of {@link DslStoreSuppliers#windowStore}: the store name, retention and window size, whether it
 * keeps duplicates (stream-stream join stores do), how the aggregation emits, whether the windows are sliding, and the
 * format of the store's values.
 */
public class DslWindowParams {
    private final String name;
    private final Duration retentionPeriod;
    private final Duration windowSize;
    private final boolean retainDuplicates;
    private final EmitStrategy emitStrategy;
    private final boolean isSlidingWindow;
    private final DslStoreFormat dslStoreFormat;

    /**
     * Creates the parameters of a plain or timestamped store.
     *
     * @param name the store name
     * @param retentionPeriod how long a window is kept after its start; at least window size + grace
     * @param windowSize the window size
     * @param retainDuplicates whether every value put for a key and window is kept (which turns caching off)
     * @param emitStrategy how the windowed aggregation emits its results
     * @param isSlidingWindow whether the store holds sliding windows
     * @param isTimestamped whether the store holds values with timestamps (see {@link TimestampedWindowStore})
     * @deprecated as in Kafka Streams 4.3: use the constructor that takes a {@link DslStoreFormat}
     */
    @Deprecated
    @SuppressWarnings("checkstyle:ParameterNumber")
    public DslWindowParams(String name, Duration retentionPeriod, Duration windowSize, boolean retainDuplicates,
        EmitStrategy emitStrategy, boolean isSlidingWindow, boolean isTimestamped) {
        this(name, retentionPeriod, windowSize, retainDuplicates, emitStrategy, isSlidingWindow,
            isTimestamped ? DslStoreFormat.TIMESTAMPED : DslStoreFormat.PLAIN);
    }

    /**
     * Creates the parameters.
     *
     * @param name the store name
     * @param retentionPeriod how long a window is kept after its start; at least window size + grace
     * @param windowSize the window size
     * @param retainDuplicates whether every value put for a key and window is kept (which turns caching off)
     * @param emitStrategy how the windowed aggregation emits its results
     * @param isSlidingWindow whether the store holds sliding windows
     * @param dslStoreFormat the format of the store's values
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public DslWindowParams(String name, Duration retentionPeriod, Duration windowSize, boolean retainDuplicates,
        EmitStrategy emitStrategy, boolean isSlidingWindow, DslStoreFormat dslStoreFormat) {
        this.name = Objects.requireNonNull(name, "name");
        this.retentionPeriod = retentionPeriod;
        this.windowSize = windowSize;
        this.retainDuplicates = retainDuplicates;
        this.emitStrategy = emitStrategy;
        this.isSlidingWindow = isSlidingWindow;
        this.dslStoreFormat = Objects.requireNonNull(dslStoreFormat, "dslStoreFormat");
    }

    /** Returns the store name. */
    public String name() {
        return name;
    }

    /** Returns how long a window is kept after its start. */
    public Duration retentionPeriod() {
        return retentionPeriod;
    }

    /** Returns the window size. */
    public Duration windowSize() {
        return windowSize;
    }

    /** Returns whether every value put for a key and window is kept. */
    public boolean retainDuplicates() {
        return retainDuplicates;
    }

    /** Returns how the windowed aggregation emits its results. */
    public EmitStrategy emitStrategy() {
        return emitStrategy;
    }

    /** Returns whether the store holds sliding windows. */
    public boolean isSlidingWindow() {
        return isSlidingWindow;
    }

    /**
     * Returns whether the format is {@link DslStoreFormat#TIMESTAMPED} (not {@link DslStoreFormat#HEADERS}).
     *
     * @deprecated as in Kafka Streams 4.3: use {@link #dslStoreFormat()}
     */
    @Deprecated
    public boolean isTimestamped() {
        return dslStoreFormat == DslStoreFormat.TIMESTAMPED;
    }

    /** Returns the format of the store's values. */
    public DslStoreFormat dslStoreFormat() {
        return dslStoreFormat;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DslWindowParams that && o.getClass() == getClass() && name.equals(that.name)
            && Objects.equals(retentionPeriod, that.retentionPeriod) && Objects.equals(windowSize, that.windowSize)
            && retainDuplicates == that.retainDuplicates && Objects.equals(emitStrategy, that.emitStrategy)
            && isSlidingWindow == that.isSlidingWindow && dslStoreFormat == that.dslStoreFormat;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, retentionPeriod, windowSize, retainDuplicates, emitStrategy, isSlidingWindow,
            dslStoreFormat);
    }

    @Override
    public String toString() {
        return "DslWindowParams{name='" + name + "', retentionPeriod=" + retentionPeriod + ", windowSize="
            + windowSize + ", retainDuplicates=" + retainDuplicates + ", emitStrategy=" + emitStrategy
            + ", isSlidingWindow=" + isSlidingWindow + ", dslStoreFormat=" + dslStoreFormat + "}";
    }
}
