package dev.runnel.streams.kstream;

/** Maps a value to a new value, seeing the key, which must not be modified. */
@FunctionalInterface
public interface ValueMapperWithKey<K, V, VR> {
    /** Returns the new value, possibly null. */
    VR apply(K readOnlyKey, V value);
}
