package dev.runnel.streams.processor.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.config.ConfigException;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** AssignmentConfigs' shorter constructors, as a custom assignor's tests written for Kafka Streams call them. */
class AssignmentConfigsTest {
    @Test
    void shouldLeaveTheRackAwareConfigsUnsetOrTakeThemAsGiven() {
        // Without rack-aware configs: no costs and the strategy "none", Kafka's default.
        assertEquals(new AssignmentConfigs(100L, 2, 1, 600_000L, List.of("zone"), OptionalInt.empty(),
            OptionalInt.empty(), "none"), new AssignmentConfigs(100L, 2, 1, 600_000L, List.of("zone")));
        assertEquals(new AssignmentConfigs(100L, 2, 1, 600_000L, List.of(), OptionalInt.of(3), OptionalInt.of(4),
            "min_traffic"), new AssignmentConfigs(100L, 2, 1, 600_000L, List.of(), 3, 4, "min_traffic"));
    }

    /** As in Kafka Streams, each value is checked as StreamsConfig checks its config (the costs are not checked). */
    @Test
    void shouldRefuseValuesTheirConfigsRefuse() {
        assertEquals("Invalid value -1 for configuration acceptable.recovery.lag: Value must be at least 0",
            refusal(() -> new AssignmentConfigs(-1L, 2, 1, 600_000L, List.of())));
        assertEquals("Invalid value 0 for configuration max.warmup.replicas: Value must be at least 1",
            refusal(() -> new AssignmentConfigs(1L, 0, 1, 600_000L, List.of())));
        assertEquals("Invalid value -1 for configuration num.standby.replicas: Value must be at least 0",
            refusal(() -> new AssignmentConfigs(1L, 2, -1, 600_000L, List.of())));
        assertEquals("Invalid value 1 for configuration probing.rebalance.interval.ms: Value must be at least 60000",
            refusal(() -> new AssignmentConfigs(1L, 2, 1, 1L, List.of())));
        assertEquals("Invalid value bogus for configuration rack.aware.assignment.strategy: String must be one of:"
            + " none, min_traffic, balance_subtopology",
            refusal(() -> new AssignmentConfigs(1L, 2, 1, 600_000L, List.of(), 1, 2, "bogus")));
        assertEquals(OptionalInt.of(-1),
            new AssignmentConfigs(1L, 2, 1, 600_000L, List.of(), -1, 2, "min_traffic").rackAwareTrafficCost());
    }

    private static String refusal(Executable configs) {
        return assertThrows(ConfigException.class, configs).getMessage();
    }
}
