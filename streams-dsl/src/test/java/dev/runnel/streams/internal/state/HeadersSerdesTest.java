package dev.runnel.streams.internal.state;

import static dev.runnel.streams.integration.HeadersStoreTopology.expectedBytes;
import static dev.runnel.streams.integration.HeadersStoreTopology.traceHeaders;
import static dev.runnel.streams.integration.HeadersWindowedStoresTopology.expectedSessionBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.state.AggregationWithHeaders;
import dev.runnel.streams.state.ValueTimestampHeaders;
import org.junit.jupiter.api.Test;

/** The KIP-1271 store value layouts, byte by byte, as the headers-aware stores keep them. */
class HeadersSerdesTest {
    @Test
    void shouldStoreTheHeadersPrefixThenTheTimestampAndTheValue() {
        ValueTimestampHeadersSerde<String> serde = new ValueTimestampHeadersSerde<>(Serdes.String());
        byte[] bytes = serde.serializer().serialize("t", ValueTimestampHeaders.make("v1", 1_000L, traceHeaders("t1")));
        assertArrayEquals(expectedBytes("t1", 1_000L, "v1"), bytes);
        assertEquals(ValueTimestampHeaders.make("v1", 1_000L, traceHeaders("t1")),
            serde.deserializer().deserialize("t", bytes));
    }

    @Test
    void shouldStoreTheHeadersPrefixThenTheAggregate() {
        AggregationWithHeadersSerde<String> serde = new AggregationWithHeadersSerde<>(Serdes.String());
        byte[] bytes = serde.serializer().serialize("t", AggregationWithHeaders.make("v1", traceHeaders("t1")));
        assertArrayEquals(expectedSessionBytes("t1", "v1"), bytes);
        assertEquals(AggregationWithHeaders.make("v1", traceHeaders("t1")),
            serde.deserializer().deserialize("t", bytes));
    }
}
