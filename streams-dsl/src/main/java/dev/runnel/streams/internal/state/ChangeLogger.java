package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;

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
     * Records one change.
     *
     * @param key the serialized key
     * @param value the serialized value, or {@code null} for a deletion (a tombstone)
     * @param timestamp the change's timestamp in ms
     */
    void logChange(Bytes key, byte[] value, long timestamp);

    /** A logger that drops every change, for stores whose logging is disabled. */
    ChangeLogger DISCARDING = (key, value, timestamp) -> { };
}
