package dev.runnel.clients.admin;

/**
 * What {@code deleteRecords} deletes from one partition: every record before an offset. Immutable.
 */
public class RecordsToDelete {
    private final long offset;

    private RecordsToDelete(long offset) {
        this.offset = offset;
    }

    /**
     * Deletes every record whose offset is below {@code offset}; -1 means the high watermark (on the embedded log,
     * the log end offset), so every record the partition has.
     */
    public static RecordsToDelete beforeOffset(long offset) {
        return new RecordsToDelete(offset);
    }

    public long beforeOffset() {
        return offset;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordsToDelete other && offset == other.offset;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(offset);
    }

    @Override
    public String toString() {
        return "(beforeOffset = " + offset + ")";
    }
}
