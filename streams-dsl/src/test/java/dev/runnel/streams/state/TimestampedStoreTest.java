package dev.runnel.streams.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.Topology;
import dev.runnel.streams.TopologyTestDriver;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.test.TestRecord;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The store layering (typed layer over change logging over the in-memory store) seen through the driver. */
class TimestampedStoreTest {
    @Test
    void shouldKeepTimestampsAndLogChangesWithThem() {
        Topology topology = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.Long().deserializer(), "input")
            .addProcessor("sum", () -> new ContextualProcessor<String, Long, Void, Void>() {
                private TimestampedKeyValueStore<String, Long> sums;

                @Override
                public void init(ProcessorContext<Void, Void> context) {
                    super.init(context);
                    sums = context.getStateStore("sums");
                }

                @Override
                public void process(Record<String, Long> record) {
                    Long sum = ValueAndTimestamp.getValueOrNull(sums.get(record.key()));
                    sums.put(record.key(), ValueAndTimestamp.make((sum == null ? 0 : sum) + record.value(),
                        record.timestamp()));
                }
            }, "source")
            .addStateStore(Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore("sums"),
                Serdes.String(), Serdes.Long()), "sum");
        Properties props = new Properties();
        props.put("application.id", "summer");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, Instant.EPOCH)) {
            var input = driver.createInputTopic("input", Serdes.String().serializer(), Serdes.Long().serializer());
            input.pipeInput("a", 2L, 100L);
            input.pipeInput("a", 3L, 250L);
            assertEquals(ValueAndTimestamp.make(5L, 250L),
                driver.<String, Long>getTimestampedKeyValueStore("sums").get("a"));
            assertEquals(5L, driver.<String, Long>getKeyValueStore("sums").get("a"));
            var changelog = driver.createOutputTopic("summer-sums-changelog", Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
            List<TestRecord<String, byte[]>> changes = changelog.readRecordsToList();
            assertEquals(List.of(100L, 250L), changes.stream().map(TestRecord::timestamp).toList());
            // Changelog values are the store's bytes: 8-byte timestamp, then the serialized value.
            assertEquals(16, changes.get(1).value().length);
        }
    }
}
