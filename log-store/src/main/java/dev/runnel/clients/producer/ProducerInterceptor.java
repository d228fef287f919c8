package dev.runnel.clients.producer;

import dev.runnel.common.Configurable;
import dev.runnel.common.header.Headers;

/**
 * Sees, and may replace, every record a producer sends, and then its acknowledgement; named in
 * {@code interceptor.classes}, as in Kafka. Interceptors run in the listed order: each {@code onSend} receives the
 * record the previous one returned, before the record is serialized and partitioned. An exception thrown by an
 * interceptor is logged and ignored (the record of the previous interceptor goes on), so an interceptor cannot fail
 * a send. One instance serves every thread of its producer, so implementations must be thread-safe.
 *
 * <pre>{@code
 * public final class CountingInterceptor implements ProducerInterceptor<String, String> {
 *     private final LongAdder acked = new LongAdder();
 *     public ProducerRecord<String, String> onSend(ProducerRecord<String, String> record) {
 *         return record;
 *     }
 *     public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
 *         if (exception == null) {
 *             acked.increment();
 *         }
 *     }
 *     public void close() {
 *     }
 *     public void configure(Map<String, ?> configs) {
 *     }
 * }
 * }</pre>
 *
 * @param <K> the key type of the producer
 * @param <V> the value type of the producer
 */
public interface ProducerInterceptor<K, V> extends Configurable, AutoCloseable {

    /**
     * Returns the record to send instead of {@code record} (often {@code record} itself). Called on the thread that
     * calls {@code send}, before the key and value are serialized.
     */
    ProducerRecord<K, V> onSend(ProducerRecord<K, V> record);

    /**
     * Called when the record is in the log or has failed, before the send's callback; {@code exception} is null on
     * success. Also called when {@code send} fails before the record is queued, with the partition -1 unless one was
     * chosen. Runs on the producer's I/O thread, so it must be quick.
     */
    default void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    /**
     * As {@link #onAcknowledgement(RecordMetadata, Exception)}, with the record's headers (read-only); the default
     * calls that method. This is the one the producer calls.
     */
    default void onAcknowledgement(RecordMetadata metadata, Exception exception, Headers headers) {
        onAcknowledgement(metadata, exception);
    }

    /** Releases any resources when the producer closes. */
    @Override
    void close();
}
