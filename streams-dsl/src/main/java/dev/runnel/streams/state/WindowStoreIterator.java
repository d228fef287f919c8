package dev.runnel.streams.state;

/**
 * An iterator over one key's windows: each entry's key is the window start in ms. It must be closed, best with
 * try-with-resources.
 */
public interface WindowStoreIterator<V> extends KeyValueIterator<Long, V> {
}
