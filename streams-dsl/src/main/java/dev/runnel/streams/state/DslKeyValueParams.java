package dev.runnel.streams.state;

import dev.runnel.streams.DslStoreFormat;
import java.util.Objects;

/** What the DSL asks of {@link DslStoreSuppliers#keyValueStore}: the store name and the format of its values. */
public class DslKeyValueParams {
    private final String name;
    private final DslStoreFormat dslStoreFormat;

    /**
     * Creates the parameters of a plain or timestamped store.
     *
     * @param name the store name
     * @param isTimestamped whether the store holds values with timestamps (see {@link TimestampedKeyValueStore})
     * @deprecated as in Kafka Streams 4.3: use {@link #DslKeyValueParams(String, DslStoreFormat)}
     */
    @Deprecated
    public DslKeyValueParams(String name, boolean isTimestamped) {
        this(name, isTimestamped ? DslStoreFormat.TIMESTAMPED : DslStoreFormat.PLAIN);
    }

    /** Creates the parameters of store {@code name} in format {@code dslStoreFormat}. */
    public DslKeyValueParams(String name, DslStoreFormat dslStoreFormat) {
        this.name = Objects.requireNonNull(name, "name");
        this.dslStoreFormat = Objects.requireNonNull(dslStoreFormat, "dslStoreFormat");
    }

    /** Returns the store name. */
    public String name() {
        return name;
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
        return o instanceof DslKeyValueParams that && o.getClass() == getClass() && name.equals(that.name)
            && dslStoreFormat == that.dslStoreFormat;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dslStoreFormat);
    }

    @Override
    public String toString() {
        return "DslKeyValueParams{name='" + name + "', dslStoreFormat=" + dslStoreFormat + "}";
    }
}
