package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import java.util.List;

/**
 * Sends every write to the task's {@link ChangeLogger} after applying it below. For timestamped stores the change
 * carries the value's own timestamp (read by the store's serde, e.g. {@link ValueAndTimestampSerde#rawTimestamp}) and
 * the plain value ({@link PlainValueChangeLogger}); otherwise the current record's timestamp. Not thread-safe; owned
 * by the task.
 */
public final class ChangeLoggingKeyValueBytesStore extends WrappedKeyValueBytesStore {
    private final StoreValueLayout layout;
    private ChangeLogger logger = ChangeLogger.DISCARDING;
    private InternalStateStoreContext context;

    /** Wraps {@code wrapped}, whose values carry no timestamp: changes carry the current record's. */
    public ChangeLoggingKeyValueBytesStore(dev.runnel.streams.state.KeyValueStore<Bytes, byte[]> wrapped) {
        this(wrapped, StoreValueLayout.PLAIN);
    }

    /**
     * Wraps {@code wrapped}, whose values have {@code layout}: a timestamp they carry is the change's, headers they
     * carry (KIP-1271) go as record headers.
     */
    public ChangeLoggingKeyValueBytesStore(dev.runnel.streams.state.KeyValueStore<Bytes, byte[]> wrapped,
        StoreValueLayout layout) {
        super(wrapped);
        this.layout = layout;
    }

    @Override
    public void init(StateStoreContext storeContext, StateStore root) {
        super.init(storeContext, root);
        // A context from outside the runtime (a hand-written test context) has no changelog to write to.
        if (storeContext instanceof InternalStateStoreContext internal) {
            this.context = internal;
            this.logger = internal.changeLogger(name(), layout);
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
        logger.logChange(key, value, layout.changeTimestamp(value, context));
    }
}
