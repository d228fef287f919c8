package dev.runnel.streams;

import java.util.Locale;

/**
 * The format of the values in a DSL operator's store (KIP-1285), which the DSL passes to
 * {@link dev.runnel.streams.state.DslStoreSuppliers} in the store parameters. Each operator asks for its usual format,
 * {@link #PLAIN} or {@link #TIMESTAMPED}, unless {@code dsl.store.format} is {@code HEADERS}; then every one asks for
 * {@link #HEADERS}. The config's values are {@code DEFAULT} and {@code HEADERS}: there is no {@code DEFAULT} here.
 */
public enum DslStoreFormat {
    /** Values alone (session stores, stream-stream join windows). */
    PLAIN("PLAIN"),
    /** Values with their timestamp (key-value and windowed aggregation stores, tables). */
    TIMESTAMPED("TIMESTAMPED"),
    /** Values with their timestamp (none in session stores) and record headers, as KIP-1271's stores keep them. */
    HEADERS("HEADERS");

    /** The format's name, upper case. */
    public final String name;

    DslStoreFormat(String name) {
        this.name = name;
    }

    /**
     * Returns the format named {@code name}, in any case.
     *
     * @throws IllegalArgumentException if no format has that name
     */
    public static DslStoreFormat of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
