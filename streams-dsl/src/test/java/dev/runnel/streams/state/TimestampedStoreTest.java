package dev.runnel.streams.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.Topology;
import dev.runnel.streams.TopologyTestDriver;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.test.TestRecord;
import java.time.Duration;
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
                Serdes.Long().deserializer());
            List<TestRecord<String, Long>> changes = changelog.readRecordsToList();
            // As in Kafka Streams: the serialized value alone, its timestamp as the record's.
            assertEquals(List.of(100L, 250L), changes.stream().map(TestRecord::timestamp).toList());
            assertEquals(List.of(2L, 5L), changes.stream().map(TestRecord::value).toList());
        }
    }

    @Test
    void shouldGiveBuiltInStoresThroughTheTypedGettersOnly() {
        Topology topology = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("noop", () -> new ContextualProcessor<String, String, Void, Void>() {
                @Override
                public void process(Record<String, String> record) {
                }
            }, "source")
            .addStateStore(Stores.timestampedWindowStoreBuilder(Stores.inMemoryWindowStore("windows",
                Duration.ofMillis(100), Duration.ofMillis(10), false), Serdes.String(), Serdes.String()), "noop");
        Properties props = new Properties();
        props.put("application.id", "typed");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, Instant.EPOCH)) {
            assertThrows(IllegalArgumentException.class, () -> driver.getStateStore("windows"));
            driver.<String, String>getWindowStore("windows").put("a", "v", 20L);
            assertEquals("v", driver.<String, String>getTimestampedWindowStore("windows").fetch("a", 20L).value());
            IllegalArgumentException far = assertThrows(IllegalArgumentException.class,
                () -> driver.<String, String>getWindowStore("windows").fetch("a", Instant.EPOCH, Instant.MAX));
            assertEquals("Invalid value for parameter \"timeTo\" (value was: " + Instant.MAX + "). It can't be"
                + " converted to milliseconds.", far.getMessage());
        }
    }

    @Test
    void shouldRejectDurationsTooLongForMilliseconds() {
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
        assertThrows(IllegalArgumentException.class,
            () -> Stores.inMemoryWindowStore("w", forever, Duration.ofMillis(1), false));
        assertThrows(IllegalArgumentException.class, () -> Stores.inMemorySessionStore("s", forever));
    }

    @Test
    void shouldEvictTheLeastRecentlyUsedEntryOfAnLruMapAndLogItsDeletion() {
        Topology topology = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("remember", () -> new ContextualProcessor<String, String, Void, Void>() {
                private KeyValueStore<String, String> recent;

                @Override
                public void init(ProcessorContext<Void, Void> context) {
                    super.init(context);
                    recent = context.getStateStore("recent");
                }

                @Override
                public void process(Record<String, String> record) {
                    recent.get("a"); // a is read on every record: the least recently used is another key
                    recent.put(record.key(), record.value());
                }
            }, "source")
            .addStateStore(Stores.keyValueStoreBuilder(Stores.lruMap("recent", 2), Serdes.String(), Serdes.String()),
                "remember");
        Properties props = new Properties();
        props.put("application.id", "lru");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, Instant.EPOCH)) {
            var input = driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer());
            input.pipeInput("a", "1");
            input.pipeInput("b", "2");
            input.pipeInput("c", "3");
            KeyValueStore<String, String> recent = driver.getKeyValueStore("recent");
            assertEquals(2, recent.approximateNumEntries());
            assertEquals("1", recent.get("a"));
            assertEquals(null, recent.get("b"), "b was the least recently used");
            var changelog = driver.createOutputTopic("lru-recent-changelog", Serdes.String().deserializer(),
                Serdes.String().deserializer());
            assertEquals(List.of("a=1", "b=2", "b=null", "c=3"), changelog.readKeyValuesToList().stream()
                .map(change -> change.key + "=" + change.value).toList());
        }
        assertThrows(IllegalArgumentException.class, () -> Stores.lruMap("negative", -1));
    }
}
