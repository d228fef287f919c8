package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.integration.WindowCloseCountTopology;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.EmitStrategy;
import dev.runnel.streams.kstream.Grouped;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.kstream.TimeWindows;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * emitStrategy(onWindowClose) on a real log: across a restart, the close time the aggregation emitted up to is
 * committed with the input offsets (Kafka's processor metadata), so the restarted application does not emit a window
 * again whose aggregate its restored store still holds, and emits the next one when it closes; with the default emit
 * interval, windows that closed and expired between two emissions are still emitted.
 */
class EmitOnWindowCloseIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path root;

    @Test
    void aRestartedApplicationEmitsEachClosedWindowOnce() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("clicks", 1);
        log.createTopic("final-counts", 1);
        Properties props = log.streamsProps("clicks-app");
        props.put(StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_WINDOWED_AGGREGATION, 0L);
        // Windows of 10 ms with 5 ms grace: a@1 and a@16 make [0,10) and [10,20); a@16 closes [0,10) (16 - 5 >= 10).
        run(log, props, List.of(KeyValue.pair("a", 1L), KeyValue.pair("a", 16L)));
        assertEquals(List.of("a@0=1"), finalCounts(log));
        // After the restart, with [0,10) restored from the changelog: b@17 closes no new window (17 - 5 is 12, and
        // [0,10) was emitted up to 11); c@27 closes [10,20), which holds a@16 and b@17, emitted in key order.
        run(log, props, List.of(KeyValue.pair("b", 17L), KeyValue.pair("c", 27L)));
        assertEquals(List.of("a@0=1", "a@10=1", "b@10=1"), finalCounts(log));
    }

    @Test
    void windowsThatExpiredBetweenTwoEmissionsAreEmittedOnce() throws InterruptedException {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("clicks", 1);
        log.createTopic("final-counts", 1);
        Properties props = log.streamsProps("clicks-app"); // commits, and so writes the record cache down, every 100 ms
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
            .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10)))
            .emitStrategy(EmitStrategy.onWindowClose())
            .count()
            .toStream((window, count) -> window.key() + "@" + window.window().start())
            .to("final-counts", Produced.with(Serdes.String(), Serdes.Long()));
        List<String> expected = new ArrayList<>();
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            // One click a ms over 100 keys: each 10 ms window holds one click of each of 10 keys. The store keeps a
            // window 10 ms (size, no grace), so without a hold each would expire long before the next emission.
            List<ProducerRecord<String, String>> clicks = new ArrayList<>();
            for (long t = 0; t < 1000; t++) {
                clicks.add(new ProducerRecord<>("clicks", null, t, "k" + t % 100, "click"));
                expected.add("k" + t % 100 + "@" + t / 10 * 10 + "=1");
            }
            log.produce(clicks, Serdes.String().serializer(), Serdes.String().serializer());
            log.awaitProcessed("clicks-app", List.of("clicks"), TIMEOUT);
            // Past the emit interval (1 s) since the first records' try, a click at 2000 closes every window above.
            Thread.sleep(1_100);
            log.produce(List.of(new ProducerRecord<>("clicks", null, 2000L, "z", "click")),
                Serdes.String().serializer(), Serdes.String().serializer());
            log.awaitProcessed("clicks-app", List.of("clicks"), TIMEOUT);
        }
        List<String> emitted = finalCounts(log);
        assertEquals(expected.size(), emitted.size(), "each window once");
        assertEquals(new HashSet<>(expected), new HashSet<>(emitted));
    }

    /** Runs the application until it has processed {@code clicks} (key and timestamp), then closes it cleanly. */
    private static void run(EmbeddedLogFixture log, Properties props, List<KeyValue<String, Long>> clicks) {
        Topology topology = WindowCloseCountTopology.build(new StreamsBuilder(), Duration.ofMillis(5));
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            log.produce(clicks.stream().map(click -> new ProducerRecord<>("clicks", null,
                click.value, click.key, "click")).toList(), Serdes.String().serializer(), Serdes.String().serializer());
            log.awaitProcessed("clicks-app", List.of("clicks"), TIMEOUT);
        }
    }

    private static List<String> finalCounts(EmbeddedLogFixture log) {
        return log.readAll("final-counts", Serdes.String().deserializer(), Serdes.Long().deserializer(), false)
            .stream().map((ConsumerRecord<String, Long> record) -> record.key() + "=" + record.value()).toList();
    }
}
