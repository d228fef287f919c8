package dev.runnel.clients.admin;

import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.common.config.internals.ConfigReader;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.config.ConfigResource;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Manages topics and consumer groups, as Kafka's admin client does. Against the embedded log every call completes
 * before it returns; its futures are there so that code written for Kafka keeps working.
 *
 * <pre>{@code
 * try (Admin admin = Admin.create(Map.of("log.dir", "runnel-data"))) {
 *     admin.createTopics(List.of(new NewTopic("clicks", 3, (short) 1))).all().get();
 * }
 * }</pre>
 */
public interface Admin extends AutoCloseable {
    static Admin create(Properties properties) {
        return create(ConfigReader.toMap(properties));
    }

    static Admin create(Map<String, Object> configs) {
        return new KafkaAdminClient(configs);
    }

    CreateTopicsResult createTopics(Collection<NewTopic> newTopics);

    DeleteTopicsResult deleteTopics(Collection<String> topics);

    ListTopicsResult listTopics();

    ListTopicsResult listTopics(ListTopicsOptions options);

    DescribeTopicsResult describeTopics(Collection<String> topicNames);

    DescribeConfigsResult describeConfigs(Collection<ConfigResource> resources);

    AlterConfigsResult incrementalAlterConfigs(Map<ConfigResource, Collection<AlterConfigOp>> configs);

    CreatePartitionsResult createPartitions(Map<String, NewPartitions> newPartitions);

    ListOffsetsResult listOffsets(Map<TopicPartition, OffsetSpec> topicPartitionOffsets);

    /** As {@link #deleteRecords(Map, DeleteRecordsOptions)} with default options. */
    default DeleteRecordsResult deleteRecords(Map<TopicPartition, RecordsToDelete> recordsToDelete) {
        return deleteRecords(recordsToDelete, new DeleteRecordsOptions());
    }

    /**
     * Deletes each partition's records before the given offset by advancing its log start offset, as Kafka does;
     * whole segments below it are deleted from disk. Per partition the result holds the new low watermark, or fails
     * with {@code OffsetOutOfRangeException} (offset past the log end), {@code UnknownTopicOrPartitionException} or
     * {@code PolicyViolationException} (a topic whose {@code cleanup.policy} lacks {@code delete}).
     */
    DeleteRecordsResult deleteRecords(Map<TopicPartition, RecordsToDelete> recordsToDelete,
                                      DeleteRecordsOptions options);

    ListConsumerGroupsResult listConsumerGroups();

    DescribeConsumerGroupsResult describeConsumerGroups(Collection<String> groupIds);

    /** Deletes groups and their offsets; a group with members fails with {@code GroupNotEmptyException}. */
    DeleteConsumerGroupsResult deleteConsumerGroups(Collection<String> groupIds);

    ListConsumerGroupOffsetsResult listConsumerGroupOffsets(String groupId);

    /** Sets a group's offsets; refused with {@code UnknownMemberIdException} while the group has members. */
    AlterConsumerGroupOffsetsResult alterConsumerGroupOffsets(String groupId,
                                                              Map<TopicPartition, OffsetAndMetadata> offsets);

    DeleteConsumerGroupOffsetsResult deleteConsumerGroupOffsets(String groupId, Set<TopicPartition> partitions);

    @Override
    void close();

    void close(Duration timeout);
}
