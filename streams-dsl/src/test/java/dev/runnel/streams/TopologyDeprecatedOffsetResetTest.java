package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.processor.WallclockTimestampExtractor;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each deprecated Topology.addSource(Topology.AutoOffsetReset, ...) sets its source's reset policy, as in Kafka. */
@SuppressWarnings("deprecation")
class TopologyDeprecatedOffsetResetTest {
    @Test
    void shouldSetTheResetPolicyThroughEveryDeprecatedOverload() {
        Topology topology = new Topology();
        Topology.AutoOffsetReset latest = Topology.AutoOffsetReset.LATEST;
        Topology.AutoOffsetReset earliest = Topology.AutoOffsetReset.EARLIEST;
        WallclockTimestampExtractor extractor = new WallclockTimestampExtractor();
        topology.addSource(latest, extractor, "s1", "t1")
            .addSource(earliest, extractor, "s2", Pattern.compile("p2-.*"))
            .addSource(latest, "s3", Serdes.String().deserializer(), Serdes.String().deserializer(), "t3")
            .addSource(earliest, "s4", Serdes.String().deserializer(), Serdes.String().deserializer(),
                Pattern.compile("p4-.*"))
            .addSource(latest, "s5", extractor, Serdes.String().deserializer(), Serdes.String().deserializer(), "t5")
            .addSource(earliest, "s6", extractor, Serdes.String().deserializer(), Serdes.String().deserializer(),
                Pattern.compile("p6-.*"));
        InternalTopologyBuilder internal = topology.internalTopologyBuilder();
        internal.setApplicationId("app");
        assertEquals(Optional.of(AutoOffsetReset.latest()), internal.offsetResetPolicy("t1"));
        assertEquals(Optional.of(AutoOffsetReset.earliest()), internal.offsetResetPolicy("p2-a"));
        assertEquals(Optional.of(AutoOffsetReset.latest()), internal.offsetResetPolicy("t3"));
        assertEquals(Optional.of(AutoOffsetReset.earliest()), internal.offsetResetPolicy("p4-a"));
        assertEquals(Optional.of(AutoOffsetReset.latest()), internal.offsetResetPolicy("t5"));
        assertEquals(Optional.of(AutoOffsetReset.earliest()), internal.offsetResetPolicy("p6-a"));
    }
}
