package dev.runnel.streams.internal.runtime;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.NewTopic;
import dev.runnel.clients.admin.TopicDescription;
import dev.runnel.common.config.TopicConfig;
import dev.runnel.common.errors.TopicExistsException;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.state.StoreBuilder;
import java.lang.reflect.Method;
import java.util.ArrayList;
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
 * ({@code <application.id>-<name>-repartition}, delete policy) and changelogs ({@code <application.id>-<store>-changelog};
 * compacted for key-value stores, {@code compact,delete} with {@code retention.ms} = store retention + 1 day for
 * window and session stores). Partition counts come from {@link TopologyMetadata#resolvePartitions}, which also checks
 * co-partitioning. An existing internal topic with another partition count is an error. Not thread-safe; used once.
 */
public final class InternalTopicManager {
    /** Extra changelog retention of windowed stores beyond the store's own, as Kafka Streams adds. */
    static final long WINDOWED_CHANGELOG_ADDITIONAL_RETENTION_MS = 24 * 60 * 60 * 1000L;
    private static final Logger LOG = LoggerFactory.getLogger(InternalTopicManager.class);

    private final StreamsConfig config;

    public InternalTopicManager(StreamsConfig config) {
        this.config = config;
    }

    /** Resolves partition counts, checks co-partitioning and creates the missing internal topics. */
    public void setup(TopologyMetadata metadata) {
        try (Admin admin = Admin.create(adminConfigs())) {
            Map<String, TopicDescription> existing = describe(admin);
            Map<String, Integer> counts = metadata.resolvePartitions(topic -> existing.containsKey(topic)
                ? existing.get(topic).partitions().size() : -1);
            Map<String, Map<String, String>> wanted = new LinkedHashMap<>();
            for (String topic : metadata.internalTopics()) {
                wanted.put(topic, repartitionConfig());
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

    private Map<String, Object> adminConfigs() {
        Map<String, Object> configs = new HashMap<>();
        Object logDir = config.originals().get(StreamsConfig.LOG_DIR_CONFIG);
        if (logDir != null) {
            configs.put(StreamsConfig.LOG_DIR_CONFIG, logDir);
        }
        configs.putAll(config.originalsWithPrefix(StreamsConfig.ADMIN_CLIENT_PREFIX));
        return configs;
    }

    private Map<String, String> repartitionConfig() {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        configs.putAll(topicOverrides());
        return configs;
    }

    /** Returns the changelog config of a store: its logConfig over the application's {@code topic.} configs. */
    Map<String, String> changelogConfig(StoreBuilder<?> store) {
        Map<String, String> configs = new HashMap<>();
        long retentionMs = retentionPeriod(store);
        if (retentionMs >= 0) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + ","
                + TopicConfig.CLEANUP_POLICY_DELETE);
            configs.put(TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(retentionMs + WINDOWED_CHANGELOG_ADDITIONAL_RETENTION_MS));
        } else {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        configs.putAll(topicOverrides());
        configs.putAll(store.logConfig());
        return configs;
    }

    /**
     * Returns a windowed store's retention in ms, or -1 for a key-value store. Window and session store builders
     * expose {@code retentionPeriod()}, as Kafka's do.
     */
    static long retentionPeriod(StoreBuilder<?> store) {
        try {
            Method method = store.getClass().getMethod("retentionPeriod");
            Object value = method.invoke(store);
            return value instanceof Number number ? number.longValue() : -1L;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1L;
        }
    }

    private Map<String, String> topicOverrides() {
        Map<String, String> overrides = new HashMap<>();
        for (Map.Entry<String, Object> entry : config.originalsWithPrefix(StreamsConfig.TOPIC_PREFIX).entrySet()) {
            overrides.put(entry.getKey(), String.valueOf(entry.getValue()));
        }
        return overrides;
    }
}
