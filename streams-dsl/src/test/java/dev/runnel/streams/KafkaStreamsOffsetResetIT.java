package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.Record;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-source offset reset policies on a real log folder: where a source without committed offsets starts reading. */
class KafkaStreamsOffsetResetIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path root;

    @Test
    void eachSourceStartsWhereItsOwnPolicySaysAndOthersWhereTheConfigSays() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("from-start", 1);
        log.createTopic("from-now", 1);
        log.createTopic("out", 1);
        produce(log, "from-start", "old-1", "old-2");
        produce(log, "from-now", "old-1", "old-2");
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("from-start", Consumed.with(Serdes.String(), Serdes.String()))
            .mapValues(value -> "from-start:" + value)
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        builder.stream("from-now", Consumed.with(Serdes.String(), Serdes.String())
                .withOffsetResetPolicy(AutoOffsetReset.latest()))
            .mapValues(value -> "from-now:" + value)
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        Properties props = log.streamsProps("reset-per-source");
        props.put("auto.offset.reset", "earliest");
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            // The earliest source's old records out mean the thread has positioned both partitions.
            EmbeddedLogFixture.await(() -> outputs(log).size() == 2, TIMEOUT, "old records of from-start");
            produce(log, "from-start", "new");
            produce(log, "from-now", "new");
            EmbeddedLogFixture.await(() -> outputs(log).size() == 4, TIMEOUT, "the new records");
            assertEquals(List.of("from-now:new", "from-start:new", "from-start:old-1", "from-start:old-2"),
                outputs(log).stream().sorted().toList(), "from-now skipped its old records");
        }
    }

    @Test
    void aByDurationSourceStartsAtTheFirstRecordWithinTheDuration() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("events", 1);
        log.createTopic("out", 1);
        long now = System.currentTimeMillis();
        log.produce(List.of(
            new ProducerRecord<>("events", null, now - Duration.ofHours(3).toMillis(), "k", "three-hours-ago"),
            new ProducerRecord<>("events", null, now - Duration.ofHours(2).toMillis(), "k", "two-hours-ago"),
            new ProducerRecord<>("events", null, now - Duration.ofMinutes(10).toMillis(), "k", "ten-minutes-ago"),
            new ProducerRecord<>("events", null, now - Duration.ofMinutes(1).toMillis(), "k", "a-minute-ago")),
            Serdes.String().serializer(), Serdes.String().serializer());
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("events", Consumed.with(Serdes.String(), Serdes.String(), null,
                AutoOffsetReset.byDuration(Duration.ofHours(1))))
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("reset-by-duration"))) {
            streams.start();
            log.awaitProcessed("reset-by-duration", List.of("events"), TIMEOUT);
            assertEquals(List.of("ten-minutes-ago", "a-minute-ago"), outputs(log));
        }
    }

    @Test
    void aSourceWithoutResetPolicyAndNoCommittedOffsetStopsTheApplicationNamingTheTopic() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("strict", 1);
        produce(log, "strict", "never-read");
        Topology topology = new Topology()
            .addSource(AutoOffsetReset.none(), "strict-source", Serdes.String().deserializer(),
                Serdes.String().deserializer(), "strict")
            .addProcessor("drop", () -> new ContextualProcessor<String, String, Void, Void>() {
                @Override
                public void process(Record<String, String> record) {
                }
            }, "strict-source");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (KafkaStreams streams = new KafkaStreams(topology, log.streamsProps("reset-none"))) {
            streams.setUncaughtExceptionHandler(error -> {
                failure.set(error);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
            EmbeddedLogFixture.await(() -> streams.state() == KafkaStreams.State.NOT_RUNNING
                || streams.state() == KafkaStreams.State.ERROR, TIMEOUT, "the application to stop");
        }
        Throwable cause = failure.get();
        while (cause != null && !(cause instanceof StreamsException && cause.getMessage().contains("strict"))) {
            cause = cause.getCause();
        }
        assertTrue(cause != null && cause.getMessage().contains("No valid committed offset found for input topic "
            + "strict (partition 0)"), "error names the topic: " + failure.get());
    }

    @Test
    void anInvalidAutoOffsetResetConfigIsRefusedWhenTheClientStarts() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        Properties props = log.streamsProps("reset-invalid");
        props.put("auto.offset.reset", "yesterday");
        Exception error = assertThrows(Exception.class, () -> {
            try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
                streams.start();
            }
        });
        assertTrue(String.valueOf(error.getMessage()).contains("auto.offset.reset"), error.toString());
    }

    @Test
    void theReplacedTopologyEnumStillMapsToThePolicies() {
        @SuppressWarnings("deprecation")
        Consumed<String, String> latest = Consumed.with(Topology.AutoOffsetReset.LATEST);
        assertEquals(AutoOffsetReset.latest(), new dev.runnel.streams.internal.dsl.OptionsInternal.ConsumedInternal<>(
            latest).resetPolicy());
        assertThrows(IllegalArgumentException.class, () -> AutoOffsetReset.byDuration(Duration.ofSeconds(-1)));
    }

    private static void produce(EmbeddedLogFixture log, String topic, String... values) {
        List<KeyValue<String, String>> records = java.util.Arrays.stream(values)
            .map(value -> KeyValue.pair("k", value)).toList();
        log.produce(topic, records, Serdes.String().serializer(), Serdes.String().serializer(),
            System.currentTimeMillis());
    }

    private static List<String> outputs(EmbeddedLogFixture log) {
        return log.readAll("out", Serdes.String().deserializer(), Serdes.String().deserializer(), false).stream()
            .map(ConsumerRecord::value).toList();
    }
}
