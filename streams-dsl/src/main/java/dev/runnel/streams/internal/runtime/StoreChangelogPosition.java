package dev.runnel.streams.internal.runtime;

import dev.runnel.common.TopicPartition;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Where one task's logged store stands on its changelog partition, for lag reporting: the offset its restoration has
 * reached, or none once the task runs, as a running task writes the changelog itself and so is at its end.
 * Immutable.
 */
public record StoreChangelogPosition(String storeName, TopicPartition changelog, OptionalLong restoredOffset) {
    public StoreChangelogPosition {
        Objects.requireNonNull(storeName, "storeName");
        Objects.requireNonNull(changelog, "changelog");
        Objects.requireNonNull(restoredOffset, "restoredOffset");
    }

    /** Returns the position of a store whose task runs, caught up to its changelog's end. */
    static StoreChangelogPosition caughtUp(String storeName, TopicPartition changelog) {
        return new StoreChangelogPosition(storeName, changelog, OptionalLong.empty());
    }

    /** Returns the position of a store being restored, at {@code offset} of its changelog. */
    static StoreChangelogPosition restoring(String storeName, TopicPartition changelog, long offset) {
        return new StoreChangelogPosition(storeName, changelog, OptionalLong.of(offset));
    }
}
