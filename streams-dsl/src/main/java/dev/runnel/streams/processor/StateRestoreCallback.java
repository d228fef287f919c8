package dev.runnel.streams.processor;

/** Receives one changelog record during restoration; a {@code null} value is a deletion. */
@FunctionalInterface
public interface StateRestoreCallback {
    /** Applies one changelog record to the store being restored. */
    void restore(byte[] key, byte[] value);
}
