package dev.runnel.streams.internal.runtime;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.NewTopic;
import dev.runnel.clients.admin.OffsetSpec;
import dev.runnel.clients.admin.TopicDescription;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.config.TopicConfig;
import dev.runnel.common.errors.TopicExistsException;
import dev.runnel.streams.KafkaClientSupplier;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.internal.graph.InternalTopicConfig;
import dev.runnel.streams.internal.state.DslStoreBuilder;
import dev.runnel.streams.internal.state.SessionStoreBuilder;
import dev.runnel.streams.internal.state.SessionStoreWithHeadersBuilder;
import dev.runnel.streams.internal.state.TypedWindowStoreBuilder;
import dev.runnel.streams.internal.state.VersionedKeyValueStoreBuilder;
import dev.runnel.streams.internal.state.WindowStoreBuilder;
import dev.runnel.streams.state.StoreBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates an application's internal topics at start, through the admin client: repartition topics
 * ({@code <application.id>-<name>-repartition}, delete policy) and changelogs
 * ({@code <application.id>-<store>-changelog}; compacted for key-value stores, {@code compact,delete} with
 * {@code retention.ms} = store retention + {@code windowstore.changelog.additional.retention.ms} (default 1 day)
 * for window and session stores; compacted with {@code min.compaction.lag.ms} = history retention + 1 day for
 * versioned stores). Partition counts come from {@link TopologyMetadata#resolvePartitions}, which also checks
 * co-partitioning. An existing internal topic with another partition count is an error. Also reads internal topics'
 * end offsets, for lag reporting. Thread-safe: each call opens its own admin client, from the application's
 * {@link KafkaClientSupplier}.
 */
public final class InternalTopicManager {
    private static final Logger LOG = LoggerFactory.getLogger(InternalTopicManager.class);

    private final StreamsConfig config;
    private final KafkaClientSupplier clients;
    private final String adminClientId;

    /** Creates the manager; it opens admin clients from {@code clients}, named {@code adminClientId}. */
    public InternalTopicManager(StreamsConfig config, KafkaClientSupplier clients, String adminClientId) {
        this.config = config;
        this.clients = clients;
        this.adminClientId = adminClientId;
    }

    /** Returns the id of a Streams client's admin client, {@code <client.id>-admin}, as Kafka Streams names it. */
    public static String adminClientId(String clientId) {
        return clientId + "-admin";
    }

    /** Resolves partition counts, checks co-partitioning and creates the missing internal topics. */
    public void setup(TopologyMetadata metadata) {
        try (Admin admin = clients.getAdmin(config.getAdminConfigs(adminClientId))) {
            Map<String, TopicDescription> existing = describe(admin);
            Map<String, Integer> existingCounts = new HashMap<>();
            existing.forEach((name, description) -> existingCounts.put(name, description.partitions().size()));
            Map<String, Integer> counts = metadata.resolvePartitions(existingCounts);
            Map<String, Map<String, String>> wanted = new LinkedHashMap<>();
            for (InternalTopicConfig topic : metadata.repartitionTopics().values()) {
                Map<String, String> configs = new HashMap<>(topic.configs());
                configs.putAll(topicOverrides());
                wanted.put(topic.name(), configs);
            }
            for (TopologyMetadata.Subtopology subtopology : metadata.subtopologies().values()) {
                for (Map.Entry<String, StoreBuilder<?>> store : subtopology.loggedStores().entrySet()) {
                    wanted.put(metadata.changelogTopic(store.getKey()), changelogConfig(store.getValue()));
                }
            }
            List<NewTopic> toCreate = new ArrayList<>();
            for (Map.Entry<String, Map<String, String>> topic : wanted.entrySet()) {
                int partitions = counts.get(topic.getKey());
                TopicDescription description = existing.get(topic.getKey());
                if (description == null) {
                    toCreate.add(new NewTopic(topic.getKey(), Optional.of(partitions), Optional.empty())
                        .configs(topic.getValue()));
                } else if (description.partitions().size() != partitions) {
                    throw new StreamsException("Internal topic " + topic.getKey() + " has "
                        + description.partitions().size() + " partitions, expected " + partitions + "; delete it"
                        + " (and reset the application) or restore the source topics' partition counts");
                }
            }
            create(admin, toCreate);
        }
    }

    /** Reads the end offsets of {@code partitions} (internal topics of a started application); any thread. */
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        try (Admin admin = clients.getAdmin(config.getAdminConfigs(adminClientId))) {
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamsException("Interrupted while reading the end offsets of " + partitions, e);
        } catch (ExecutionException e) {
            throw new StreamsException("Could not read the end offsets of " + partitions + ": " + e.getCause(),
                e.getCause());
        }
    }

    private Map<String, TopicDescription> describe(Admin admin) {
        try {
            Set<String> names = admin.listTopics().names().get();
            return names.isEmpty() ? Map.of() : admin.describeTopics(names).allTopicNames().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamsException("Interrupted while listing topics", e);
        } catch (ExecutionException e) {
            throw new StreamsException("Could not list topics: " + e.getCause(), e.getCause());
        }
    }

    private void create(Admin admin, List<NewTopic> topics) {
        if (topics.isEmpty()) {
            return;
        }
        for (Map.Entry<String, dev.runnel.common.KafkaFuture<Void>> result
            : admin.createTopics(topics).values().entrySet()) {
            try {
                result.getValue().get();
                LOG.info("Created internal topic {}", result.getKey());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StreamsException("Interrupted while creating internal topics", e);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new StreamsException("Could not create internal topic " + result.getKey() + ": "
                        + e.getCause(), e.getCause());
                }
            }
        }
    }

    /**
     * Returns the changelog config of a store: its logConfig over the application's {@code topic.} configs, over
     * Kafka Streams' defaults for its kind of store (every changelog keeps the records' CreateTime).
     */
    Map<String, String> changelogConfig(StoreBuilder<?> store) {
        Map<String, String> configs = new HashMap<>(topicOverrides());
        configs.putAll(store.logConfig());
        configs.putIfAbsent(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime");
        long retentionMs = retentionPeriod(store);
        if (retentionMs >= 0) {
            return WindowStoreBuilder.changelogTopicConfig(configs, retentionMs,
                config.getLong(StreamsConfig.WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG));
        }
        if (store instanceof VersionedKeyValueStoreBuilder<?, ?> versioned) {
            return VersionedKeyValueStoreBuilder.changelogTopicConfig(configs, versioned.historyRetentionMs());
        }
        configs.putIfAbsent(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        return configs;
    }

    /** Returns a window or session store's retention in ms, or -1 for a key-value store. */
    static long retentionPeriod(StoreBuilder<?> store) {
        if (store instanceof DslStoreBuilder dsl) {
            return retentionPeriod(dsl.chosen());
        } else if (store instanceof WindowStoreBuilder<?, ?> window) {
            return window.supplier().retentionPeriod();
        } else if (store instanceof TypedWindowStoreBuilder<?, ?, ?> window) {
            return window.supplier().retentionPeriod();
        } else if (store instanceof SessionStoreBuilder<?, ?> session) {
            return session.supplier().retentionPeriod();
        } else if (store instanceof SessionStoreWithHeadersBuilder<?, ?> session) {
            return session.supplier().retentionPeriod();
        }
        return -1L;
    }

    private Map<String, String> topicOverrides() {
        Map<String, String> overrides = new HashMap<>();
        for (Map.Entry<String, Object> entry : config.originalsWithPrefix(StreamsConfig.TOPIC_PREFIX).entrySet()) {
            overrides.put(entry.getKey(), String.valueOf(entry.getValue()));
        }
        return overrides;
    }
}
