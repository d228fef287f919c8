package dev.runnel.streams.kstream;

/** Maps a value to a new value; the key is unchanged, so no repartitioning follows. */
@FunctionalInterface
public interface ValueMapper<V, VR> {
    /** Returns the new value, possibly null. */
    VR apply(V value);
}
