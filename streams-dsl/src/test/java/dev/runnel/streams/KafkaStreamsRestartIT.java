package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.integration.WordCountTopology;
import dev.runnel.streams.internal.runtime.ProcessorContextImpl;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.processor.PunctuationType;
import dev.runnel.streams.processor.StateRestoreListener;
import dev.runnel.streams.processor.TimestampExtractor;
import dev.runnel.streams.processor.UsePartitionTimeOnInvalidTimestamp;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.QueryableStoreTypes;
import dev.runnel.streams.state.ReadOnlyKeyValueStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A stopped and restarted application resumes at its committed offsets with its state restored, and with the partition
 * times and processor metadata its tasks committed with those offsets.
 */
class KafkaStreamsRestartIT {
    private static final String METADATA_KEY = "count";

    @TempDir
    Path root;

    @ParameterizedTest(name = "wipeLocalState={0}")
    @ValueSource(booleans = {false, true})
    void shouldResumeFromCommittedOffsetsWithRestoredState(boolean wipeLocalState) {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("lines", 2);
        log.createTopic("words", 2);
        log.createTopic("counts", 2);
        log.produce("lines", List.of(KeyValue.pair("a", "a b a"), KeyValue.pair("b", "c a")),
            Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);
        run(log, 5, null);

        Path taskDirs = log.stateDir().resolve("restart");
        assertTrue(Files.exists(taskDirs.resolve("1_0").resolve(".checkpoint"))
            || Files.exists(taskDirs.resolve("1_1").resolve(".checkpoint")), "a clean close writes checkpoints");
        if (wipeLocalState) {
            EmbeddedLogFixture.deleteLocalState(WordCountTopology.build("lines", "words", "counts"),
                log.streamsProps("restart"));
            assertTrue(!Files.exists(taskDirs), "cleanUp deletes the state directory");
        }

        log.produce("lines", List.of(KeyValue.pair("c", "a b"), KeyValue.pair("d", "d")),
            Serdes.String().serializer(), Serdes.String().serializer(), 2_000L);
        AtomicLong restored = new AtomicLong();
        AtomicLong restoreStarts = new AtomicLong();
        run(log, 8, new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
                restoreStarts.incrementAndGet();
                assertEquals(0L, start, "without local state, restore starts at the changelog's beginning");
            }

            @Override
            public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long count) {
            }

