package dev.runnel.streams.state;

import java.util.Objects;

/** What the DSL asks of {@link DslStoreSuppliers#keyValueStore}: the store name and whether it is timestamped. */
public class DslKeyValueParams {
    private final String name;
    private final boolean isTimestamped;

    /**
     * Creates the parameters.
     *
     * @param name the store name
     * @param isTimestamped whether the store holds values with timestamps (see {@link TimestampedKeyValueStore})
     */
    public DslKeyValueParams(String name, boolean isTimestamped) {
        this.name = Objects.requireNonNull(name, "name");
        this.isTimestamped = isTimestamped;
    }

    /** Returns the store name. */
    public String name() {
        return name;
    }

    /** Returns whether the store holds values with timestamps. */
    public boolean isTimestamped() {
        return isTimestamped;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DslKeyValueParams that && o.getClass() == getClass() && name.equals(that.name)
            && isTimestamped == that.isTimestamped;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, isTimestamped);
    }

    @Override
    public String toString() {
        return "DslKeyValueParams{name='" + name + "', isTimestamped=" + isTimestamped + "}";
    }
}
