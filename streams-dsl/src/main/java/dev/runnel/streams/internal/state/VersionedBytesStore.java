package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.VersionedKeyValueStore;
import dev.runnel.streams.state.VersionedRecord;
import java.util.List;

/**
 * The bytes layers of a versioned store: {@link VersionedKeyValueStore}'s operations on serialized keys and values,
 * with the same contract. Threading as the implementation says.
 */
public interface VersionedBytesStore extends StateStore {
    /** As {@link VersionedKeyValueStore#put}. */
    long put(Bytes key, byte[] value, long timestamp);

    /** As {@link VersionedKeyValueStore#get(Object)}. */
    VersionedRecord<byte[]> latest(Bytes key);

    /** As {@link VersionedKeyValueStore#get(Object, long)}. */
    VersionedRecord<byte[]> get(Bytes key, long asOfTimestamp);

    /**
     * Returns the versions of {@code key} valid at some time from {@code fromTime} to {@code toTime} (inclusive) and
     * within the history retention, in ascending order of timestamp: a copy the caller owns. Empty if there are none,
     * or if {@code fromTime > toTime}.
     */
    List<VersionedRecord<byte[]>> versions(Bytes key, long fromTime, long toTime);

    /**
     * As {@link VersionedKeyValueStore#delete}: a lookup, then a tombstone put through this layer (so a logging layer
     * logs it); null if the put is refused as older than the history retention, as in Kafka.
     */
    default VersionedRecord<byte[]> delete(Bytes key, long timestamp) {
        VersionedRecord<byte[]> previous = get(key, timestamp);
        return put(key, null, timestamp) == VersionedKeyValueStore.PUT_RETURN_CODE_NOT_PUT ? null : previous;
    }
}
