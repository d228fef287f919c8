package dev.runnel.streams.internal.state;

import dev.runnel.common.header.Headers;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.internal.runtime.StreamsHeaders;

/**
 * Where a change-logging store layer sends its changes: the task's changelog partition of one store
 * ({@code <application.id>-<store>-changelog}, partition = the task's partition). The runtime provides one per store
 * and task through {@link InternalStateStoreContext#changeLogger(String)}; implementations produce to the log (the
 * runtime) or collect the records (TopologyTestDriver, which reports them as output of the changelog topic).
 * Not thread-safe; owned by the task.
 */
@FunctionalInterface
public interface ChangeLogger {
    /**
     * Records one changelog record as given.
     *
     * @param key the serialized key
     * @param value the changelog record's value, or {@code null} for a deletion (a tombstone)
     * @param timestamp the change's timestamp in ms
     * @param headers the changelog record's headers, never {@code null}
     */
    void logChange(Bytes key, byte[] value, long timestamp, Headers headers);

    /**
     * Records one change of a store value; the default logs it as the record's value, without headers. A store whose
     * values carry headers or a timestamp logs through {@link PlainValueChangeLogger}, which logs the plain value.
     *
     * @param key the serialized key
     * @param value the store's serialized value, or {@code null} for a deletion (a tombstone)
     * @param timestamp the change's timestamp in ms
     */
    default void logChange(Bytes key, byte[] value, long timestamp) {
        logChange(key, value, timestamp, new StreamsHeaders());
    }

    /** A logger that drops every change, for stores whose logging is disabled. */
    ChangeLogger DISCARDING = (key, value, timestamp, headers) -> { };
}
