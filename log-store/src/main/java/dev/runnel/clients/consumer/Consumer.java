package dev.runnel.clients.consumer;

import dev.runnel.common.PartitionInfo;
import dev.runnel.common.TopicPartition;
import java.io.Closeable;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The consumer interface of Kafka's clients, implemented by {@link KafkaConsumer}: manual assignment and seeking, or
 * group membership with {@code subscribe}, and offset commits.
 */
public interface Consumer<K, V> extends Closeable {
    Set<TopicPartition> assignment();

    void assign(Collection<TopicPartition> partitions);

    void subscribe(Collection<String> topics);

    void subscribe(Collection<String> topics, ConsumerRebalanceListener listener);

    void subscribe(Pattern pattern);

    void subscribe(Pattern pattern, ConsumerRebalanceListener listener);

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

    void seekToBeginning(Collection<TopicPartition> partitions);

    void seekToEnd(Collection<TopicPartition> partitions);

    long position(TopicPartition partition);

    List<PartitionInfo> partitionsFor(String topic);

    Map<String, List<PartitionInfo>> listTopics();

    Set<TopicPartition> paused();

    void pause(Collection<TopicPartition> partitions);

    void resume(Collection<TopicPartition> partitions);

    Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch);

    Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions);

    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions);

    @Override
    void close();

    void close(Duration timeout);

    /** Closes as {@code options} say: whether the member leaves its group, and how long to wait. */
    void close(CloseOptions options);

    void wakeup();
}
