package dev.runnel.streams;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.header.Headers;
import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.metrics.Sensor;
import dev.runnel.common.utils.ManualTime;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.internal.metrics.StreamsMetricsRegistry;
import dev.runnel.streams.internal.runtime.RecordCollector;
import dev.runnel.streams.internal.runtime.StreamTask;
import dev.runnel.streams.internal.state.ThreadCache;
import dev.runnel.streams.processor.TaskId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Drives the one task of a single-partition topology by hand, as a stream thread does: records go to topic
 * {@code words} (String keys and values), a commit flushes the stores, and what reaches a topic named
 * {@code *-out} is kept as "key=value", the key a String and the value a Long. Not thread-safe.
 */
final class TaskDriver {
    private final StreamTask task;
    private final Map<String, List<String>> outputs = new HashMap<>();
    private long offset;

    /** Starts the task of {@code builder}'s topology with {@code cache} as its thread cache (null: none). */
    TaskDriver(StreamsBuilder builder, ThreadCache cache) {
        this(builder, cache, StreamsConfig.DSL_STORE_FORMAT_DEFAULT);
    }

    /** As {@link #TaskDriver(StreamsBuilder, ThreadCache)}, with the DSL's stores in {@code dslStoreFormat}. */
    TaskDriver(StreamsBuilder builder, ThreadCache cache, String dslStoreFormat) {
        InternalTopologyBuilder internal = builder.build().internalTopologyBuilder();
        internal.setApplicationId("cache-test");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "cache-test");
        props.put(StreamsConfig.DSL_STORE_FORMAT_CONFIG, dslStoreFormat);
        StreamsConfig config = new StreamsConfig(props);
        internal.dslStoreChoice().configure(config);
        ManualTime time = new ManualTime(0L);
        task = new StreamTask(new TaskId(0, 0), internal.buildSubtopology(0), config, time,
            new CapturingCollector(), name -> null,
            new StreamsMetricsRegistry(time, Sensor.RecordingLevel.INFO, false).streamsMetrics());
        task.setThreadCache(cache);
        task.initializeStateStores();
        task.initializeTopology();
    }

    /** Processes one record per key, at timestamps 1000 + its offset. */
    void pipe(String... keys) {
        for (String key : keys) {
            pipe(key, 1_000L + offset);
        }
    }

    /** Processes the record {@code key} (its value too) at {@code timestamp}. */
    void pipe(String key, long timestamp) {
        byte[] raw = key.getBytes(StandardCharsets.UTF_8);
        task.addRecords(new TopicPartition("words", 0), List.of(new ConsumerRecord<>("words", 0, offset++,
            timestamp, TimestampType.CREATE_TIME, raw.length, raw.length, raw, raw, new RecordHeaders(),
            Optional.empty())));
        while (task.process(0L)) {
            task.maybePunctuateStreamTime();
        }
    }

    /** Commits: flushes the stores, so the record caches forward what they write down. */
    void commit() {
        task.prepareCommit();
    }

    /** Returns what reached {@code topic} so far, as "key=value" (a live list). */
    List<String> outputs(String topic) {
        return outputs.computeIfAbsent(topic, any -> new ArrayList<>());
    }

    void close() {
        task.close();
    }

    private final class CapturingCollector implements RecordCollector {
        @Override
        public void send(String topic, Integer partition, long timestamp, byte[] key, byte[] value, Headers headers,
            String processorNodeId) {
            if (topic.endsWith("-out")) {
                outputs(topic).add(new String(key, StandardCharsets.UTF_8) + "="
                    + Serdes.Long().deserializer().deserialize(topic, value));
            }
        }

        @Override
        public int partitionsFor(String topic) {
            return 1;
        }
    }
}
