package dev.runnel.streams.state;

import dev.runnel.common.utils.Bytes;

/** Supplies the innermost session store, which holds serialized keys and aggregates. */
public interface SessionBytesStoreSupplier extends StoreSupplier<SessionStore<Bytes, byte[]>> {
    /** Returns the length in ms of the time segments the store expires data by. */
    long segmentIntervalMs();

    /** Returns how long in ms a session is kept after its end, measured in stream time. */
    long retentionPeriod();
}
