package dev.runnel.streams.internal.state;

import dev.runnel.common.header.Headers;
import dev.runnel.streams.processor.RecordContext;
import dev.runnel.streams.processor.StateStoreContext;

/** The runtime's side of {@link StateStoreContext}: what store layers need beyond the public contract. */
public interface InternalStateStoreContext extends StateStoreContext {
    /**
     * Returns the changelog sink of {@code storeName} in this task, whose values have {@code layout}: it logs the plain
     * values, as Kafka Streams does ({@link PlainValueChangeLogger}), and the task restores them by the same layout.
     */
    ChangeLogger changeLogger(String storeName, StoreValueLayout layout);

    /**
     * Returns the stream thread's record cache, or {@code null} if stores are not cached (a cache of 0 bytes, global
     * stores).
     */
    default ThreadCache threadCache() {
        return null;
    }

    /**
     * Returns {@code listener} bound to the processor running now (an operator registering in its {@code init}), so
     * that a flush outside processing (on commit) forwards as that processor, with the flushed entry's timestamp.
     */
    default <K, V> CacheFlushListener<K, V> bindToCurrentNode(CacheFlushListener<K, V> listener) {
        return listener;
    }

    /**
     * Returns whether a processor's code runs now (its init, process, punctuation or close): a store refuses to be
     * initialized or closed then, as only the runtime may do that.
     */
    default boolean processorRunning() {
        return false;
    }

    /** Returns the timestamp of the record being processed (or of the punctuation), or 0 outside processing. */
    long recordTimestamp();

    /**
     * Returns the context of the record being processed (or of the punctuation), or {@code null} outside processing.
     * A caching layer keeps its position, timestamp and headers with each entry and enters them through
     * {@link #enterRecordContext} while it writes the entry down, on commit (outside processing) or when the cache is
     * full (while another record is processed): the changelog then gets the update's timestamp and downstream
     * processors see the topic, partition, offset and headers of the record that made it, as in Kafka Streams.
     */
    RecordContext recordContext();

    /**
     * Makes a record context of these fields the current one ({@code null} headers: none); returns the one it
     * replaces, for {@link #restoreRecordContext}.
     */
    Object enterRecordContext(long timestamp, String topic, int partition, long offset, Headers headers);

    /** Makes {@code previous}, returned by {@link #enterRecordContext}, the current record context again. */
    void restoreRecordContext(Object previous);

    /** Returns the changelog topic name of a store: {@code <application.id>-<storeName>-changelog}. */
    static String changelogTopic(String applicationId, String storeName) {
        return applicationId + "-" + storeName + "-changelog";
    }
}
