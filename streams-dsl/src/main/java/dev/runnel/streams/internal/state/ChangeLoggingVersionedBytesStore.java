package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import dev.runnel.streams.state.VersionedKeyValueStore;
import dev.runnel.streams.state.VersionedRecord;
import java.util.List;

/**
 * Sends every version the store below accepts to the task's {@link ChangeLogger}, with the version's own timestamp as
 * the changelog record's timestamp (a restore puts each record back at that timestamp). A refused put is not logged.
 * Not thread-safe; owned by the task.
 */
public final class ChangeLoggingVersionedBytesStore extends WrappedStateStore<VersionedBytesStore>
    implements VersionedBytesStore {
    private ChangeLogger logger = ChangeLogger.DISCARDING;

    /** Wraps {@code wrapped}. */
    public ChangeLoggingVersionedBytesStore(VersionedBytesStore wrapped) {
        super(wrapped);
    }

    @Override
    public void init(StateStoreContext storeContext, StateStore root) {
        super.init(storeContext, root);
        // A context from outside the runtime (a hand-written test context) has no changelog to write to.
        if (storeContext instanceof InternalStateStoreContext internal) {
            this.logger = internal.changeLogger(name(), StoreValueLayout.PLAIN);
        }
    }

    @Override
    public long put(Bytes key, byte[] value, long timestamp) {
        long validTo = wrapped().put(key, value, timestamp);
        if (validTo != VersionedKeyValueStore.PUT_RETURN_CODE_NOT_PUT) {
            logger.logChange(key, value, timestamp);
        }
        return validTo;
    }

    @Override
    public VersionedRecord<byte[]> latest(Bytes key) {
        return wrapped().latest(key);
    }

    @Override
    public VersionedRecord<byte[]> get(Bytes key, long asOfTimestamp) {
        return wrapped().get(key, asOfTimestamp);
    }

    @Override
    public List<VersionedRecord<byte[]>> versions(Bytes key, long fromTime, long toTime) {
        return wrapped().versions(key, fromTime, toTime);
    }
}
