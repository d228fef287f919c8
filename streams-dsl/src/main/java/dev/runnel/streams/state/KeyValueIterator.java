package dev.runnel.streams.state;

import dev.runnel.streams.KeyValue;
import java.io.Closeable;
import java.util.Iterator;

/**
 * An iterator over store entries in key order (or reverse order). It must be closed, best with try-with-resources.
 * Runnel's in-memory iterators iterate over a snapshot taken when they are created.
 */
public interface KeyValueIterator<K, V> extends Iterator<KeyValue<K, V>>, Closeable {
    /** Releases the iterator. */
    @Override
    void close();

    /**
     * Returns the key of the next entry without advancing.
     *
     * @throws java.util.NoSuchElementException if there is no next entry
     */
    K peekNextKey();
}
