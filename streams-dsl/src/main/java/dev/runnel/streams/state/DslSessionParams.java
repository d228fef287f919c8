package dev.runnel.streams.state;

import dev.runnel.streams.kstream.EmitStrategy;
import java.time.Duration;
import java.util.Objects;

/** What the DSL asks of {@link DslStoreSuppliers#sessionStore}: the store name, retention and emit strategy. */
public class DslSessionParams {
    private final String name;
    private final Duration retentionPeriod;
    private final EmitStrategy emitStrategy;

    /**
     * Creates the parameters.
     *
     * @param name the store name
     * @param retentionPeriod how long a session is kept after its end; at least inactivity gap + grace
     * @param emitStrategy how the session aggregation emits its results
     */
    public DslSessionParams(String name, Duration retentionPeriod, EmitStrategy emitStrategy) {
        this.name = Objects.requireNonNull(name, "name");
        this.retentionPeriod = retentionPeriod;
        this.emitStrategy = emitStrategy;
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

    @Override
    public boolean equals(Object o) {
        return o instanceof DslSessionParams that && o.getClass() == getClass() && name.equals(that.name)
            && Objects.equals(retentionPeriod, that.retentionPeriod) && Objects.equals(emitStrategy, that.emitStrategy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, retentionPeriod, emitStrategy);
    }

    @Override
    public String toString() {
        return "DslSessionParams{name='" + name + "', retentionPeriod=" + retentionPeriod + ", emitStrategy="
            + emitStrategy + "}";
    }
}