            @Override
            public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
                restored.addAndGet(totalRestored);
            }
        });

        if (wipeLocalState) {
            assertTrue(restoreStarts.get() > 0, "the restore listener saw the changelog restore");
            assertEquals(5, restored.get(), "5 changelog records (a=1,2,3 b=1 c=1) restored");
        } else {
            assertEquals(0, restored.get(), "the checkpoint and snapshot cover the changelog; nothing replayed");
        }
        // Outputs continue as if the application had never stopped: each word's counts run 1..n exactly once.
        Map<String, List<Long>> perWord = log.readPerKey("counts", Serdes.Long().deserializer(), false);
        assertEquals(Map.of("a", List.of(1L, 2L, 3L, 4L), "b", List.of(1L, 2L), "c", List.of(1L), "d", List.of(1L)),
            perWord);
    }

    /*
     * One task reads events-0 and other-0. Each record's timestamp is its value; a negative value is an invalid
     * timestamp, which the extractor replaces with the partition time, as UsePartitionTimeOnInvalidTimestamp does. The
     * processor counts records in its processor metadata and punctuates on stream time every second.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {StreamsConfig.AT_LEAST_ONCE, StreamsConfig.EXACTLY_ONCE_V2})
    void shouldResumePartitionTimeAndProcessorMetadataAfterRestart(String guarantee) {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("events", 1);
        log.createTopic("other", 1);
        TopicPartition events = new TopicPartition("events", 0);
        TopicPartition other = new TopicPartition("other", 0);
        log.produce(List.of(timed("events", 5_000L), timed("events", 7_000L), timed("events", 6_000L),
            timed("other", 1_000L)), Serdes.String().serializer(), Serdes.Long().serializer());
        List<String> firstRun = runTimeAware(log, guarantee, seen -> { });
        assertEquals("init count=null", firstRun.get(0), "nothing committed yet");

        // Partition time is the largest timestamp of the partition: 7000 of 5000, 7000, 6000; 1000 of other. The
        // metadata counted the 4 records; as it changed, every input partition's commit carries it.
        Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(log);
        assertEquals(3L, committed.get(events).offset());
        assertMetadata(7_000L, 4L, committed.get(events));
        assertMetadata(1_000L, 4L, committed.get(other));

        // After the restart stream time is 7000 (the larger partition time): the punctuation due since 0 fires at
        // once, before any new record; 6500 does not move stream time, so nothing more is due; the invalid timestamp
        // (-1) becomes events' partition time, 7000.
        List<String> secondRun = runTimeAware(log, guarantee, seen -> {
            EmbeddedLogFixture.await(() -> seen.contains("punctuate at 7000"), Duration.ofSeconds(10),
                "the punctuation at the committed stream time");
            log.produce(List.of(timed("events", 6_500L), timed("events", -1L)), Serdes.String().serializer(),
                Serdes.Long().serializer());
        });
        assertEquals(List.of("init count=4", "punctuate at 7000", "record 6500 at 6500, stream time 7000",
            "record -1 at 7000, stream time 7000"), secondRun,
            "the committed metadata is restored before init, the partition times before the first punctuation");

        // other-0 consumed nothing in the second run, but is committed again at its offset with the new count.
        committed = committedOffsets(log);
        assertMetadata(7_000L, 6L, committed.get(events));
        assertEquals(1L, committed.get(other).offset());
        assertMetadata(1_000L, 6L, committed.get(other));

        // Offsets reset as a reset tool does, without metadata: the task starts over with nothing to resume, so it
        // counts the 6 records from none again, and the partition times are those of the records read again.
        resetOffsets(log, List.of(events, other));
        List<String> thirdRun = runTimeAware(log, guarantee, seen -> { });
        assertEquals("init count=null", thirdRun.get(0), "offsets without metadata restore nothing");
        committed = committedOffsets(log);
        assertMetadata(7_000L, 6L, committed.get(events));
        assertMetadata(1_000L, 6L, committed.get(other));
    }

    private static ProducerRecord<String, Long> timed(String topic, long value) {
        return new ProducerRecord<>(topic, 0, Math.max(value, 0L), "k", value);
    }

    /**
     * Decodes Kafka Streams' offset metadata by hand: Base64 of version 2, the partition time (8 bytes), then the
     * processor metadata: an entry count (4 bytes), per entry the key's length (4 bytes), its UTF-8 bytes and the
     * value (8 bytes), all big-endian.
     */
    private static void assertMetadata(long partitionTime, long count, OffsetAndMetadata committed) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(committed.metadata()));
        byte[] key = METADATA_KEY.getBytes(StandardCharsets.UTF_8);
        assertEquals(1 + 8 + 4 + 4 + key.length + 8, bytes.remaining(), committed.metadata());
        assertEquals(2, bytes.get(), "version");
        assertEquals(partitionTime, bytes.getLong(), "partition time");
        assertEquals(1, bytes.getInt(), "entries");
        assertEquals(key.length, bytes.getInt(), "key length");
        byte[] read = new byte[key.length];
        bytes.get(read);
        assertEquals(METADATA_KEY, new String(read, StandardCharsets.UTF_8));
        assertEquals(count, bytes.getLong(), "value");
    }

    private static void resetOffsets(EmbeddedLogFixture log, List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        partitions.forEach(tp -> offsets.put(tp, new OffsetAndMetadata(0L)));
        try (Admin admin = Admin.create(Map.of("log.dir", log.logDir().toString()))) {
            admin.alterConsumerGroupOffsets("time-aware", offsets).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("Could not reset the committed offsets", e);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committedOffsets(EmbeddedLogFixture log) {
        try (Admin admin = Admin.create(Map.of("log.dir", log.logDir().toString()))) {
            return admin.listConsumerGroupOffsets("time-aware").partitionsToOffsetAndMetadata().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("Could not read the committed offsets", e);
        }
    }

    /**
     * Runs the time-aware application, with {@code whileRunning} once it runs, until it has processed its inputs;
     * returns what its processor saw.
     */
    private static List<String> runTimeAware(EmbeddedLogFixture log, String guarantee,
                                             Consumer<List<String>> whileRunning) {
        List<String> seen = new CopyOnWriteArrayList<>();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(List.of("events", "other"), Consumed.with(Serdes.String(), Serdes.Long())
            .withTimestampExtractor(new ValueTimestampExtractor()))
            .process(() -> new CountingProcessor(seen));
        Properties props = log.streamsProps("time-aware");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            whileRunning.accept(seen);
            log.awaitProcessed("time-aware", List.of("events", "other"), Duration.ofSeconds(15));
        }
        return List.copyOf(seen);
    }

    /** Takes a record's value as its timestamp, and the partition time for a negative value. */
    private static final class ValueTimestampExtractor implements TimestampExtractor {
        private final UsePartitionTimeOnInvalidTimestamp onInvalid = new UsePartitionTimeOnInvalidTimestamp();

        @Override
        public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
            long timestamp = (Long) record.value();
            return timestamp >= 0 ? timestamp : onInvalid.onInvalidTimestamp(record, timestamp, partitionTime);
        }
    }

    /** Counts its task's records in the processor metadata, and tells what it sees. */
    private static final class CountingProcessor implements Processor<String, Long, Void, Void> {
        private final List<String> seen;
        private ProcessorContextImpl context;

        CountingProcessor(List<String> seen) {
            this.seen = seen;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = (ProcessorContextImpl) (Object) context;
            seen.add("init count=" + this.context.processorMetadataForKey(METADATA_KEY));
            context.schedule(Duration.ofSeconds(1), PunctuationType.STREAM_TIME,
                timestamp -> seen.add("punctuate at " + timestamp));
        }

        @Override
        public void process(Record<String, Long> record) {
            seen.add("record " + record.value() + " at " + record.timestamp() + ", stream time "
                + context.currentStreamTimeMs());
            Long count = context.processorMetadataForKey(METADATA_KEY);
            context.addProcessorMetadataKeyValue(METADATA_KEY, count == null ? 1L : count + 1);
        }
    }

    private void run(EmbeddedLogFixture log, int expectedOutputs, StateRestoreListener listener) {
        try (KafkaStreams streams = new KafkaStreams(WordCountTopology.build("lines", "words", "counts"),
            log.streamsProps("restart"))) {
            if (listener != null) {
                streams.setGlobalStateRestoreListener(listener);
            }
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            EmbeddedLogFixture.await(() -> log.readAll("counts", Serdes.String().deserializer(),
                Serdes.Long().deserializer(), false).size() >= expectedOutputs, Duration.ofSeconds(15),
                expectedOutputs + " outputs");
            ReadOnlyKeyValueStore<String, Long> store = streams.store(StoreQueryParameters.fromNameAndType(
                WordCountTopology.STORE, QueryableStoreTypes.keyValueStore()));
            EmbeddedLogFixture.await(() -> store.get("a") != null, Duration.ofSeconds(5), "store has a");
        }
    }
}
