package dev.runnel.clients.producer.internals;

import dev.runnel.clients.producer.Callback;
import dev.runnel.clients.producer.ProducerInterceptor;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.clients.producer.RecordMetadata;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.header.Headers;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A producer's {@code interceptor.classes}, called in order; whatever an interceptor throws is logged and swallowed,
 * as in Kafka. The producer holds none of this when no interceptor is configured, so that sends without interceptors
 * pay one null check. Thread-safe if the interceptors are.
 */
public final class ProducerInterceptors<K, V> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerInterceptors.class);

    private final List<ProducerInterceptor<K, V>> interceptors;

    public ProducerInterceptors(List<ProducerInterceptor<K, V>> interceptors) {
        this.interceptors = List.copyOf(interceptors);
    }

    /** Passes the record through every interceptor's {@code onSend}; one that throws is skipped. */
    public ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
        ProducerRecord<K, V> intercepted = record;
        for (ProducerInterceptor<K, V> interceptor : interceptors) {
            try {
                intercepted = interceptor.onSend(intercepted);
            } catch (Exception e) {
                LOG.warn("Error executing interceptor onSend callback for topic: {}, partition: {}", record.topic(),
                    record.partition(), e);
            }
        }
        return intercepted;
    }

    /** Returns a callback that tells every interceptor of the outcome, then runs {@code callback} if there is one. */
    public Callback wrap(Callback callback, Headers headers) {
        return (metadata, exception) -> {
            onAcknowledgement(metadata, exception, headers);
            if (callback != null) {
                callback.onCompletion(metadata, exception);
            }
        };
    }

    /** Tells every interceptor that {@code record} failed before it was queued. */
    public void onSendError(ProducerRecord<K, V> record, Exception exception) {
        int partition = record.partition() == null ? RecordMetadata.UNKNOWN_PARTITION : record.partition();
        onAcknowledgement(new RecordMetadata(new TopicPartition(record.topic(), partition), -1, -1, -1, -1),
            exception, record.headers());
    }

    private void onAcknowledgement(RecordMetadata metadata, Exception exception, Headers headers) {
        for (ProducerInterceptor<K, V> interceptor : interceptors) {
            try {
                interceptor.onAcknowledgement(metadata, exception, headers);
            } catch (Exception e) {
                LOG.warn("Error executing interceptor onAcknowledgement callback", e);
            }
        }
    }

    @Override
    public void close() {
        for (ProducerInterceptor<K, V> interceptor : interceptors) {
            try {
                interceptor.close();
            } catch (Exception e) {
                LOG.error("Failed to close producer interceptor {}", interceptor.getClass().getName(), e);
            }
        }
    }
}
