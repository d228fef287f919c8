package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.processor.StateRestoreListener;
import dev.runnel.streams.state.KeyValueStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KafkaStreams#allLocalStorePartitionLags()} on a new, a running, a restoring and a stopped client. */
class KafkaStreamsStorePartitionLagsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String STORE = "counts";
    private static final String UNLOGGED_STORE = "unlogged-counts";

    @TempDir
    Path root;

    @Test
    void shouldReportEveryLoggedStorePartitionCaughtUpWithItsChangelogAfterACommit() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 2);
        String app = "lags-running";
        try (KafkaStreams streams = new KafkaStreams(counts(), log.streamsProps(app))) {
            streams.start();
            produce(log, 2);
            log.awaitProcessed(app, List.of("in"), TIMEOUT);

            Map<String, Map<Integer, LagInfo>> lags = streams.allLocalStorePartitionLags();

            assertEquals(Set.of(STORE), lags.keySet(), "a store without a changelog has no lag: " + lags);
            String changelog = app + "-" + STORE + "-changelog";
            Map<TopicPartition, Long> ends = log.endOffsets(changelog);
            assertEquals(Set.of(0, 1), lags.get(STORE).keySet());
            for (int p = 0; p < 2; p++) {
                LagInfo lag = lags.get(STORE).get(p);
                long end = ends.get(new TopicPartition(changelog, p));
                assertTrue(end > 0, "partition " + p + " wrote its changelog: " + ends);
                assertEquals(end, lag.endOffsetPosition(), lag.toString());
                assertEquals(end, lag.currentOffsetPosition(), lag.toString());
                assertEquals(0, lag.offsetLag(), lag.toString());
            }
        }
    }

    @Test
    void shouldReportARestoringStoreAtItsRestoredOffset() throws InterruptedException {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        String app = "lags-restoring";
        try (KafkaStreams streams = new KafkaStreams(counts(), log.streamsProps(app))) {
            streams.start();
            produce(log, 1);
            log.awaitProcessed(app, List.of("in"), TIMEOUT);
        }
        TopicPartition changelog = new TopicPartition(app + "-" + STORE + "-changelog", 0);
        long end = log.endOffsets(changelog.topic()).get(changelog);

        BlockingRestoreListener listener = new BlockingRestoreListener();
        try (KafkaStreams streams = new KafkaStreams(counts(), log.streamsProps(app))) {
            // Without local state the store restores its whole changelog, from offset 0.
            streams.cleanUp();
            streams.setGlobalStateRestoreListener(listener);
            streams.start();
            assertTrue(listener.started.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the restore to start");

            assertEquals(Map.of(STORE, Map.of(0, new LagInfo(0, end))), streams.allLocalStorePartitionLags());
            assertEquals(end, streams.allLocalStorePartitionLags().get(STORE).get(0).offsetLag());

            listener.proceed.countDown();
            EmbeddedLogFixture.awaitRunning(streams);
            EmbeddedLogFixture.await(() -> streams.allLocalStorePartitionLags()
                .equals(Map.of(STORE, Map.of(0, new LagInfo(end, end)))), TIMEOUT, "the restored store to catch up");
        } finally {
            listener.proceed.countDown();
        }
    }

    /** Kafka Streams checks no state here: with no task local, before start and after close, there is no lag. */
    @Test
    void shouldReportNoLagsBeforeStartAndAfterClose() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 2);
        KafkaStreams streams = new KafkaStreams(counts(), log.streamsProps("lags-states"));
        try {
            assertEquals(Map.of(), streams.allLocalStorePartitionLags());
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            assertEquals(Set.of(0, 1), streams.allLocalStorePartitionLags().get(STORE).keySet());
        } finally {
            streams.close();
        }
        assertEquals(Map.of(), streams.allLocalStorePartitionLags());
    }

    /** Counts the input per key into {@value #STORE}, and again into {@value #UNLOGGED_STORE} without a changelog. */
    private static Topology counts() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> input = builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()));
        input.groupByKey().count(Materialized.as(STORE));
        input.groupByKey().count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(UNLOGGED_STORE)
            .withLoggingDisabled());
        return builder.build();
    }

    /** Produces three keys to each of {@code partitions} partitions of the input. */
    private static void produce(EmbeddedLogFixture log, int partitions) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            for (int i = 0; i < 3; i++) {
                records.add(new ProducerRecord<>("in", p, 1_000L, "k" + p + "-" + i, "v"));
            }
        }
        log.produce(records, Serdes.String().serializer(), Serdes.String().serializer());
    }

    /** Holds the first restore at its start until the test lets it proceed. */
    private static final class BlockingRestoreListener implements StateRestoreListener {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch proceed = new CountDownLatch(1);

        @Override
        public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
            started.countDown();
            try {
                proceed.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long count) {
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        }
    }
}
