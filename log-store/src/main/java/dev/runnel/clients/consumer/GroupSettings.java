package dev.runnel.clients.consumer;

import static dev.runnel.clients.consumer.ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.GROUP_INSTANCE_ID_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG;

import dev.runnel.common.KafkaException;
import dev.runnel.common.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A consumer's group settings, read from its {@link ConsumerConfig}; {@code groupId} is null for a consumer without a
 * group.
 */
record GroupSettings(String groupId, Optional<String> groupInstanceId, int sessionTimeoutMs, int heartbeatIntervalMs,
                     int maxPollIntervalMs, List<ConsumerPartitionAssignor> assignors, boolean autoCommit,
                     int autoCommitIntervalMs) {
    /** Names and class names accepted for the built-in assignors. */
    private static final Map<String, Class<? extends ConsumerPartitionAssignor>> BUILT_IN = Map.of(
        RangeAssignor.RANGE_ASSIGNOR_NAME, RangeAssignor.class,
        RoundRobinAssignor.ROUNDROBIN_ASSIGNOR_NAME, RoundRobinAssignor.class,
        "round-robin", RoundRobinAssignor.class,
        StickyAssignor.STICKY_ASSIGNOR_NAME, StickyAssignor.class,
        CooperativeStickyAssignor.COOPERATIVE_STICKY_ASSIGNOR_NAME, CooperativeStickyAssignor.class,
        "org.apache.kafka.clients.consumer.RangeAssignor", RangeAssignor.class,
        "org.apache.kafka.clients.consumer.RoundRobinAssignor", RoundRobinAssignor.class,
        "org.apache.kafka.clients.consumer.StickyAssignor", StickyAssignor.class,
        "org.apache.kafka.clients.consumer.CooperativeStickyAssignor", CooperativeStickyAssignor.class);
    /** What a {@code partition.assignment.strategy} item may be, for error messages. */
    private static final String VALID_ASSIGNORS = "range, roundrobin, sticky, cooperative-sticky or a class "
        + "implementing " + ConsumerPartitionAssignor.class.getName();

    static GroupSettings of(ConsumerConfig config) {
        int sessionTimeoutMs = config.getInt(SESSION_TIMEOUT_MS_CONFIG);
        // Unset, the interval shrinks to a third of a short session, so that a short session alone is valid.
        int heartbeatIntervalMs = config.originals().containsKey(HEARTBEAT_INTERVAL_MS_CONFIG)
            ? config.getInt(HEARTBEAT_INTERVAL_MS_CONFIG)
            : Math.min(ConsumerConfig.DEFAULT_HEARTBEAT_INTERVAL_MS, Math.max(1, sessionTimeoutMs / 3));
        String groupId = config.getString(GROUP_ID_CONFIG);
        if (groupId != null && heartbeatIntervalMs >= sessionTimeoutMs) {
            // Kafka's words, and like Kafka's a failure of the consumer's construction rather than of its configs.
            throw new KafkaException("Failed to construct kafka consumer",
                new IllegalArgumentException("Heartbeat must be set lower than the session timeout"));
        }
        return new GroupSettings(groupId, Optional.ofNullable(config.getString(GROUP_INSTANCE_ID_CONFIG)),
            sessionTimeoutMs, heartbeatIntervalMs, config.getInt(MAX_POLL_INTERVAL_MS_CONFIG),
            assignors(config.getList(PARTITION_ASSIGNMENT_STRATEGY_CONFIG)),
            groupId != null && config.getBoolean(ENABLE_AUTO_COMMIT_CONFIG),
            config.getInt(AUTO_COMMIT_INTERVAL_MS_CONFIG));
    }

    /**
     * The assignors listed, in order: names or classes, as in Kafka (whose default is {@code [RangeAssignor,
     * CooperativeStickyAssignor]}), or instances, as Runnel's streams runtime passes its assignor.
     */
    static List<ConsumerPartitionAssignor> assignors(List<?> items) {
        List<ConsumerPartitionAssignor> assignors = new ArrayList<>();
        for (Object item : items) {
            assignors.add(assignor(item));
        }
        if (assignors.isEmpty()) {
            throw new ConfigException(PARTITION_ASSIGNMENT_STRATEGY_CONFIG, items, "give at least one assignor");
        }
        return List.copyOf(assignors);
    }

    private static ConsumerPartitionAssignor assignor(Object item) {
        if (item instanceof ConsumerPartitionAssignor assignor) {
            return assignor;
        }
        Class<?> cls = item instanceof Class<?> c ? c : BUILT_IN.get(item.toString().trim());
        try {
            if (cls == null) {
                cls = Class.forName(item.toString().trim(), true, Thread.currentThread().getContextClassLoader());
            }
            if (!ConsumerPartitionAssignor.class.isAssignableFrom(cls)) {
                throw new ConfigException(PARTITION_ASSIGNMENT_STRATEGY_CONFIG, item,
                    "valid values are " + VALID_ASSIGNORS);
            }
            return (ConsumerPartitionAssignor) cls.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new ConfigException(PARTITION_ASSIGNMENT_STRATEGY_CONFIG, item,
                "valid values are " + VALID_ASSIGNORS + " (" + e + ")");
        }
    }
}
