package dev.runnel.streams.state;

import java.io.Closeable;
import java.util.Iterator;

/**
 * An iterator over versions of one key's value from a {@link VersionedKeyValueStore}, as a multi-version query
 * answers. It must be closed, best with try-with-resources; once closed, {@link #hasNext()} throws
 * {@link IllegalStateException}.
 *
 * @param <V> the value type
 */
public interface VersionedRecordIterator<V> extends Iterator<VersionedRecord<V>>, Closeable {
    /** Releases the iterator; it cannot be used afterwards. Throws no checked exception. */
    @Override
    void close();
}
