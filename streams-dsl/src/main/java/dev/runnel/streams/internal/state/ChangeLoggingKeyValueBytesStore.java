package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Sends every write to the task's {@link ChangeLogger} after applying it below. For timestamped stores the change
 * carries the value's own timestamp (its first 8 bytes, see {@link ValueAndTimestampSerde}); otherwise the current
 * record's. Not thread-safe; owned by the task.
 */
public final class ChangeLoggingKeyValueBytesStore extends WrappedKeyValueBytesStore {
    private final boolean timestamped;
    private ChangeLogger logger = ChangeLogger.DISCARDING;
    private InternalStateStoreContext context;

    /** Wraps {@code wrapped}; {@code timestamped} says whether values start with an 8-byte timestamp. */
    public ChangeLoggingKeyValueBytesStore(dev.runnel.streams.state.KeyValueStore<Bytes, byte[]> wrapped,
        boolean timestamped) {
        super(wrapped);
        this.timestamped = timestamped;
    }

    @Override
    public void init(StateStoreContext storeContext, StateStore root) {
        super.init(storeContext, root);
        // A context from outside the runtime (a hand-written test context) has no changelog to write to.
        if (storeContext instanceof InternalStateStoreContext internal) {
            this.context = internal;
            this.logger = internal.changeLogger(name());
        }
        if (wrapped() instanceof InMemoryKeyValueStore inMemory) {
            // An LRU map's evictions are deletions: a restore must not bring the entries back.
            inMemory.whenEvicted(key -> log(key, null));
        }
    }

    @Override
    public void put(Bytes key, byte[] value) {
        super.put(key, value);
        log(key, value);
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] previous = super.putIfAbsent(key, value);
        if (previous == null) {
            log(key, value);
        }
        return previous;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        for (KeyValue<Bytes, byte[]> entry : entries) {
            put(entry.key, entry.value);
        }
    }

    @Override
    public byte[] delete(Bytes key) {
        byte[] previous = super.delete(key);
        log(key, null);
        return previous;
    }

    private void log(Bytes key, byte[] value) {
        long timestamp;
        if (timestamped && value != null && value.length >= Long.BYTES) {
            timestamp = ByteBuffer.wrap(value).getLong(0);
        } else {
            timestamp = context == null ? 0L : context.recordTimestamp();
        }
        logger.logChange(key, value, timestamp);
    }
}
