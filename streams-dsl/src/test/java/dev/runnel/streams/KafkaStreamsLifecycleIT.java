package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.errors.InvalidStateStoreException;
import dev.runnel.streams.errors.InvalidStateStorePartitionException;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.state.QueryableStoreTypes;
import dev.runnel.streams.state.ReadOnlyKeyValueStore;
import dev.runnel.streams.state.ReadOnlyWindowStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running client's lifecycle and its interactive-query errors, on a real log folder. */
class KafkaStreamsLifecycleIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path root;

    @Test
    void shouldStayPendingShutdownAfterACloseThatTimesOutUntilTheThreadsHaveStopped() throws InterruptedException {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        CountDownLatch processing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).foreach((key, value) -> {
            processing.countDown();
            try {
                release.await(); // a record the thread takes long to process
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("slow-close"))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            log.produce("in", List.of(KeyValue.pair("k", "v")), Serdes.String().serializer(),
                Serdes.String().serializer(), 1_000L);
            assertTrue(processing.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));

            assertFalse(streams.close(Duration.ofMillis(100)), "the thread did not stop in time");
            assertEquals(KafkaStreams.State.PENDING_SHUTDOWN, streams.state());
            assertThrows(IllegalStateException.class, streams::cleanUp, "its state is still in use");
            assertFalse(streams.close(Duration.ofMillis(100)), "a second close waits for the same threads");

            release.countDown();
            assertTrue(streams.close(TIMEOUT));
            assertEquals(KafkaStreams.State.NOT_RUNNING, streams.state());
            streams.cleanUp();
        }
    }

    @Test
    void shouldReportWhyAQueryCannotReadAStoreWhenTheStoreIsRead() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 2);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .count(Materialized.as("counts"));
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("query-errors"))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            ReadOnlyWindowStore<String, Long> wrongType = streams.store(StoreQueryParameters.fromNameAndType("counts",
                QueryableStoreTypes.windowStore()));
            InvalidStateStoreException typeError = assertThrows(InvalidStateStoreException.class,
                () -> wrongType.fetch("k", Instant.EPOCH, Instant.now()));
            assertTrue(typeError.getMessage().contains("does not accept the actual store type"),
                typeError.getMessage());

            ReadOnlyKeyValueStore<String, Long> elsewhere = streams.store(StoreQueryParameters.fromNameAndType("counts",
                QueryableStoreTypes.<String, Long>keyValueStore()).withPartition(7));
            assertThrows(InvalidStateStorePartitionException.class, () -> elsewhere.get("k"));

            ReadOnlyKeyValueStore<String, Long> counts = streams.store(StoreQueryParameters.fromNameAndType("counts",
                QueryableStoreTypes.keyValueStore()));
            log.produce("in", List.of(KeyValue.pair("k", "v")), Serdes.String().serializer(),
                Serdes.String().serializer(), 1_000L);
            EmbeddedLogFixture.await(() -> Long.valueOf(1L).equals(counts.get("k")), TIMEOUT, "k to be counted");
        }
    }
}
