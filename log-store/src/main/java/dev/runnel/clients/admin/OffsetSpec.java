package dev.runnel.clients.admin;

/** Which offset {@code listOffsets} should find: the earliest, the latest, or the first at a timestamp. */
public class OffsetSpec {
    private static final OffsetSpec EARLIEST = new OffsetSpec();
    private static final OffsetSpec LATEST = new OffsetSpec();

    /** The earliest offset still in the log. */
    public static OffsetSpec earliest() {
        return EARLIEST;
    }

    /** The log end offset: the offset the next record will get. */
    public static OffsetSpec latest() {
        return LATEST;
    }

    /** The first offset whose timestamp is at or after {@code timestamp}. */
    public static OffsetSpec forTimestamp(long timestamp) {
        return new TimestampSpec(timestamp);
    }

    static final class TimestampSpec extends OffsetSpec {
        private final long timestamp;

        TimestampSpec(long timestamp) {
            this.timestamp = timestamp;
        }

        long timestamp() {
            return timestamp;
        }
    }
}
