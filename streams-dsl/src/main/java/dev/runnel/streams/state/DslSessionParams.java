package dev.runnel.streams.state;

import dev.runnel.streams.DslStoreFormat;
import dev.runnel.streams.kstream.EmitStrategy;
import java.time.Duration;
import java.util.Objects;

/**
 * What the DSL asks of {@link DslStoreSuppliers#sessionStore}: the store name, retention, emit strategy and the format
 * of the store's values.
 */
public class DslSessionParams {
    private final String name;
    private final Duration retentionPeriod;
    private final EmitStrategy emitStrategy;
    private final DslStoreFormat dslStoreFormat;

    /**
     * Creates the parameters of a store of plain aggregates.
     *
     * @param name the store name
     * @param retentionPeriod how long a session is kept after its end; at least inactivity gap + grace
     * @param emitStrategy how the session aggregation emits its results
     * @deprecated as in Kafka Streams 4.3: use the constructor that takes a {@link DslStoreFormat}
     */
    @Deprecated
    public DslSessionParams(String name, Duration retentionPeriod, EmitStrategy emitStrategy) {
        this(name, retentionPeriod, emitStrategy, DslStoreFormat.PLAIN);
    }

    /**
     * Creates the parameters.
     *
     * @param name the store name
     * @param retentionPeriod how long a session is kept after its end; at least inactivity gap + grace
     * @param emitStrategy how the session aggregation emits its results
     * @param dslStoreFormat the format of the store's values: {@link DslStoreFormat#PLAIN} aggregates, or aggregates
     *     with their record headers ({@link DslStoreFormat#HEADERS}); session stores keep no timestamps
     */
    public DslSessionParams(String name, Duration retentionPeriod, EmitStrategy emitStrategy,
        DslStoreFormat dslStoreFormat) {
        this.name = Objects.requireNonNull(name, "name");
        this.retentionPeriod = retentionPeriod;
        this.emitStrategy = emitStrategy;
        this.dslStoreFormat = Objects.requireNonNull(dslStoreFormat, "dslStoreFormat");
    }

    /** Returns the store name. */
    public String name() {
        return name;
    }

    /** Returns how long a session is kept after its end. */
    public Duration retentionPeriod() {
        return retentionPeriod;
    }

    /** Returns how the session aggregation emits its results. */
    public EmitStrategy emitStrategy() {
        return emitStrategy;
    }

    /** Returns the format of the store's values (named so, unlike the other params' dslStoreFormat(), in Kafka). */
    public DslStoreFormat storeFormat() {
        return dslStoreFormat;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DslSessionParams that && o.getClass() == getClass() && name.equals(that.name)
            && Objects.equals(retentionPeriod, that.retentionPeriod) && Objects.equals(emitStrategy, that.emitStrategy)
            && dslStoreFormat == that.dslStoreFormat;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, retentionPeriod, emitStrategy, dslStoreFormat);
    }

    @Override
    public String toString() {
        return "DslSessionParams{name='" + name + "', retentionPeriod=" + retentionPeriod + ", emitStrategy="
            + emitStrategy + ", storeFormat=" + dslStoreFormat + "}";
    }
}
