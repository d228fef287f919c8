package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.producer.ProducerConfig;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.config.TopicConfig;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.integration.WordCountTopology;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Grouped;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.state.KeyValueStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Repartition topics are purged as in Kafka Streams: after commits, their records below the committed offsets are
 * deleted, whole segments and all, while the application's output stays exactly right.
 */
class RepartitionPurgeIT {
    private static final String APP = "purge";
    private static final String REPARTITION = APP + "-words-repartition";
    private static final int LINES = 300;
    private static final int LOG_FILE_NAME_DIGITS = 20;

    @TempDir
    Path root;

    private static Topology wordCount() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("lines", Consumed.with(Serdes.String(), Serdes.String()))
            .flatMapValues(WordCountTopology::words)
            .groupBy((key, word) -> word, Grouped.with("words", Serdes.String(), Serdes.String()))
            .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts").withCachingDisabled())
            .toStream()
            .to("counts", Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    @ParameterizedTest
    @ValueSource(strings = {StreamsConfig.AT_LEAST_ONCE, StreamsConfig.EXACTLY_ONCE_V2})
    void shouldPurgeTheRepartitionTopicUpToTheCommittedOffsets(String guarantee) throws IOException {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("lines", 2);
        log.createTopic("counts", 3);
        List<KeyValue<String, String>> lines = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            lines.add(KeyValue.pair(Integer.toString(i), "alpha beta w" + (i % 7) + (i % 3 == 0 ? " alpha" : "")));
        }
        log.produce("lines", lines, Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);
        Properties props = log.streamsProps(APP);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        // Every commit (at least commit.interval.ms = 100 apart) purges; small batches fill many 1 KiB segments.
        props.put(StreamsConfig.REPARTITION_PURGE_INTERVAL_MS_CONFIG, 10);
        props.put(StreamsConfig.topicPrefix(TopicConfig.SEGMENT_BYTES_CONFIG), 1024);
        props.put(StreamsConfig.topicPrefix(TopicConfig.FILE_DELETE_DELAY_MS_CONFIG), 0);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256);
        Map<String, List<Long>> expected = expectedCounts();
        try (KafkaStreams streams = new KafkaStreams(wordCount(), props)) {
            streams.start();
            EmbeddedLogFixture.await(() -> countsPerWord(log).equals(expected), Duration.ofSeconds(30),
                "every count in the output");
            // Committed offsets reach the log end, past the last transaction marker under exactly-once, and the
            // whole repartition topic is purged up to them in the end.
            awaitPurgedToTheEnd(log);
        }

        Map<TopicPartition, Long> committed = committedRepartitionOffsets(log);
        assertEquals(committed, log.beginningOffsets(REPARTITION));
        for (Map.Entry<TopicPartition, Long> offset : committed.entrySet()) {
            List<String> segments = segmentFiles(offset.getKey());
            // Only the active segment is left: every segment before it is gone from disk.
            assertEquals(1, segments.size(), offset.getKey() + ": " + segments);
            long base = Long.parseLong(segments.get(0).substring(0, LOG_FILE_NAME_DIGITS));
            assertTrue(base > 0 && base <= offset.getValue(), offset.getKey() + " starts at " + base);
        }
        assertEquals(expected, countsPerWord(log));
    }

    private static void awaitPurgedToTheEnd(EmbeddedLogFixture log) {
        try {
            EmbeddedLogFixture.await(() -> {
                Map<TopicPartition, Long> end = log.endOffsets(REPARTITION);
                return committedRepartitionOffsets(log).equals(end) && log.beginningOffsets(REPARTITION).equals(end);
            }, Duration.ofSeconds(60), REPARTITION + " committed and purged to its end");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": committed " + committedRepartitionOffsets(log) + ", beginning "
                + log.beginningOffsets(REPARTITION) + ", end " + log.endOffsets(REPARTITION), e);
        }
    }

    private static Map<TopicPartition, Long> committedRepartitionOffsets(EmbeddedLogFixture log) {
        Map<TopicPartition, Long> committed = new TreeMap<>(Comparator.comparingInt(TopicPartition::partition));
        try (Admin admin = Admin.create(Map.of("log.dir", log.logDir().toString()))) {
            admin.listConsumerGroupOffsets(APP).partitionsToOffsetAndMetadata().get().forEach((tp, offset) -> {
                if (tp.topic().equals(REPARTITION)) {
                    committed.put(tp, offset.offset());
                }
            });
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("Could not read the committed offsets of " + APP, e);
        }
        return committed;
    }

    private List<String> segmentFiles(TopicPartition tp) throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("log").resolve(tp.toString()))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".log")).sorted()
                .toList();
        }
    }

    /** Each word's counts, in order: caching is off, so every update reaches the output once. */
    private static Map<String, List<Long>> expectedCounts() {
        Map<String, Long> totals = new TreeMap<>();
        for (int i = 0; i < LINES; i++) {
            totals.merge("alpha", i % 3 == 0 ? 2L : 1L, Long::sum);
            totals.merge("beta", 1L, Long::sum);
            totals.merge("w" + (i % 7), 1L, Long::sum);
        }
        Map<String, List<Long>> expected = new TreeMap<>();
        totals.forEach((word, total) -> expected.put(word, LongStream.rangeClosed(1, total).boxed().toList()));
        return expected;
    }

    private static Map<String, List<Long>> countsPerWord(EmbeddedLogFixture log) {
        return log.readPerKey("counts", Serdes.Long().deserializer(), true);
    }
}
