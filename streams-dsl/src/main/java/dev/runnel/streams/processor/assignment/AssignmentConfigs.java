package dev.runnel.streams.processor.assignment;

import dev.runnel.common.config.ConfigDef;
import dev.runnel.common.config.ConfigException;
import dev.runnel.streams.StreamsConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The configs that matter to task assignors, as the application set them. Runnel's built-in assignor uses only
 * {@code num.standby.replicas}; the others are passed on for custom assignors. Immutable.
 *
 * @param acceptableRecoveryLag       {@code acceptable.recovery.lag}
 * @param maxWarmupReplicas           {@code max.warmup.replicas}
 * @param numStandbyReplicas          {@code num.standby.replicas}
 * @param probingRebalanceIntervalMs  {@code probing.rebalance.interval.ms}
 * @param rackAwareAssignmentTags     {@code rack.aware.assignment.tags}
 * @param rackAwareTrafficCost        {@code rack.aware.assignment.traffic_cost}, if set
 * @param rackAwareNonOverlapCost     {@code rack.aware.assignment.non_overlap_cost}, if set
 * @param rackAwareAssignmentStrategy {@code rack.aware.assignment.strategy}
 */
public record AssignmentConfigs(long acceptableRecoveryLag, int maxWarmupReplicas, int numStandbyReplicas,
                                long probingRebalanceIntervalMs, List<String> rackAwareAssignmentTags,
                                OptionalInt rackAwareTrafficCost, OptionalInt rackAwareNonOverlapCost,
                                String rackAwareAssignmentStrategy) {
    /**
     * Checks each value as StreamsConfig checks its config, as Kafka Streams does (the costs go unchecked there too).
     *
     * @throws ConfigException naming the config of a value it would refuse
     */
    public AssignmentConfigs {
        rackAwareAssignmentTags = List.copyOf(rackAwareAssignmentTags);
        Objects.requireNonNull(rackAwareTrafficCost, "rackAwareTrafficCost");
        Objects.requireNonNull(rackAwareNonOverlapCost, "rackAwareNonOverlapCost");
        Objects.requireNonNull(rackAwareAssignmentStrategy, "rackAwareAssignmentStrategy");
        Map<String, ConfigDef.ConfigKey> keys = StreamsConfig.configDef().configKeys();
        validate(keys, StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG, acceptableRecoveryLag);
        validate(keys, StreamsConfig.MAX_WARMUP_REPLICAS_CONFIG, maxWarmupReplicas);
        validate(keys, StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, numStandbyReplicas);
        validate(keys, StreamsConfig.PROBING_REBALANCE_INTERVAL_MS_CONFIG, probingRebalanceIntervalMs);
        validate(keys, StreamsConfig.RACK_AWARE_ASSIGNMENT_TAGS_CONFIG, rackAwareAssignmentTags);
        validate(keys, StreamsConfig.RACK_AWARE_ASSIGNMENT_STRATEGY_CONFIG, rackAwareAssignmentStrategy);
    }

    /** Configs without the rack-aware costs, and the rack-aware strategy {@code none}, Kafka's default. */
    public AssignmentConfigs(Long acceptableRecoveryLag, Integer maxWarmupReplicas, Integer numStandbyReplicas,
        Long probingRebalanceIntervalMs, List<String> rackAwareAssignmentTags) {
        this(acceptableRecoveryLag, maxWarmupReplicas, numStandbyReplicas, probingRebalanceIntervalMs,
            rackAwareAssignmentTags, OptionalInt.empty(), OptionalInt.empty(),
            StreamsConfig.RACK_AWARE_ASSIGNMENT_STRATEGY_NONE);
    }

    /** Configs with both rack-aware costs set. */
    public AssignmentConfigs(long acceptableRecoveryLag, int maxWarmupReplicas, int numStandbyReplicas,
        long probingRebalanceIntervalMs, List<String> rackAwareAssignmentTags, int rackAwareTrafficCost,
        int rackAwareNonOverlapCost, String rackAwareAssignmentStrategy) {
        this(acceptableRecoveryLag, maxWarmupReplicas, numStandbyReplicas, probingRebalanceIntervalMs,
            rackAwareAssignmentTags, OptionalInt.of(rackAwareTrafficCost), OptionalInt.of(rackAwareNonOverlapCost),
            rackAwareAssignmentStrategy);
    }

    /** Returns the assignment configs of {@code configs}. */
    public static AssignmentConfigs of(StreamsConfig configs) {
        return new AssignmentConfigs(configs.getLong(StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG),
            configs.getInt(StreamsConfig.MAX_WARMUP_REPLICAS_CONFIG),
            configs.getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG),
            configs.getLong(StreamsConfig.PROBING_REBALANCE_INTERVAL_MS_CONFIG),
            configs.getList(StreamsConfig.RACK_AWARE_ASSIGNMENT_TAGS_CONFIG),
            optionalInt(configs.getInt(StreamsConfig.RACK_AWARE_ASSIGNMENT_TRAFFIC_COST_CONFIG)),
            optionalInt(configs.getInt(StreamsConfig.RACK_AWARE_ASSIGNMENT_NON_OVERLAP_COST_CONFIG)),
            configs.getString(StreamsConfig.RACK_AWARE_ASSIGNMENT_STRATEGY_CONFIG));
    }

    private static void validate(Map<String, ConfigDef.ConfigKey> keys, String config, Object value) {
        ConfigDef.Validator validator = keys.get(config).validator;
        if (validator != null) {
            validator.ensureValid(config, value);
        }
    }

    private static OptionalInt optionalInt(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }
}
