package dev.runnel.streams.kstream;

/** Combines the values of two joined records into the result value. */
@FunctionalInterface
public interface ValueJoiner<V1, V2, VR> {
    /**
     * Returns the joined value. For left and outer joins one side may be {@code null} when it has no match.
     */
    VR apply(V1 value1, V2 value2);
}
