package dev.runnel.clients.producer;

/** Called once a sent record is in the log, or has failed; runs on the producer's I/O thread, so keep it short. */
@FunctionalInterface
public interface Callback {
    /** Exactly one of {@code metadata}'s offset and {@code exception} is meaningful: exception is null on success. */
    void onCompletion(RecordMetadata metadata, Exception exception);
}
