package dev.runnel.clients.consumer;

import static dev.runnel.clients.consumer.ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.GROUP_INSTANCE_ID_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG;

import dev.runnel.common.config.internals.ConfigReader;
import dev.runnel.common.config.ConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A consumer's validated group settings; {@code groupId} is null for a consumer without a group. */
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

    static GroupSettings parse(ConfigReader config) {
        String groupId = config.string(GROUP_ID_CONFIG, null);
        config.oneOf(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic", Set.of("classic", "consumer"));
        boolean autoCommitSet = config.raw(ENABLE_AUTO_COMMIT_CONFIG) != null;
        boolean autoCommit = config.bool(ENABLE_AUTO_COMMIT_CONFIG, true);
        if (groupId == null && autoCommitSet && autoCommit) {
            throw new ConfigException(ENABLE_AUTO_COMMIT_CONFIG + " cannot be set to true when default "
                + "group id (null) is used.");
        }
        int sessionTimeoutMs = config.intValue(SESSION_TIMEOUT_MS_CONFIG, ConsumerConfig.DEFAULT_SESSION_TIMEOUT_MS,
            1, Integer.MAX_VALUE);
        int heartbeatIntervalMs = config.intValue(HEARTBEAT_INTERVAL_MS_CONFIG,
            Math.min(ConsumerConfig.DEFAULT_HEARTBEAT_INTERVAL_MS, Math.max(1, sessionTimeoutMs / 3)), 1,
            Integer.MAX_VALUE);
        if (heartbeatIntervalMs >= sessionTimeoutMs) {
            throw ConfigReader.invalid(HEARTBEAT_INTERVAL_MS_CONFIG, heartbeatIntervalMs, "less than "
                + SESSION_TIMEOUT_MS_CONFIG + " (" + sessionTimeoutMs + ")");
        }
        String instanceId = config.string(GROUP_INSTANCE_ID_CONFIG, null);
        return new GroupSettings(groupId, Optional.ofNullable(instanceId).filter(s -> !s.isEmpty()), sessionTimeoutMs,
            heartbeatIntervalMs,
            config.intValue(MAX_POLL_INTERVAL_MS_CONFIG, ConsumerConfig.DEFAULT_MAX_POLL_INTERVAL_MS, 1,
                Integer.MAX_VALUE),
            assignors(config.raw(PARTITION_ASSIGNMENT_STRATEGY_CONFIG)),
            groupId != null && autoCommit,
            config.intValue(AUTO_COMMIT_INTERVAL_MS_CONFIG, ConsumerConfig.DEFAULT_AUTO_COMMIT_INTERVAL_MS, 0,
                Integer.MAX_VALUE));
    }

    /** Kafka 4's default is {@code [RangeAssignor, CooperativeStickyAssignor]}, so groups use range. */
    static List<ConsumerPartitionAssignor> assignors(Object raw) {
        if (raw == null) {
            return List.of(new RangeAssignor(), new CooperativeStickyAssignor());
        }
        Collection<?> items = raw instanceof Collection<?> c ? c
            : Arrays.stream(raw.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<ConsumerPartitionAssignor> assignors = new ArrayList<>();
        for (Object item : items) {
            assignors.add(assignor(item));
        }
        if (assignors.isEmpty()) {
            throw ConfigReader.invalid(PARTITION_ASSIGNMENT_STRATEGY_CONFIG, raw, "at least one assignor");
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
                throw ConfigReader.invalid(PARTITION_ASSIGNMENT_STRATEGY_CONFIG, item, VALID_ASSIGNORS);
            }
            return (ConsumerPartitionAssignor) cls.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw ConfigReader.invalid(PARTITION_ASSIGNMENT_STRATEGY_CONFIG, item, VALID_ASSIGNORS + " (" + e + ")");
        }
    }
}
