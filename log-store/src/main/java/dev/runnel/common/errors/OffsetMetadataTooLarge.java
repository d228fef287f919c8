package dev.runnel.common.errors;

/** The metadata of a committed offset is longer than the log's {@code offset.metadata.max.bytes} allows. */
public class OffsetMetadataTooLarge extends ApiException {
    public OffsetMetadataTooLarge() {
        super("The metadata field of the offset request was too large.");
    }

    public OffsetMetadataTooLarge(String message) {
        super(message);
    }

    public OffsetMetadataTooLarge(String message, Throwable cause) {
        super(message, cause);
    }
}
