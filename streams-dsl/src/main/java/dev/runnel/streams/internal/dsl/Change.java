package dev.runnel.streams.internal.dsl;

/**
 * The value type flowing between table processors: the new value and, where known, the old one (null for an insert,
 * or when old values are not sent). A null {@code newValue} is a delete. {@code isLatest} is false for an update a
 * versioned table took into its history only (older than the key's latest version): stateless operators and
 * {@code toStream} pass it on, as Kafka Streams does (KIP-914), and aggregations and table-table joins skip it, since
 * the table's current value did not change.
 */
public record Change<V>(V newValue, V oldValue, boolean isLatest) {
    /** Creates a change of the table's current value. */
    public Change(V newValue, V oldValue) {
        this(newValue, oldValue, true);
    }
}
