package dev.runnel.streams.processor.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

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
}
