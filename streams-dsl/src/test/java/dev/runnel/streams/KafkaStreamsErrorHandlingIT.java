package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.errors.LogAndContinueExceptionHandler;
import dev.runnel.streams.errors.StreamsNotStartedException;
import dev.runnel.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.integration.FailingProcessorTopology;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.state.QueryableStoreTypes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Poison records, failing processors, the state listener and the uncaught exception handler on a real log. */
class KafkaStreamsErrorHandlingIT {
    @TempDir
    Path root;

    @Test
    void shouldSkipAndCountAPoisonRecordAndProcessTheRecordsAfterIt() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("numbers", 1);
        log.createTopic("doubled", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("numbers", Consumed.with(Serdes.String(), Serdes.Long()))
            .mapValues(v -> v * 2)
            .to("doubled", Produced.with(Serdes.String(), Serdes.Long()));
        log.produce("numbers", List.of(KeyValue.pair("a", Serdes.Long().serializer().serialize("numbers", 1L)),
                KeyValue.pair("poison", new byte[] {1, 2, 3}),
                KeyValue.pair("b", Serdes.Long().serializer().serialize("numbers", 2L))),
            Serdes.String().serializer(), Serdes.ByteArray().serializer(), 1_000L);
        Properties props = log.streamsProps("poison");
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            EmbeddedLogFixture.await(() -> log.readAll("doubled", Serdes.String().deserializer(),
                Serdes.Long().deserializer(), false).size() == 2, Duration.ofSeconds(15), "2 outputs");
            List<ConsumerRecord<String, Long>> outputs = log.readAll("doubled", Serdes.String().deserializer(),
                Serdes.Long().deserializer(), false);
            assertEquals(List.of(KeyValue.pair("a", 2L), KeyValue.pair("b", 4L)),
                outputs.stream().map(r -> KeyValue.pair(r.key(), r.value())).toList());
            EmbeddedLogFixture.await(() -> droppedRecords(streams) == 1.0, Duration.ofSeconds(5),
                "dropped-records-total is 1");
            assertEquals(KafkaStreams.State.RUNNING, streams.state());
        }
    }

    private static double droppedRecords(KafkaStreams streams) {
        return streams.metrics().entrySet().stream()
            .filter(e -> e.getKey().name().equals("dropped-records-total"))
            .mapToDouble(e -> (Double) e.getValue().metricValue()).sum();
    }

    @Test
    void shouldReportStateTransitionsAndShutDownTheClientOnAnUncaughtException() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        log.createTopic("out", 1);
        List<String> transitions = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> handled = new AtomicReference<>();
        KafkaStreams streams = new KafkaStreams(FailingProcessorTopology.build("in", "out"),
            log.streamsProps("failing"));
        try {
            assertThrows(StreamsNotStartedException.class, () -> streams.store(StoreQueryParameters.fromNameAndType(
                "none", QueryableStoreTypes.keyValueStore())));
            streams.setStateListener((newState, oldState) -> transitions.add(oldState + "->" + newState));
            streams.setUncaughtExceptionHandler(e -> {
                handled.set(e);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
            assertThrows(IllegalStateException.class, () -> streams.setStateListener((a, b) -> { }));
            EmbeddedLogFixture.awaitRunning(streams);
            log.produce("in", List.of(KeyValue.pair("k", "fine"), KeyValue.pair("k", FailingProcessorTopology.POISON)),
                Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);
            EmbeddedLogFixture.await(() -> streams.state() == KafkaStreams.State.ERROR, Duration.ofSeconds(15),
                "the client shuts down into ERROR");
            assertEquals(FailingProcessorTopology.FAILURE, handled.get().getCause().getMessage(),
                handled.get().toString());
            // A rebalance may come between (the group rejoins when topics are created, e.g. __consumer_offsets).
            assertEquals(List.of("CREATED->REBALANCING", "REBALANCING->RUNNING"), transitions.subList(0, 2));
            assertEquals(List.of("RUNNING->PENDING_ERROR", "PENDING_ERROR->ERROR"),
                transitions.subList(transitions.size() - 2, transitions.size()));
            for (String transition : transitions.subList(2, transitions.size() - 2)) {
                assertTrue(transition.equals("RUNNING->REBALANCING") || transition.equals("REBALANCING->RUNNING"),
                    transitions.toString());
            }
            assertTrue(streams.close(Duration.ofSeconds(5)));
            assertEquals(KafkaStreams.State.ERROR, streams.state());
        } finally {
            streams.close();
        }
    }

    @Test
    void shouldReplaceAFailedThreadAndKeepProcessing() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        log.createTopic("out", 1);
        StreamsBuilder builder = new StreamsBuilder();
        List<String> failures = new CopyOnWriteArrayList<>();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .mapValues(v -> {
                if (v.equals("boom") && failures.isEmpty()) {
                    failures.add(v);
                    throw new IllegalStateException("fails once");
                }
                return v;
            })
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("replacing"))) {
            streams.setUncaughtExceptionHandler(e -> StreamThreadExceptionResponse.REPLACE_THREAD);
            streams.start();
            log.produce("in", List.of(KeyValue.pair("k", "boom"), KeyValue.pair("k", "after")),
                Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);
            // At-least-once: the replacement thread reprocesses the uncommitted "boom", which now passes.
            EmbeddedLogFixture.await(() -> log.readAll("out", Serdes.String().deserializer(),
                Serdes.String().deserializer(), false).stream().anyMatch(r -> r.value().equals("after")),
                Duration.ofSeconds(15), "the replacement thread processes the next record");
            EmbeddedLogFixture.awaitRunning(streams);
            assertEquals(1.0, streams.metrics().entrySet().stream()
                .filter(metric -> metric.getKey().name().equals("failed-stream-threads")).findFirst().orElseThrow()
                .getValue().metricValue(), "failed-stream-threads");
        }
    }
}
