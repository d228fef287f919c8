package dev.runnel.streams.state;

import dev.runnel.common.utils.Bytes;

/** Supplies the innermost window store, which holds serialized keys and values. */
public interface WindowBytesStoreSupplier extends StoreSupplier<WindowStore<Bytes, byte[]>> {
    /** Returns the length in ms of the time segments the store expires data by. */
    long segmentIntervalMs();

    /** Returns the window size in ms. */
    long windowSize();

    /** Returns whether the store keeps every value put for the same key and window (join buffers). */
    boolean retainDuplicates();

    /** Returns how long in ms a window is kept after its start, measured in stream time. */
    long retentionPeriod();
}
