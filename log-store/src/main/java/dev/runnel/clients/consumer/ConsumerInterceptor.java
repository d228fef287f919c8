package dev.runnel.clients.consumer;

import dev.runnel.common.Configurable;
import dev.runnel.common.TopicPartition;
import java.util.Map;

/**
 * Sees, and may replace, the records each {@code poll} returns, and sees each successful offset commit; named in
 * {@code interceptor.classes}, as in Kafka. Interceptors run in the listed order, each receiving what the previous one
 * returned. An exception thrown by an interceptor is logged and ignored (the previous interceptor's records go on),
 * so an interceptor cannot fail a poll or a commit. Called on the consumer's polling thread.
 *
 * @param <K> the key type of the consumer
 * @param <V> the value type of the consumer
 */
public interface ConsumerInterceptor<K, V> extends Configurable, AutoCloseable {

    /**
     * Returns the records for {@code poll} to return instead of {@code records}; called only when a poll has records.
     * Changing the records does not change the consumer's position, which already lies after the fetched records.
     */
    ConsumerRecords<K, V> onConsume(ConsumerRecords<K, V> records);

    /** Called once the offsets are committed: by commitSync, commitAsync (before its callback) or auto-commit. */
    void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets);

    /** Releases any resources when the consumer closes. */
    @Override
    void close();
}
