package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.ConfigEntry;
import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.internal.runtime.StreamsHeaders;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.kstream.Suppressed;
import dev.runnel.streams.kstream.TimeWindows;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.kstream.WindowedSerdes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suppression buffer's changelog switches on a real log: a buffer with logging disabled has no changelog topic
 * and starts empty after a restart (what it held is never emitted); one with logging enabled gets a changelog topic
 * with the given configs and restores what it held, headers too.
 */
class SuppressBufferLoggingIT {
    private static final Serde<Windowed<String>> WINDOWED = WindowedSerdes.timeWindowedSerdeFrom(String.class, 10);

    @TempDir
    Path root;

    @Test
    void aBufferWithoutLoggingHasNoChangelogAndStartsEmptyAfterARestart() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        List<String> finals = restartScenario(log, "unlogged", Suppressed.BufferConfig.unbounded()
            .withLoggingDisabled());
        assertEquals(List.of("b@[100,110)=1"), finals, "a's window was buffered before the restart and is lost");
        assertFalse(topics(log).contains("unlogged-finals-store-changelog"), topics(log).toString());
    }

    @Test
    void aBufferWithLoggingRestoresAfterARestartAndItsChangelogHasTheGivenConfigs() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        List<String> finals = restartScenario(log, "logged", Suppressed.BufferConfig.unbounded()
            .withLoggingEnabled(Map.of("min.compaction.lag.ms", "60000")));
        assertEquals(List.of("a@[0,10)=2", "b@[100,110)=1"), finals);
        ConfigEntry lag = log.topicConfig("logged-finals-store-changelog").get("min.compaction.lag.ms");
        assertEquals("60000", lag.value());
        assertEquals(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, lag.source());
    }

    /** As in Kafka Streams, a final result carries the headers of its window's latest update, also once restored. */
    @Test
    void aRestoredBufferEmitsWithTheHeadersOfTheLatestUpdate() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        restartScenario(log, "headers", Suppressed.BufferConfig.unbounded());
        List<String> headers = log.readAll("headers-finals", WINDOWED.deserializer(), Serdes.Long().deserializer(),
            false).stream().map(record -> format(record) + " h=" + new String(record.headers().lastHeader("h")
            .value(), StandardCharsets.UTF_8)).toList();
        assertEquals(List.of("a@[0,10)=2 h=a@7", "b@[100,110)=1 h=b@100"), headers);
    }

    /**
     * A buffer changelog entry in the format of earlier builds (which began with the buffer time, not a format byte)
     * is refused with the reset that clears it, rather than read as garbage.
     */
    @Test
    void aBufferEntryOfAnEarlierFormatFailsTheThreadNamingTheReset() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("old-events", 1);
        log.createTopic("old-finals", 1);
        log.createTopic("old-finals-store-changelog", 1);
        byte[] oldEntry = java.nio.ByteBuffer.allocate(32).putLong(10L).putLong(0L).putLong(7L).putInt(-1)
            .putInt(-1).array();
        log.produce("old-finals-store-changelog", List.of(KeyValue.pair(new byte[] {1}, oldEntry)),
            Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), 7L);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("old-events", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10))).count()
            .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("finals"))
            .toStream().to("old-finals", Produced.with(WINDOWED, Serdes.Long()));
        Properties props = log.streamsProps("old");
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.setUncaughtExceptionHandler(failure -> {
                failures.add(failure);
                return dev.runnel.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .SHUTDOWN_CLIENT;
            });
            streams.start();
            EmbeddedLogFixture.await(() -> streams.state() == KafkaStreams.State.ERROR, Duration.ofSeconds(15),
                "the client to stop");
        }
        assertEquals(1, failures.size(), failures.toString());
        String message = String.valueOf(failures.get(0).getMessage()) + " / " + failures.get(0).getCause();
        assertTrue(message.contains("finals-store") && message.contains("runnel streams-reset"), message);
    }

    /**
     * Counts per 10 ms window with no grace, emitting final results. Before a restart, a@5 and a@7 fill a's window
     * [0,10), which stays buffered: nothing has passed 10 yet. After it, b@100 closes a's window and c@200 closes b's.
     * Returns the final results, once b's is out.
     */
    private static List<String> restartScenario(EmbeddedLogFixture log, String app,
        Suppressed.StrictBufferConfig buffer) {
        String input = app + "-events";
        String output = app + "-finals";
        log.createTopic(input, 1);
        log.createTopic(output, 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10))).count()
            .suppress(Suppressed.untilWindowCloses(buffer).withName("finals"))
            .toStream().to(output, Produced.with(WINDOWED, Serdes.Long()));
        Topology topology = builder.build();
        Properties props = log.streamsProps(app);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);

        log.produce(List.of(event(input, "a", 5), event(input, "a", 7)), Serdes.String().serializer(),
            Serdes.String().serializer());
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            log.awaitProcessed(app, List.of(input), Duration.ofSeconds(15));
        }
        log.produce(List.of(event(input, "b", 100), event(input, "c", 200)), Serdes.String().serializer(),
            Serdes.String().serializer());
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            EmbeddedLogFixture.await(() -> read(log, output).contains("b@[100,110)=1"), Duration.ofSeconds(15),
                "the final count of b's window");
            log.awaitProcessed(app, List.of(input), Duration.ofSeconds(15));
        }
        return read(log, output);
    }

    /** Returns an event with header "h" naming it ("key@timestamp"). */
    private static ProducerRecord<String, String> event(String topic, String key, long timestamp) {
        StreamsHeaders headers = new StreamsHeaders();
        headers.add("h", (key + "@" + timestamp).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, null, timestamp, key, "v", headers);
    }

    private static List<String> read(EmbeddedLogFixture log, String topic) {
        return log.readAll(topic, WINDOWED.deserializer(), Serdes.Long().deserializer(), false).stream()
            .map(SuppressBufferLoggingIT::format).toList();
    }

    private static String format(ConsumerRecord<Windowed<String>, Long> record) {
        return record.key().key() + "@[" + record.key().window().start() + "," + record.key().window().end() + ")="
            + record.value();
    }

    private static List<String> topics(EmbeddedLogFixture log) {
        try (Admin admin = Admin.create(Map.of("log.dir", log.logDir().toString()))) {
            return List.copyOf(admin.listTopics().names().get());
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }
}
