package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.header.Headers;
import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.ManualTime;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.internal.runtime.RecordCollector;
import dev.runnel.streams.internal.runtime.StreamTask;
import dev.runnel.streams.internal.state.ThreadCache;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Grouped;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.state.KeyValueStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Aggregations forward what the record cache writes down: one record per key and commit with the latest value when a
 * thread cache is set, every update without one. Drives a {@link StreamTask} by hand, as a stream thread does.
 */
class CacheFlushForwardingTest {
    private final List<String> outputs = new ArrayList<>();
    private long offset;

    private StreamTask task(ThreadCache cache) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("words", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .count(Materialized.as("counts"))
            .toStream()
            .to("counts-out", Produced.with(Serdes.String(), Serdes.Long()));
        return task(builder, cache);
    }

    private StreamTask task(StreamsBuilder builder, ThreadCache cache) {
        InternalTopologyBuilder internal = builder.build().internalTopologyBuilder();
        internal.setApplicationId("cache-test");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "cache-test");
        StreamTask task = new StreamTask(new TaskId(0, 0), internal.buildSubtopology(0), new StreamsConfig(props),
            new ManualTime(0L), new CapturingCollector(), name -> null);
        task.setThreadCache(cache);
        task.initializeStateStores();
        task.initializeTopology();
        return task;
    }

    private void pipe(StreamTask task, String... words) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (String word : words) {
            byte[] key = word.getBytes(StandardCharsets.UTF_8);
            records.add(new ConsumerRecord<>("words", 0, offset, 1_000L + offset, TimestampType.CREATE_TIME,
                key.length, key.length, key, key, new RecordHeaders(), Optional.empty()));
            offset++;
        }
        task.addRecords(new TopicPartition("words", 0), records);
        while (task.process(0L)) {
            task.maybePunctuateStreamTime();
        }
    }

    @Test
    void shouldCollapseUpdatesOfAKeyBetweenCommitsWithACache() {
        StreamTask task = task(new ThreadCache(1 << 20));
        pipe(task, "a", "a", "b", "a");
        assertEquals(List.of(), outputs, "nothing is forwarded before the cache flushes");
        task.prepareCommit();
        assertEquals(List.of("b=1", "a=3"), outputs, "one record per key, latest value, in last-update order");
        outputs.clear();
        pipe(task, "b");
        task.prepareCommit();
        task.prepareCommit();
        assertEquals(List.of("b=2"), outputs, "a clean cache flushes nothing");
        task.close();
    }

    @Test
    void shouldForwardEveryUpdateWithoutACache() {
        StreamTask task = task(null);
        pipe(task, "a", "a", "b");
        assertEquals(List.of("a=1", "a=2", "b=1"), outputs);
        task.prepareCommit();
        assertEquals(3, outputs.size(), "nothing more on commit");
        task.close();
    }

    @Test
    void shouldFlushChainedCachesOfATaskInOneCommit() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("words", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .count(Materialized.as("counts"))
            .toStream()
            .groupByKey(Grouped.with(Serdes.String(), Serdes.Long()))
            .reduce((previous, latest) -> latest * 10, Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(
                "reduced").withValueSerde(Serdes.Long()))
            .toStream()
            .to("counts-out", Produced.with(Serdes.String(), Serdes.Long()));
        StreamTask task = task(builder, new ThreadCache(1 << 20));
        pipe(task, "a", "a");
        task.prepareCommit();
        // The count's flush forwards a=2 into the reduce's cache, flushed next in the same commit: 2 is its first.
        assertEquals(List.of("a=2"), outputs);
        pipe(task, "a");
        task.prepareCommit();
        assertEquals(List.of("a=2", "a=30"), outputs);
        task.close();
    }

    /** Keeps what reaches the output topic as "key=value"; drops changelog writes. */
    private final class CapturingCollector implements RecordCollector {
        @Override
        public void send(String topic, Integer partition, long timestamp, byte[] key, byte[] value, Headers headers,
            String processorNodeId) {
            if (topic.equals("counts-out")) {
                outputs.add(new String(key, StandardCharsets.UTF_8) + "="
                    + Serdes.Long().deserializer().deserialize(topic, value));
            }
        }

        @Override
        public int partitionsFor(String topic) {
            return 1;
        }
    }
}
