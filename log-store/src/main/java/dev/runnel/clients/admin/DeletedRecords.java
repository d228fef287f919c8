package dev.runnel.clients.admin;

/** The outcome of {@code deleteRecords} for one partition: its low watermark, the log start offset after it. */
public class DeletedRecords {
    private final long lowWatermark;

    public DeletedRecords(long lowWatermark) {
        this.lowWatermark = lowWatermark;
    }

    /** The partition's log start offset after the deletion: the earliest offset a consumer can still read. */
    public long lowWatermark() {
        return lowWatermark;
    }

    @Override
    public String toString() {
        return "DeletedRecords(lowWatermark=" + lowWatermark + ")";
    }
}
