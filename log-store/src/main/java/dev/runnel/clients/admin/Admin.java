package dev.runnel.clients.admin;

import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.common.config.internals.ConfigReader;
import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.Uuid;
import dev.runnel.common.config.ConfigResource;
import dev.runnel.common.metrics.KafkaMetric;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Manages topics and consumer groups, as Kafka's admin client does. Against the embedded log every call completes
 * before it returns; its futures, and the options' timeouts, are there so that code written for Kafka keeps working.
 * As in Kafka, each call without options is the call with default options.
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

    default CreateTopicsResult createTopics(Collection<NewTopic> newTopics) {
        return createTopics(newTopics, new CreateTopicsOptions());
    }

    CreateTopicsResult createTopics(Collection<NewTopic> newTopics, CreateTopicsOptions options);

    default DeleteTopicsResult deleteTopics(Collection<String> topics) {
        return deleteTopics(topics, new DeleteTopicsOptions());
    }

    DeleteTopicsResult deleteTopics(Collection<String> topics, DeleteTopicsOptions options);

    default ListTopicsResult listTopics() {
        return listTopics(new ListTopicsOptions());
    }

    ListTopicsResult listTopics(ListTopicsOptions options);

    default DescribeTopicsResult describeTopics(Collection<String> topicNames) {
        return describeTopics(topicNames, new DescribeTopicsOptions());
    }

    DescribeTopicsResult describeTopics(Collection<String> topicNames, DescribeTopicsOptions options);

    default DescribeClusterResult describeCluster() {
        return describeCluster(new DescribeClusterOptions());
    }

    /** Describes the embedded log as a cluster of one node, which is also its controller, with its cluster id. */
    DescribeClusterResult describeCluster(DescribeClusterOptions options);

    default DescribeConfigsResult describeConfigs(Collection<ConfigResource> resources) {
        return describeConfigs(resources, new DescribeConfigsOptions());
    }

    DescribeConfigsResult describeConfigs(Collection<ConfigResource> resources, DescribeConfigsOptions options);

    default AlterConfigsResult incrementalAlterConfigs(Map<ConfigResource, Collection<AlterConfigOp>> configs) {
        return incrementalAlterConfigs(configs, new AlterConfigsOptions());
    }

    AlterConfigsResult incrementalAlterConfigs(Map<ConfigResource, Collection<AlterConfigOp>> configs,
                                               AlterConfigsOptions options);

    default CreatePartitionsResult createPartitions(Map<String, NewPartitions> newPartitions) {
        return createPartitions(newPartitions, new CreatePartitionsOptions());
    }

    CreatePartitionsResult createPartitions(Map<String, NewPartitions> newPartitions,
                                            CreatePartitionsOptions options);

    default ListOffsetsResult listOffsets(Map<TopicPartition, OffsetSpec> topicPartitionOffsets) {
        return listOffsets(topicPartitionOffsets, new ListOffsetsOptions());
    }

    ListOffsetsResult listOffsets(Map<TopicPartition, OffsetSpec> topicPartitionOffsets, ListOffsetsOptions options);

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

    default ListConsumerGroupsResult listConsumerGroups() {
        return listConsumerGroups(new ListConsumerGroupsOptions());
    }

    ListConsumerGroupsResult listConsumerGroups(ListConsumerGroupsOptions options);

    default ListGroupsResult listGroups() {
        return listGroups(new ListGroupsOptions());
    }

    /** Lists groups of every type (KIP-1043); on the embedded log all groups are classic consumer groups. */
    ListGroupsResult listGroups(ListGroupsOptions options);

    default DescribeConsumerGroupsResult describeConsumerGroups(Collection<String> groupIds) {
        return describeConsumerGroups(groupIds, new DescribeConsumerGroupsOptions());
    }

    DescribeConsumerGroupsResult describeConsumerGroups(Collection<String> groupIds,
                                                        DescribeConsumerGroupsOptions options);

    default DeleteConsumerGroupsResult deleteConsumerGroups(Collection<String> groupIds) {
        return deleteConsumerGroups(groupIds, new DeleteConsumerGroupsOptions());
    }

    /** Deletes groups and their offsets; a group with members fails with {@code GroupNotEmptyException}. */
    DeleteConsumerGroupsResult deleteConsumerGroups(Collection<String> groupIds, DeleteConsumerGroupsOptions options);

    default ListConsumerGroupOffsetsResult listConsumerGroupOffsets(String groupId) {
        return listConsumerGroupOffsets(groupId, new ListConsumerGroupOffsetsOptions());
    }

    ListConsumerGroupOffsetsResult listConsumerGroupOffsets(String groupId, ListConsumerGroupOffsetsOptions options);

    default AlterConsumerGroupOffsetsResult alterConsumerGroupOffsets(String groupId,
                                                                      Map<TopicPartition, OffsetAndMetadata> offsets) {
        return alterConsumerGroupOffsets(groupId, offsets, new AlterConsumerGroupOffsetsOptions());
    }

    /** Sets a group's offsets; refused with {@code UnknownMemberIdException} while the group has members. */
    AlterConsumerGroupOffsetsResult alterConsumerGroupOffsets(String groupId,
                                                              Map<TopicPartition, OffsetAndMetadata> offsets,
                                                              AlterConsumerGroupOffsetsOptions options);

    default DeleteConsumerGroupOffsetsResult deleteConsumerGroupOffsets(String groupId,
                                                                        Set<TopicPartition> partitions) {
        return deleteConsumerGroupOffsets(groupId, partitions, new DeleteConsumerGroupOffsetsOptions());
    }

    DeleteConsumerGroupOffsetsResult deleteConsumerGroupOffsets(String groupId, Set<TopicPartition> partitions,
                                                                DeleteConsumerGroupOffsetsOptions options);

    default ListTransactionsResult listTransactions() {
        return listTransactions(new ListTransactionsOptions());
    }

    /** Lists the transactional ids the coordinator knows, with their producer ids and states (KIP-664). */
    ListTransactionsResult listTransactions(ListTransactionsOptions options);

    default DescribeTransactionsResult describeTransactions(Collection<String> transactionalIds) {
        return describeTransactions(transactionalIds, new DescribeTransactionsOptions());
    }

    /**
     * Describes transactional ids as their coordinator holds them (KIP-664); an unknown id fails its future with
     * {@code TransactionalIdNotFoundException}.
     */
    DescribeTransactionsResult describeTransactions(Collection<String> transactionalIds,
                                                    DescribeTransactionsOptions options);

    default DescribeProducersResult describeProducers(Collection<TopicPartition> partitions) {
        return describeProducers(partitions, new DescribeProducersOptions());
    }

    /**
     * Describes the producers each partition knows (KIP-664): epoch, last sequence and timestamp, and the start
     * offset of an open transaction, which finds the one holding a partition's last stable offset back.
     */
    DescribeProducersResult describeProducers(Collection<TopicPartition> partitions, DescribeProducersOptions options);

    default FenceProducersResult fenceProducers(Collection<String> transactionalIds) {
        return fenceProducers(transactionalIds, new FenceProducersOptions());
    }

    /**
     * Fences the current producer of each transactional id (KIP-618): its epoch is bumped and its open transaction
     * aborted, so the old producer's next send or commit fails with {@code ProducerFencedException}.
     */
    FenceProducersResult fenceProducers(Collection<String> transactionalIds, FenceProducersOptions options);

    default AbortTransactionResult abortTransaction(AbortTransactionSpec spec) {
        return abortTransaction(spec, new AbortTransactionOptions());
    }

    /**
     * Writes an abort marker for one producer's transaction on one partition (KIP-664), to end a hanging transaction
     * that holds the partition's last stable offset back; read_committed consumers then read past it. Fails with
     * {@code InvalidProducerEpochException} if the partition knows a newer epoch of the producer, and with
     * {@code UnknownTopicOrPartitionException} for a partition that does not exist.
     */
    AbortTransactionResult abortTransaction(AbortTransactionSpec spec, AbortTransactionOptions options);

    /**
     * Returns the client instance id that client telemetry (KIP-714) reports this admin client under.
     *
     * @throws IllegalStateException if telemetry is not enabled, which it never is on the embedded log
     */
    Uuid clientInstanceId(Duration timeout);

    /** Returns the admin client's metrics, with Kafka's names. */
    Map<MetricName, ? extends Metric> metrics();

    /**
     * Adds an application metric to those client telemetry (KIP-1076) reports. The embedded log has no client
     * telemetry, so, as Kafka's clients do with telemetry disabled, {@link KafkaAdminClient} ignores it.
     */
    void registerMetricForSubscription(KafkaMetric metric);

    /** Removes a metric added by {@link #registerMetricForSubscription}; ignored likewise. */
    void unregisterMetricFromSubscription(KafkaMetric metric);

    default TerminateTransactionResult forceTerminateTransaction(String transactionalId) {
        return forceTerminateTransaction(transactionalId, new TerminateTransactionOptions());
    }

    /**
     * Ends the transaction of {@code transactionalId} from outside its producer (KIP-939), as an operator ends one that
     * runs too long: its open transaction is aborted and its producer's epoch bumped, so that producer's next send or
     * commit fails with {@code ProducerFencedException}; the id can then be used by a new producer.
     */
    TerminateTransactionResult forceTerminateTransaction(String transactionalId, TerminateTransactionOptions options);

    @Override
    void close();

    void close(Duration timeout);
}
