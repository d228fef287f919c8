package dev.runnel.streams.state;

import dev.runnel.common.utils.Bytes;

/** Supplies the innermost key-value store, which holds serialized keys and values. */
public interface KeyValueBytesStoreSupplier extends StoreSupplier<KeyValueStore<Bytes, byte[]>> {
}
