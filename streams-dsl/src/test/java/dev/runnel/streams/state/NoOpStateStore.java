package dev.runnel.streams.state;

import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;

/** A state store that holds nothing and is always open: the base of test stores that implement only what they test. */
public abstract class NoOpStateStore implements StateStore {
    private final String name;

    protected NoOpStateStore(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
    }

    @Override
    public void close() {
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return true;
    }
}
