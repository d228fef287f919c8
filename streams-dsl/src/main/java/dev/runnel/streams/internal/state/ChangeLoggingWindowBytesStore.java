package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import dev.runnel.streams.state.WindowStore;
import java.util.function.ToLongFunction;

/**
 * Sends every put to the task's {@link ChangeLogger} after applying it below, keyed as
 * {@link WindowKeySchema#toStoreKeyBinary} (key, window start, sequence). In stores that retain duplicates each put
 * gets the next sequence number, so compaction keeps every duplicate; otherwise the sequence is 0. The change's
 * timestamp is the value's own for stores whose values carry one, which log the plain value
 * ({@link PlainValueChangeLogger}), else the current record's.
 * Not thread-safe; owned by the task.
 */
public final class ChangeLoggingWindowBytesStore extends WrappedWindowBytesStore {
    /** Reads the timestamp a value carries; {@code null} if values carry none. */
    private final ToLongFunction<byte[]> valueTimestamp;
    private final boolean retainDuplicates;
    private final boolean valuesHaveHeaders;
    private ChangeLogger logger = ChangeLogger.DISCARDING;
    private InternalStateStoreContext context;
    private int sequence;

    /**
     * Wraps {@code wrapped}; {@code valueTimestamp} reads a value's timestamp, or is {@code null} if none; values
     * with headers (KIP-1271) log them as record headers.
     */
    public ChangeLoggingWindowBytesStore(WindowStore<Bytes, byte[]> wrapped, ToLongFunction<byte[]> valueTimestamp,
        boolean retainDuplicates, boolean valuesHaveHeaders) {
        super(wrapped);
        this.valueTimestamp = valueTimestamp;
        this.retainDuplicates = retainDuplicates;
        this.valuesHaveHeaders = valuesHaveHeaders;
    }

    @Override
    public void init(StateStoreContext storeContext, StateStore root) {
        super.init(storeContext, root);
        if (storeContext instanceof InternalStateStoreContext internal) {
            this.context = internal;
            this.logger = PlainValueChangeLogger.of(internal.changeLogger(name()), valuesHaveHeaders,
                valueTimestamp != null);
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
        long timestamp;
        if (valueTimestamp != null && value != null && value.length >= Long.BYTES) {
            timestamp = valueTimestamp.applyAsLong(value);
        } else {
            timestamp = context == null ? 0L : context.recordTimestamp();
        }
        logger.logChange(WindowKeySchema.toStoreKeyBinary(key, windowStartTimestamp, retainDuplicates ? sequence : 0),
            value, timestamp);
    }
}
