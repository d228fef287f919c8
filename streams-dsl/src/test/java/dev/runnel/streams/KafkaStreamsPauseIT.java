package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.processor.PunctuationType;
import dev.runnel.streams.processor.api.ContextualFixedKeyProcessor;
import dev.runnel.streams.processor.api.FixedKeyProcessorContext;
import dev.runnel.streams.processor.api.FixedKeyRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pausing and resuming a running client (KIP-834) on a real log folder. "A while" is measured in the paused threads'
 * own polls (their poll-total metric), not in wall-clock time, so a slow machine only makes the tests take longer.
 */
class KafkaStreamsPauseIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Polls a paused thread makes before the test checks it did nothing: each waits up to poll.ms (20 ms). */
    private static final int PAUSED_POLLS = 10;

    @TempDir
    Path root;

    private final AtomicInteger wallClockPunctuations = new AtomicInteger();
    private final AtomicInteger streamTimePunctuations = new AtomicInteger();

    @Test
    void shouldNeitherProcessNorPunctuateWhilePausedAndResumeWhereItStopped() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        createTopics(log, 1);
        try (KafkaStreams streams = new KafkaStreams(upperCaseTopology(), log.streamsProps("pause-running"))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            produce(log, 0, 5, 1_000L);
            awaitOutput(log, 5);
            EmbeddedLogFixture.await(() -> wallClockPunctuations.get() > 0, TIMEOUT, "a wall-clock punctuation");

            streams.pause();
            assertTrue(streams.isPaused());
            // The pause takes effect at each thread's next loop: after two more polls nothing runs any more.
            awaitPolls(streams, 2);
            int wallClock = wallClockPunctuations.get();
            int streamTime = streamTimePunctuations.get();
            produce(log, 5, 10, 2_000L);
            awaitPolls(streams, PAUSED_POLLS);

            assertEquals(KafkaStreams.State.RUNNING, streams.state());
            assertTrue(streams.isPaused());
            assertEquals(expectedValues(0, 5), outputValues(log), "nothing is processed while paused");
            assertEquals(wallClock, wallClockPunctuations.get(), "no wall-clock punctuation while paused");
            assertEquals(streamTime, streamTimePunctuations.get(), "no stream-time punctuation while paused");

            streams.resume();
            assertFalse(streams.isPaused());
            awaitOutput(log, 10);
            log.awaitProcessed("pause-running", List.of("in"), TIMEOUT);
            assertEquals(expectedValues(0, 10), outputValues(log), "every record once, in order");
            assertTrue(streamTimePunctuations.get() > streamTime, "stream time advanced to the new records");
            EmbeddedLogFixture.await(() -> wallClockPunctuations.get() > wallClock, TIMEOUT,
                "wall-clock punctuations again");
        }
    }

    @Test
    void shouldStartPausedWhenPausedBeforeStart() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        createTopics(log, 1);
        try (KafkaStreams streams = new KafkaStreams(upperCaseTopology(), log.streamsProps("pause-created"))) {
            streams.pause();
            assertTrue(streams.isPaused());
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            produce(log, 0, 3, 1_000L);
            awaitPolls(streams, PAUSED_POLLS);

            assertEquals(KafkaStreams.State.RUNNING, streams.state(), "the threads joined the group and got tasks");
            assertEquals(List.of(), outputValues(log));
            assertEquals(0, wallClockPunctuations.get());

            streams.resume();
            awaitOutput(log, 3);
            log.awaitProcessed("pause-created", List.of("in"), TIMEOUT);
            assertEquals(expectedValues(0, 3), outputValues(log));
        }
    }

    @Test
    void shouldStartAStreamThreadAddedWhilePausedPaused() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        createTopics(log, 2);
        try (KafkaStreams streams = new KafkaStreams(upperCaseTopology(), log.streamsProps("pause-added"))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            streams.pause();
            assertEquals(Optional.of("pause-added-1-StreamThread-2"), streams.addStreamThread());
            EmbeddedLogFixture.await(() -> pollsPerThread(streams).size() == 2
                && streams.state() == KafkaStreams.State.RUNNING, TIMEOUT, "two running threads");
            awaitPolls(streams, 2);
            produce(log, 0, 10, 1_000L);
            awaitPolls(streams, PAUSED_POLLS);

            assertEquals(List.of(), outputValues(log), "neither thread processes while paused");

            streams.resume();
            awaitOutput(log, 10);
            log.awaitProcessed("pause-added", List.of("in"), TIMEOUT);
            List<String> values = new ArrayList<>(outputValues(log));
            values.sort(null);
            assertEquals(expectedValues(0, 10), values, "every record once");
        }
    }

    /** in → upper-case values (with a wall-clock and a stream-time punctuator that count their calls) → out. */
    private Topology upperCaseTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .processValues(UpperCase::new)
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    /** Upper-cases values; its punctuators only count. */
    private final class UpperCase extends ContextualFixedKeyProcessor<String, String, String> {
        @Override
        public void init(FixedKeyProcessorContext<String, String> context) {
            super.init(context);
            context.schedule(Duration.ofMillis(10), PunctuationType.WALL_CLOCK_TIME,
                now -> wallClockPunctuations.incrementAndGet());
            context.schedule(Duration.ofMillis(100), PunctuationType.STREAM_TIME,
                streamTime -> streamTimePunctuations.incrementAndGet());
        }

        @Override
        public void process(FixedKeyRecord<String, String> record) {
            context().forward(record.withValue(record.value().toUpperCase(Locale.ROOT)));
        }
    }

    private static void createTopics(EmbeddedLogFixture log, int partitions) {
        log.createTopic("in", partitions);
        log.createTopic("out", 1);
    }

    /** Produces values v{from}..v{to - 1}, keyed k{n} so that they spread over the partitions. */
    private static void produce(EmbeddedLogFixture log, int from, int to, long timestamp) {
        List<KeyValue<String, String>> records = new ArrayList<>();
        for (int n = from; n < to; n++) {
            records.add(KeyValue.pair("k" + n, "v" + n));
        }
        log.produce("in", records, Serdes.String().serializer(), Serdes.String().serializer(), timestamp);
    }

    private static List<String> expectedValues(int from, int to) {
        List<String> values = new ArrayList<>();
        for (int n = from; n < to; n++) {
            values.add("V" + n);
        }
        return values;
    }

    private static List<String> outputValues(EmbeddedLogFixture log) {
        List<String> values = new ArrayList<>();
        for (ConsumerRecord<String, String> record : log.readAll("out", Serdes.String().deserializer(),
            Serdes.String().deserializer(), false)) {
            values.add(record.value());
        }
        return values;
    }

    private static void awaitOutput(EmbeddedLogFixture log, int count) {
        EmbeddedLogFixture.await(() -> outputValues(log).size() >= count, TIMEOUT, count + " output records");
    }

    /** Waits until each of the client's stream threads has polled {@code polls} more times. */
    private static void awaitPolls(KafkaStreams streams, int polls) {
        Map<String, Double> before = pollsPerThread(streams);
        EmbeddedLogFixture.await(() -> {
            Map<String, Double> now = pollsPerThread(streams);
            return before.entrySet().stream().allMatch(thread -> now.getOrDefault(thread.getKey(), 0.0)
                >= thread.getValue() + polls);
        }, TIMEOUT, polls + " polls of each of the threads " + before.keySet());
    }

    private static Map<String, Double> pollsPerThread(KafkaStreams streams) {
        Map<String, Double> polls = new HashMap<>();
        streams.metrics().forEach((name, metric) -> {
            if (name.group().equals("stream-thread-metrics") && name.name().equals("poll-total")) {
                polls.put(name.tags().get("thread-id"), ((Number) metric.metricValue()).doubleValue());
            }
        });
        return polls;
    }
}
