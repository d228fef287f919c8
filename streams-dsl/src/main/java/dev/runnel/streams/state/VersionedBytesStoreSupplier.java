package dev.runnel.streams.state;

/**
 * Supplies the innermost store of a {@link VersionedKeyValueStore}. As a {@link KeyValueBytesStoreSupplier} it can be
 * passed to {@code Materialized.as(...)}, which then materializes a source table in a versioned store. Create one with
 * {@link Stores#persistentVersionedKeyValueStore}; Runnel's builders accept only the stores that factory supplies.
 */
public interface VersionedBytesStoreSupplier extends KeyValueBytesStoreSupplier {
    /** Returns how far behind the observed stream time, in ms, old versions stay queryable (and puts are accepted). */
    long historyRetentionMs();
}
