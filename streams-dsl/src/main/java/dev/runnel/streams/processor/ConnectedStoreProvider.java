package dev.runnel.streams.processor;

import dev.runnel.streams.state.StoreBuilder;
import java.util.Set;

/**
 * Lets a processor supplier bring its own state stores: the topology adds each returned builder and connects it to
 * the processor, as if it had been passed to {@code addStateStore}.
 */
public interface ConnectedStoreProvider {
    /** Returns the stores to add and connect, or {@code null} (the default) for none. */
    default Set<StoreBuilder<?>> stores() {
        return null;
    }
}
