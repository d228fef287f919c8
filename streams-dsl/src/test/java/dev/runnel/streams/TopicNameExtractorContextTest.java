package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.processor.TopicNameExtractor;
import dev.runnel.streams.state.KeyValueStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The record context a {@link TopicNameExtractor} gets: the input record's position and its bytes as read, which
 * records a record cache forwards when it is flushed do not have (as in Kafka Streams).
 */
class TopicNameExtractorContextTest {
    private static final Produced<String, String> STRINGS = Produced.with(Serdes.String(), Serdes.String());

    @Test
    void shouldGiveTheInputRecordsBytesAndPositionNotTheForwardedRecord() {
        List<String> seen = new ArrayList<>();
        TopicNameExtractor<String, String> byRawValue = (key, value, context) -> {
            seen.add(context.topic() + "-" + context.partition() + "@" + context.offset() + " key "
                + new String(context.sourceRawKey(), StandardCharsets.UTF_8));
            return "out-" + new String(context.sourceRawValue(), StandardCharsets.UTF_8);
        };
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .selectKey((key, value) -> key + "!")
            .mapValues(value -> value.toUpperCase())
            .to(byRawValue, STRINGS);
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", Serdes.String().serializer(),
                Serdes.String().serializer());
            in.pipeInput("k1", "red");
            in.pipeInput("k2", "blue");
            assertEquals(List.of(KeyValue.pair("k1!", "RED")), driver.createOutputTopic("out-red",
                Serdes.String().deserializer(), Serdes.String().deserializer()).readKeyValuesToList());
            assertEquals(List.of(KeyValue.pair("k2!", "BLUE")), driver.createOutputTopic("out-blue",
                Serdes.String().deserializer(), Serdes.String().deserializer()).readKeyValuesToList());
        }
        assertEquals(List.of("in-0@0 key k1", "in-0@1 key k2"), seen);
    }

    @Test
    void shouldGiveNoInputBytesForRecordsTheCacheForwardsWhenFlushed() {
        assertEquals(List.of("flushed:k=v1", "flushed:k=v2"), routedTableUpdates(true, 1024 * 1024),
            "flushed on commit");
        assertEquals(List.of("flushed:k=v1", "flushed:k=v2"), routedTableUpdates(true, 1),
            "written down while the input record is processed, because the cache is full");
        assertEquals(List.of("direct:k=v1", "direct:k=v2"), routedTableUpdates(false, 1024 * 1024));
    }

    /**
     * Pipes two updates of one key through a table, cached or not in a cache of {@code cacheBytes}, and returns how
     * the extractor routed them.
     */
    private static List<String> routedTableUpdates(boolean caching, long cacheBytes) {
        TopicNameExtractor<String, String> bySource = (key, value, context) ->
            context.sourceRawKey() == null && context.sourceRawValue() == null ? "flushed" : "direct";
        Materialized<String, String, KeyValueStore<Bytes, byte[]>> store = Materialized.as("table");
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("in", Consumed.with(Serdes.String(), Serdes.String()),
                caching ? store.withCachingEnabled() : store.withCachingDisabled())
            .toStream()
            .to(bySource, STRINGS);
        List<String> routed = new ArrayList<>();
        Properties props = new Properties();
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheBytes);
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", Serdes.String().serializer(),
                Serdes.String().serializer());
            // The driver commits, and so flushes the cache, after each input record, as Kafka's does.
            in.pipeKeyValueList(List.of(KeyValue.pair("k", "v1"), KeyValue.pair("k", "v2")));
            for (String topic : List.of("flushed", "direct")) {
                driver.createOutputTopic(topic, Serdes.String().deserializer(), Serdes.String().deserializer())
                    .readKeyValuesToList().forEach(kv -> routed.add(topic + ":" + kv.key + "=" + kv.value));
            }
        }
        return routed;
    }
}
