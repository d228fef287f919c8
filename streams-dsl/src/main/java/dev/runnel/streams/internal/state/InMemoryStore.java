package dev.runnel.streams.internal.state;

import dev.runnel.streams.errors.InvalidStateStoreException;
import java.util.Objects;

/**
 * What Runnel's in-memory stores share: a name, whether the store is open (read by query threads, hence volatile),
 * and the error a closed store gives. They are never persistent: their changelog restores them.
 */
abstract class InMemoryStore {
    /** The store's name, for its operations and messages. */
    protected final String name;
    private volatile boolean open;

    protected InMemoryStore(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public String name() {
        return name;
    }

    public boolean persistent() {
        return false;
    }

    public boolean isOpen() {
        return open;
    }

    /** Marks the store open ({@code init}) or closed ({@code close}). */
    protected final void setOpen(boolean open) {
        this.open = open;
    }

    /**
     * Returns how many entries the store holds, for Kafka Streams' {@code num-keys} metric (any thread): -1 unless
     * the store counts them, as Kafka reports for a store that is not one of its in-memory key-value, window or
     * session stores.
     */
    long numEntries() {
        return -1L;
    }

    /** Throws {@link InvalidStateStoreException} if the store is closed. */
    protected final void requireOpen() {
        if (!open) {
            throw new InvalidStateStoreException("Store " + name + " is currently closed.");
        }
    }
}
