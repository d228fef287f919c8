package dev.runnel.streams.kstream;

/** Combines the values of two joined records into the result value, seeing the join key, which must not change. */
@FunctionalInterface
public interface ValueJoinerWithKey<K1, V1, V2, VR> {
    /** Returns the joined value; for left and outer joins one side may be {@code null} when it has no match. */
    VR apply(K1 readOnlyKey, V1 value1, V2 value2);
}
