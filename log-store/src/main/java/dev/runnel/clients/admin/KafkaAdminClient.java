package dev.runnel.clients.admin;

import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.clients.internals.ClientMetrics;
import dev.runnel.common.utils.ClientTelemetry;
import dev.runnel.common.IsolationLevel;
import dev.runnel.common.KafkaFuture;
import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.Node;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.Uuid;
import dev.runnel.common.TopicPartitionInfo;
import dev.runnel.common.config.ConfigResource;
import dev.runnel.common.errors.InvalidConfigurationException;
import dev.runnel.common.errors.InvalidRequestException;
import dev.runnel.common.metrics.KafkaMetric;
import dev.runnel.common.metrics.Metrics;
import dev.runnel.common.metrics.MetricsReporter;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.RunnelLogConfig;
import dev.runnel.log.Topics;
import dev.runnel.log.internal.TimestampLookup;
import dev.runnel.log.internal.segment.PartitionLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The admin client of the embedded log. Its metrics ({@code admin-client-metrics}, Kafka's group) count each
 * operation as one request, and are also in JMX under {@code kafka.admin.client}. Thread-safe.
 */
public final class KafkaAdminClient extends AdminClient {
    /** The JMX domain of admin client metrics, Kafka's. */
    public static final String JMX_PREFIX = "kafka.admin.client";
    private static final AtomicInteger CLIENT_SEQUENCE = new AtomicInteger(1);

    private final RunnelLog log;
    private final GroupAdmin groups;
    private final TransactionAdmin transactions;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final Metrics metrics;
    private final LongAdder requests = new LongAdder();

    KafkaAdminClient(Map<String, Object> configs) {
        AdminClientConfig config = new AdminClientConfig(configs);
        String configuredId = config.getString(AdminClientConfig.CLIENT_ID_CONFIG);
        String clientId = configuredId.isEmpty() ? "adminclient-" + CLIENT_SEQUENCE.getAndIncrement() : configuredId;
        // Before the log opens: a reporter that cannot be created fails the constructor with nothing to release.
        List<MetricsReporter> reporters = ClientMetrics.reporters(config, clientId);
        this.log = RunnelLog.open(RunnelLogConfig.parse(configs));
        this.groups = new GroupAdmin(log.groupCoordinator());
        this.transactions = new TransactionAdmin(log);
        this.metrics = ClientMetrics.create(config, log.time(), JMX_PREFIX, clientId, reporters);
        metrics.addMeter("admin-client-metrics", "request", "requests (admin operations)",
            Map.of("client-id", clientId), requests::sum);
        config.logUnused();
    }

    @Override
    public CreateTopicsResult createTopics(Collection<NewTopic> newTopics, CreateTopicsOptions options) {
        requests.increment();
        Map<String, KafkaFuture<Void>> futures = new LinkedHashMap<>();
        for (NewTopic topic : newTopics) {
            int partitions = topic.numPartitions() < 0 ? log.config().defaultPartitions() : topic.numPartitions();
            futures.put(topic.name(), Futures.run(options.shouldValidateOnly()
                ? () -> log.validateCreateTopic(topic.name(), partitions, topic.configs())
                : () -> log.createTopic(topic.name(), partitions, topic.configs())));
        }
        return new CreateTopicsResult(futures);
    }

    @Override
    public DeleteTopicsResult deleteTopics(Collection<String> topics, DeleteTopicsOptions options) {
        requests.increment();
        Map<String, KafkaFuture<Void>> futures = new LinkedHashMap<>();
        for (String topic : topics) {
            futures.put(topic, Futures.run(() -> log.deleteTopic(topic)));
        }
        return new DeleteTopicsResult(futures);
    }

    @Override
    public ListTopicsResult listTopics(ListTopicsOptions options) {
        requests.increment();
        Map<String, TopicListing> listings = new TreeMap<>();
        for (String name : log.topicNames()) {
            boolean internal = Topics.isInternal(name);
            if (!internal || options.shouldListInternal()) {
                listings.put(name, new TopicListing(name, internal));
            }
        }
        return new ListTopicsResult(KafkaFuture.completedFuture(listings));
    }

    @Override
    public DescribeTopicsResult describeTopics(Collection<String> topicNames, DescribeTopicsOptions options) {
        requests.increment();
        Map<String, KafkaFuture<TopicDescription>> futures = new LinkedHashMap<>();
        for (String name : new LinkedHashSet<>(topicNames)) {
            futures.put(name, Futures.run(() -> describe(name)));
        }
        return new DescribeTopicsResult(futures);
    }

    private TopicDescription describe(String name) {
        int count = log.partitionCount(name);
        List<TopicPartitionInfo> partitions = new ArrayList<>(count);
        for (int p = 0; p < count; p++) {
            partitions.add(TopicPartitionInfo.embedded(p));
        }
        return new TopicDescription(name, Topics.isInternal(name), partitions);
    }

    @Override
    public DescribeClusterResult describeCluster(DescribeClusterOptions options) {
        requests.increment();
        return new DescribeClusterResult(KafkaFuture.completedFuture(List.of(Node.EMBEDDED)),
            KafkaFuture.completedFuture(Node.EMBEDDED), Futures.run(log::clusterId));
    }

    @Override
    public DescribeConfigsResult describeConfigs(Collection<ConfigResource> resources,
                                                 DescribeConfigsOptions options) {
        requests.increment();
        Map<ConfigResource, KafkaFuture<Config>> futures = new LinkedHashMap<>();
        for (ConfigResource resource : resources) {
            futures.put(resource, Futures.run(() -> topicConfig(requireTopic(resource))));
        }
        return new DescribeConfigsResult(futures);
    }

    private Config topicConfig(String topic) {
        Map<String, String> overrides = log.topicConfigOverrides(topic);
        List<ConfigEntry> entries = new ArrayList<>();
        new TreeMap<>(log.topicConfig(topic).toMap()).forEach((name, value) -> entries.add(overrides.containsKey(name)
            ? new ConfigEntry(name, value, ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
            : new ConfigEntry(name, value, ConfigEntry.ConfigSource.DEFAULT_CONFIG)));
        return new Config(entries);
    }

    /**
     * Applies each resource's operations as one change: all are validated before any is written. {@code APPEND} and
     * {@code SUBTRACT} work on list configs (only {@code cleanup.policy} is one).
     */
    @Override
    public AlterConfigsResult incrementalAlterConfigs(Map<ConfigResource, Collection<AlterConfigOp>> configs,
                                                      AlterConfigsOptions options) {
        requests.increment();
        Map<ConfigResource, KafkaFuture<Void>> futures = new LinkedHashMap<>();
        configs.forEach((resource, ops) -> futures.put(resource,
            Futures.run(() -> alter(requireTopic(resource), ops, options.shouldValidateOnly()))));
        return new AlterConfigsResult(futures);
    }

    private void alter(String topic, Collection<AlterConfigOp> ops, boolean validateOnly) {
        Map<String, String> current = log.topicConfig(topic).toMap();
        Map<String, String> set = new HashMap<>();
        List<String> remove = new ArrayList<>();
        for (AlterConfigOp op : ops) {
            String name = op.configEntry().name();
            String value = op.configEntry().value();
            switch (op.opType()) {
                case SET -> set.put(name, value);
                case DELETE -> remove.add(name);
                case APPEND, SUBTRACT -> set.put(name, editList(current.get(name), value, op.opType()));
                default -> throw new InvalidRequestException("Unknown config operation " + op.opType());
            }
        }
        if (validateOnly) {
            log.validateTopicConfig(topic, set, remove);
        } else {
            log.alterTopicConfig(topic, set, remove);
        }
    }

    private static String editList(String current, String value, AlterConfigOp.OpType opType) {
        if (current == null) {
            throw new InvalidConfigurationException("Config has no list value to " + opType + " to");
        }
        Set<String> items = new LinkedHashSet<>(Arrays.asList(current.split(",")));
        List<String> changes = Arrays.asList(value.split(","));
        if (opType == AlterConfigOp.OpType.APPEND) {
            items.addAll(changes);
        } else {
            items.removeAll(changes);
        }
        return String.join(",", items);
    }

    private static String requireTopic(ConfigResource resource) {
        if (resource.type() != ConfigResource.Type.TOPIC) {
            throw new InvalidRequestException("The embedded log only has topic configs; " + resource.type()
                + " configs are not supported");
        }
        return resource.name();
    }

    @Override
    public CreatePartitionsResult createPartitions(Map<String, NewPartitions> newPartitions,
                                                   CreatePartitionsOptions options) {
        requests.increment();
        Map<String, KafkaFuture<Void>> futures = new LinkedHashMap<>();
        newPartitions.forEach((topic, partitions) -> futures.put(topic, Futures.run(options.validateOnly()
            ? () -> log.validateAddPartitions(topic, partitions.totalCount())
            : () -> log.addPartitions(topic, partitions.totalCount()))));
        return new CreatePartitionsResult(futures);
    }

    @Override
    public ListOffsetsResult listOffsets(Map<TopicPartition, OffsetSpec> topicPartitionOffsets,
                                         ListOffsetsOptions options) {
        requests.increment();
        boolean readCommitted = options.isolationLevel() == IsolationLevel.READ_COMMITTED;
        Map<TopicPartition, KafkaFuture<ListOffsetsResult.ListOffsetsResultInfo>> futures = new LinkedHashMap<>();
        topicPartitionOffsets.forEach((tp, spec) ->
            futures.put(tp, Futures.run(() -> listOffset(tp, spec, readCommitted))));
        return new ListOffsetsResult(futures);
    }

    private ListOffsetsResult.ListOffsetsResultInfo listOffset(TopicPartition tp, OffsetSpec spec,
                                                               boolean readCommitted) {
        PartitionLog partition = log.partition(tp);
        if (spec instanceof OffsetSpec.TimestampSpec timestampSpec) {
            TimestampLookup.Match match = TimestampLookup.find(partition, timestampSpec.timestamp());
            return match == null
                ? new ListOffsetsResult.ListOffsetsResultInfo(-1, -1, Optional.empty())
                : new ListOffsetsResult.ListOffsetsResultInfo(match.offset(), match.timestamp(), Optional.empty());
        }
        long offset = spec == OffsetSpec.earliest() ? partition.logStartOffset()
            : readCommitted ? partition.lastStableOffset() : partition.logEndOffset();
        return new ListOffsetsResult.ListOffsetsResultInfo(offset, -1, Optional.empty());
    }

    @Override
    public DeleteRecordsResult deleteRecords(Map<TopicPartition, RecordsToDelete> recordsToDelete,
                                             DeleteRecordsOptions options) {
        requests.increment();
        Map<TopicPartition, KafkaFuture<DeletedRecords>> futures = new LinkedHashMap<>();
        recordsToDelete.forEach((tp, records) -> futures.put(tp,
            Futures.run(() -> new DeletedRecords(log.deleteRecords(tp, records.beforeOffset())))));
        return new DeleteRecordsResult(futures);
    }

    @Override
    public ListConsumerGroupsResult listConsumerGroups(ListConsumerGroupsOptions options) {
        requests.increment();
        return groups.list(options);
    }

    @Override
    public ListGroupsResult listGroups(ListGroupsOptions options) {
        requests.increment();
        return groups.listGroups(options);
    }

    @Override
    public DescribeConsumerGroupsResult describeConsumerGroups(Collection<String> groupIds,
                                                               DescribeConsumerGroupsOptions options) {
        requests.increment();
        return groups.describe(groupIds);
    }

    @Override
    public DeleteConsumerGroupsResult deleteConsumerGroups(Collection<String> groupIds,
                                                           DeleteConsumerGroupsOptions options) {
        requests.increment();
        return groups.delete(groupIds);
    }

    @Override
    public ListConsumerGroupOffsetsResult listConsumerGroupOffsets(String groupId,
                                                                   ListConsumerGroupOffsetsOptions options) {
        requests.increment();
        return groups.listOffsets(groupId);
    }

    @Override
    public AlterConsumerGroupOffsetsResult alterConsumerGroupOffsets(String groupId,
                                                                     Map<TopicPartition, OffsetAndMetadata> offsets,
                                                                     AlterConsumerGroupOffsetsOptions options) {
        requests.increment();
        return groups.alterOffsets(groupId, offsets);
    }

    @Override
    public DeleteConsumerGroupOffsetsResult deleteConsumerGroupOffsets(String groupId, Set<TopicPartition> partitions,
                                                                       DeleteConsumerGroupOffsetsOptions options) {
        requests.increment();
        return groups.deleteOffsets(groupId, partitions);
    }

    @Override
    public ListTransactionsResult listTransactions(ListTransactionsOptions options) {
        requests.increment();
        return transactions.list(options);
    }

    @Override
    public DescribeTransactionsResult describeTransactions(Collection<String> transactionalIds,
                                                           DescribeTransactionsOptions options) {
        requests.increment();
        return transactions.describe(transactionalIds);
    }

    @Override
    public DescribeProducersResult describeProducers(Collection<TopicPartition> partitions,
                                                     DescribeProducersOptions options) {
        requests.increment();
        return transactions.describeProducers(partitions, options);
    }

    @Override
    public FenceProducersResult fenceProducers(Collection<String> transactionalIds, FenceProducersOptions options) {
        requests.increment();
        return transactions.fence(transactionalIds, options);
    }

    @Override
    public AbortTransactionResult abortTransaction(AbortTransactionSpec spec, AbortTransactionOptions options) {
        requests.increment();
        return transactions.abort(spec);
    }

    @Override
    public Uuid clientInstanceId(Duration timeout) {
        throw ClientTelemetry.notEnabled();
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return metrics.metrics();
    }

    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {
        ClientTelemetry.ignoreMetric(metric);
    }

    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {
        ClientTelemetry.ignoreMetric(metric);
    }

    @Override
    public TerminateTransactionResult forceTerminateTransaction(String transactionalId,
        TerminateTransactionOptions options) {
        requests.increment();
        return transactions.terminate(transactionalId, options);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            metrics.close();
            log.close();
        }
    }

    @Override
    public void close(Duration timeout) {
        close();
    }
}
