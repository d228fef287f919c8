package dev.runnel.log.internal.index;

/** An index file failed its sanity check; the owning segment rebuilds it from the log. */
public final class CorruptIndexException extends RuntimeException {
    public CorruptIndexException(String message) {
        super(message);
    }
}
