package dev.runnel.streams.internal.state;

import dev.runnel.streams.state.VersionedRecord;
import dev.runnel.streams.state.VersionedRecordIterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Iterates a list of versions copied from a store, forwards or backwards. Not thread-safe. */
public final class ListVersionedRecordIterator<V> implements VersionedRecordIterator<V> {
    private final List<VersionedRecord<V>> versions;
    private final boolean backward;
    private int taken;
    private boolean open = true;

    /** Iterates {@code versions}, which the iterator then owns, from the end if {@code backward}. */
    public ListVersionedRecordIterator(List<VersionedRecord<V>> versions, boolean backward) {
        this.versions = versions;
        this.backward = backward;
    }

    @Override
    public boolean hasNext() {
        if (!open) {
            throw new IllegalStateException("The iterator is closed");
        }
        return taken < versions.size();
    }

    @Override
    public VersionedRecord<V> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        VersionedRecord<V> next = versions.get(backward ? versions.size() - 1 - taken : taken);
        taken++;
        return next;
    }

    @Override
    public void close() {
        open = false;
    }
}
