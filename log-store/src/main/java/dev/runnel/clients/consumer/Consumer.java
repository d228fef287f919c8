package dev.runnel.clients.consumer;

import dev.runnel.common.PartitionInfo;
import dev.runnel.common.TopicPartition;
import java.io.Closeable;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The consumer interface of Kafka's clients, implemented by {@link KafkaConsumer}: manual assignment and seeking.
 * Group membership and offset commits come with consumer groups.
 */
public interface Consumer<K, V> extends Closeable {
    Set<TopicPartition> assignment();

    void assign(Collection<TopicPartition> partitions);

    void unsubscribe();

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

    void wakeup();
}
