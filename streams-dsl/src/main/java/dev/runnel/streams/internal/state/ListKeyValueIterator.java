package dev.runnel.streams.internal.state;

import dev.runnel.streams.KeyValue;
import dev.runnel.streams.state.KeyValueIterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Iterates a list of entries copied from a store, forwards or backwards. Not thread-safe. */
public final class ListKeyValueIterator<K, V> implements KeyValueIterator<K, V> {
    private final List<KeyValue<K, V>> entries;
    private final boolean backward;
    private int taken;

    /** Iterates {@code entries}, which the iterator then owns, from the end if {@code backward}. */
    public ListKeyValueIterator(List<KeyValue<K, V>> entries, boolean backward) {
        this.entries = entries;
        this.backward = backward;
    }

    @Override
    public boolean hasNext() {
        return taken < entries.size();
    }

    @Override
    public KeyValue<K, V> next() {
        KeyValue<K, V> next = peek();
        taken++;
        return next;
    }

    @Override
    public K peekNextKey() {
        return peek().key;
    }

    private KeyValue<K, V> peek() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return entries.get(backward ? entries.size() - 1 - taken : taken);
    }

    @Override
    public void close() {
        taken = entries.size();
    }
}
