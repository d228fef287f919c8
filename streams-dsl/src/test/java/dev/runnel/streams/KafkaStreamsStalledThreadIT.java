package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.clients.consumer.ConsumerConfig;
import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.producer.ProducerConfig;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.RunnelLogConfig;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Produced;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream thread stalled in a processor longer than the log allows. Under exactly-once, a transaction that outlives
 * {@code transaction.timeout.ms} is fenced by the log (aborted, the producer's epoch bumped); under at-least-once, a
 * consumer that does not poll within {@code max.poll.interval.ms} is removed from the group, and its next commit is
 * refused. As in Kafka Streams, the thread treats either as its tasks having migrated: it closes them dirty (replacing
 * a fenced producer) and rejoins, so processing resumes from the last commit and no input record is lost.
 */
class KafkaStreamsStalledThreadIT {
    @TempDir
    Path root;

    @Test
    void shouldReplaceAFencedProducerAndReprocessTheAbortedTransaction() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        // Opened first, so that this process's log looks for timed-out transactions every 50 ms, not every 10 s.
        try (RunnelLog shared = RunnelLog.open(RunnelLogConfig.parse(Map.of(
            RunnelLogConfig.LOG_DIR_CONFIG, log.logDir().toString(),
            RunnelLogConfig.TRANSACTION_CLEANUP_INTERVAL_MS_CONFIG, 50)))) {
            log.createTopic("in", 1);
            log.createTopic("out", 1);
            // Holds the open transaction past its 1 s timeout.
            Topology stalling = stallOnceOnSlow(new AtomicBoolean());
            Properties props = log.streamsProps("timeout-app");
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 1_000);
            try (KafkaStreams streams = new KafkaStreams(stalling, props)) {
                streams.start();
                EmbeddedLogFixture.awaitRunning(streams);
                log.produce("in", List.of(KeyValue.pair("1", "a"), KeyValue.pair("2", "slow"),
                    KeyValue.pair("3", "b")), Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);
                EmbeddedLogFixture.await(() -> committedValues(log).size() >= 3, Duration.ofSeconds(30),
                    "the three records committed after the fenced transaction");
                log.produce("in", List.of(KeyValue.pair("4", "c")), Serdes.String().serializer(),
                    Serdes.String().serializer(), 2_000L);
                EmbeddedLogFixture.await(() -> committedValues(log).size() >= 4, Duration.ofSeconds(30),
                    "a record sent after the recovery");

                assertEquals(List.of("a", "slow", "b", "c"), committedValues(log),
                    "each input once, in order: the aborted transaction's records were processed again");
                assertEquals(KafkaStreams.State.RUNNING, streams.state());
            }
        }
    }

    @Test
    void shouldRejoinAfterMissingThePollIntervalAndLoseNoRecord() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        log.createTopic("out", 1);
        AtomicBoolean stalled = new AtomicBoolean();
        // Stays away from poll() past max.poll.interval.ms.
        Topology stalling = stallOnceOnSlow(stalled);
        Properties props = log.streamsProps("poll-interval-app");
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG), 1_000);
        try (KafkaStreams streams = new KafkaStreams(stalling, props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            log.produce("in", List.of(KeyValue.pair("1", "a"), KeyValue.pair("2", "slow"), KeyValue.pair("3", "b")),
                Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);
            EmbeddedLogFixture.await(() -> stalled.get() && streams.state() == KafkaStreams.State.RUNNING
                    && Set.copyOf(committedValues(log)).containsAll(List.of("a", "slow", "b")),
                Duration.ofSeconds(30), "every record written after the thread rejoined");
            log.produce("in", List.of(KeyValue.pair("4", "c")), Serdes.String().serializer(),
                Serdes.String().serializer(), 2_000L);
            EmbeddedLogFixture.await(() -> committedValues(log).contains("c"), Duration.ofSeconds(30),
                "a record sent after the rejoin");

            // At least once: the records after the last commit may be written twice, in order; none is missing.
            List<String> values = committedValues(log);
            assertEquals(List.of("a", "slow", "b", "c"), values.stream().distinct().toList(), values.toString());
            assertEquals(KafkaStreams.State.RUNNING, streams.state());
        }
    }

    /** in → out, sleeping 2.5 s in the processor the first time the value "slow" comes, which sets {@code stalled}. */
    private static Topology stallOnceOnSlow(AtomicBoolean stalled) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .peek((key, value) -> {
                if (value.equals("slow") && stalled.compareAndSet(false, true)) {
                    sleep(2_500);
                }
            })
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    private static List<String> committedValues(EmbeddedLogFixture log) {
        return log.readAll("out", Serdes.String().deserializer(), Serdes.String().deserializer(), true).stream()
            .map(ConsumerRecord::value).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
