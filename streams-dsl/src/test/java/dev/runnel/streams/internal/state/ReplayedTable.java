package dev.runnel.streams.internal.state;

import static dev.runnel.streams.internal.state.StoreBytes.string;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The table downstream of a caching store, rebuilt from the changes it flushes: each change's old value must be the
 * row it replaces, so the table ends equal to the store. Counts the changes a full cache writes down outside a flush.
 */
final class ReplayedTable<K> implements CacheFlushListener<K, byte[]> {
    private final Function<K, String> rowName;
    private final String label;
    private final Map<String, String> rows = new TreeMap<>();
    private boolean flushing;
    private int writtenWhenFull;

    /** A table naming each flushed key's row with {@code rowName}; {@code label} (the seed) starts every message. */
    ReplayedTable(Function<K, String> rowName, String label) {
        this.rowName = rowName;
        this.label = label;
    }

    @Override
    public void apply(K key, byte[] newValue, byte[] oldValue, long timestamp) {
        writtenWhenFull += flushing ? 0 : 1;
        String row = rowName.apply(key);
        assertEquals(rows.get(row), string(oldValue), label + " old value of " + row);
        if (newValue == null) {
            rows.remove(row);
        } else {
            rows.put(row, string(newValue));
        }
    }

    /** Runs {@code flush}, whose changes do not count as written down by a full cache. */
    void flush(Runnable flush) {
        flushing = true;
        try {
            flush.run();
        } finally {
            flushing = false;
        }
    }

    /** Returns the rows, sorted by name. */
    Map<String, String> rows() {
        return rows;
    }

    int writtenWhenFull() {
        return writtenWhenFull;
    }
}
