package dev.runnel.clients.consumer;

import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.PartitionInfo;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.Uuid;
import dev.runnel.common.metrics.KafkaMetric;
import java.io.Closeable;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The consumer interface of Kafka's clients, implemented by {@link KafkaConsumer}: manual assignment and seeking, or
 * group membership with {@code subscribe}, and offset commits.
 *
 * <p>The metadata and offset lookups that take a {@code Duration} default to the overloads without one: the embedded
 * log answers them without waiting, so there is no timeout to honour.
 */
public interface Consumer<K, V> extends Closeable {
    Set<TopicPartition> assignment();

    void assign(Collection<TopicPartition> partitions);

    void subscribe(Collection<String> topics);

    void subscribe(Collection<String> topics, ConsumerRebalanceListener listener);

    void subscribe(Pattern pattern);

    void subscribe(Pattern pattern, ConsumerRebalanceListener listener);

    /** Subscribes to the topics whose names match {@code pattern}, an RE2/J expression (KIP-848). */
    void subscribe(SubscriptionPattern pattern);

    void subscribe(SubscriptionPattern pattern, ConsumerRebalanceListener callback);

    Set<String> subscription();

    void unsubscribe();

    void commitSync();

    void commitSync(Duration timeout);

    void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets);

    void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout);

    void commitAsync();

    void commitAsync(OffsetCommitCallback callback);

    void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback);

    Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions);

    Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions, Duration timeout);

    ConsumerGroupMetadata groupMetadata();

    void enforceRebalance();

    void enforceRebalance(String reason);

    ConsumerRecords<K, V> poll(Duration timeout);

    void seek(TopicPartition partition, long offset);

    /** Seeks to {@code offsetAndMetadata.offset()}; the embedded log has no leader epochs to validate. */
    default void seek(TopicPartition partition, OffsetAndMetadata offsetAndMetadata) {
        seek(partition, offsetAndMetadata.offset());
    }

    void seekToBeginning(Collection<TopicPartition> partitions);

    void seekToEnd(Collection<TopicPartition> partitions);

    long position(TopicPartition partition);

    default long position(TopicPartition partition, Duration timeout) {
        return position(partition);
    }

    /**
     * How far the partition's position is behind its end offset (the last stable offset under
     * {@code read_committed}), or empty while the position is unknown.
     *
     * @throws IllegalStateException if the partition is not assigned to this consumer
     */
    OptionalLong currentLag(TopicPartition partition);

    List<PartitionInfo> partitionsFor(String topic);

    default List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
        return partitionsFor(topic);
    }

    Map<String, List<PartitionInfo>> listTopics();

    default Map<String, List<PartitionInfo>> listTopics(Duration timeout) {
        return listTopics();
    }

    Set<TopicPartition> paused();

    void pause(Collection<TopicPartition> partitions);

    void resume(Collection<TopicPartition> partitions);

    Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch);

    default Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch,
                                                                    Duration timeout) {
        return offsetsForTimes(timestampsToSearch);
    }

    Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions);

    default Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        return beginningOffsets(partitions);
    }

    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions);

    default Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        return endOffsets(partitions);
    }

    /**
     * The id the client would push telemetry under (KIP-714).
     *
     * @throws IllegalStateException if telemetry is off, as it always is on the embedded log
     */
    Uuid clientInstanceId(Duration timeout);

    /** Returns the consumer's metrics, with Kafka's names. */
    Map<MetricName, ? extends Metric> metrics();

    /**
     * Adds an application metric to those client telemetry (KIP-1076) reports. The embedded log has no client
     * telemetry, so, as Kafka's clients do with telemetry disabled, {@link KafkaConsumer} ignores it.
     */
    void registerMetricForSubscription(KafkaMetric metric);

    /** Removes a metric added by {@link #registerMetricForSubscription}; ignored likewise. */
    void unregisterMetricFromSubscription(KafkaMetric metric);

    @Override
    void close();

    void close(Duration timeout);

    /** Closes as {@code options} say: whether the member leaves its group, and how long to wait. */
    void close(CloseOptions options);

    void wakeup();
}
