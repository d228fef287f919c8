package dev.runnel.streams.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Failure reasons come in Kafka Streams' order, so ordinals, comparisons and EnumMap iteration match. */
class FailureReasonTest {
    @Test
    void shouldDeclareTheReasonsInKafkasOrder() {
        assertEquals(List.of(FailureReason.UNKNOWN_QUERY_TYPE, FailureReason.NOT_ACTIVE, FailureReason.NOT_UP_TO_BOUND,
            FailureReason.NOT_PRESENT, FailureReason.DOES_NOT_EXIST, FailureReason.STORE_EXCEPTION),
            List.of(FailureReason.values()));
    }
}
