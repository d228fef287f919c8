package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import dev.runnel.streams.state.WindowStore;

/**
 * Sends every put to the task's {@link ChangeLogger} after applying it below, keyed as
 * {@link WindowKeySchema#toStoreKeyBinary} (key, window start, sequence). In stores that retain duplicates each put
 * gets the next sequence number, so compaction keeps every duplicate; otherwise the sequence is 0. The change's
 * timestamp is the value's own for stores whose values carry one, which log the plain value
 * ({@link PlainValueChangeLogger}), else the current record's.
 * Not thread-safe; owned by the task.
 */
public final class ChangeLoggingWindowBytesStore extends WrappedWindowBytesStore {
    private final StoreValueLayout layout;
    private final boolean retainDuplicates;
    private ChangeLogger logger = ChangeLogger.DISCARDING;
    private InternalStateStoreContext context;
    private int sequence;

    /**
     * Wraps {@code wrapped}, whose values have {@code layout}: a timestamp they carry is the change's, headers they
     * carry (KIP-1271) go as record headers.
     */
    public ChangeLoggingWindowBytesStore(WindowStore<Bytes, byte[]> wrapped, StoreValueLayout layout,
        boolean retainDuplicates) {
        super(wrapped);
        this.layout = layout;
        this.retainDuplicates = retainDuplicates;
    }

    @Override
    public void init(StateStoreContext storeContext, StateStore root) {
        super.init(storeContext, root);
        if (storeContext instanceof InternalStateStoreContext internal) {
            this.context = internal;
            this.logger = internal.changeLogger(name(), layout);
        }
    }

    @Override
    public void put(Bytes key, byte[] value, long windowStartTimestamp) {
        super.put(key, value, windowStartTimestamp);
        if (retainDuplicates) {
            if (value == null) {
                return;
            }
            sequence = sequence == Integer.MAX_VALUE ? 1 : sequence + 1;
        }
        logger.logChange(WindowKeySchema.toStoreKeyBinary(key, windowStartTimestamp, retainDuplicates ? sequence : 0),
            value, layout.changeTimestamp(value, context));
    }
}
