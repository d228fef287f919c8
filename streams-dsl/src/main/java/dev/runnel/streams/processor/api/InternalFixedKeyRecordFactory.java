package dev.runnel.streams.processor.api;

/**
 * Runtime-only: turns the input {@link Record} into a {@link FixedKeyRecord} and a forwarded fixed-key record back into
 * a {@link Record}. Not for application code.
 */
public final class InternalFixedKeyRecordFactory {
    private InternalFixedKeyRecordFactory() {
    }

    /** Returns a fixed-key record with the record's key, value, timestamp and headers (shared, not copied). */
    public static <K, V> FixedKeyRecord<K, V> create(Record<K, V> record) {
        return new FixedKeyRecord<>(record.key(), record.value(), record.timestamp(), record.headers());
    }

    /** Returns a record with the fixed-key record's key, value, timestamp and headers (shared, not copied). */
    public static <K, V> Record<K, V> toRecord(FixedKeyRecord<K, V> record) {
        return Record.sharingHeaders(record.key(), record.value(), record.timestamp(), record.headers());
    }
}
