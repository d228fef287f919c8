package dev.runnel.clients.consumer;

import dev.runnel.common.TopicPartition;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer's {@code interceptor.classes}, called in order; whatever an interceptor throws is logged and swallowed,
 * as in Kafka. The consumer holds none of this when no interceptor is configured. Not thread-safe; owned by the
 * consumer's polling thread.
 */
final class ConsumerInterceptors<K, V> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerInterceptors.class);

    private final List<ConsumerInterceptor<K, V>> interceptors;

    ConsumerInterceptors(List<ConsumerInterceptor<K, V>> interceptors) {
        this.interceptors = List.copyOf(interceptors);
    }

    ConsumerRecords<K, V> onConsume(ConsumerRecords<K, V> records) {
        ConsumerRecords<K, V> intercepted = records;
        for (ConsumerInterceptor<K, V> interceptor : interceptors) {
            try {
                intercepted = interceptor.onConsume(intercepted);
            } catch (Exception e) {
                LOG.warn("Error executing interceptor onConsume callback", e);
            }
        }
        return intercepted;
    }

    void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        for (ConsumerInterceptor<K, V> interceptor : interceptors) {
            try {
                interceptor.onCommit(offsets);
            } catch (Exception e) {
                LOG.warn("Error executing interceptor onCommit callback", e);
            }
        }
    }

    @Override
    public void close() {
        for (ConsumerInterceptor<K, V> interceptor : interceptors) {
            try {
                interceptor.close();
            } catch (Exception e) {
                LOG.error("Failed to close consumer interceptor {}", interceptor.getClass().getName(), e);
            }
        }
    }
}
