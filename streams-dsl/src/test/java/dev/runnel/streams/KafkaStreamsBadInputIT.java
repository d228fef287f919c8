package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.RecordTooLargeException;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.errors.ErrorHandlerContext;
import dev.runnel.streams.errors.LogAndContinueExceptionHandler;
import dev.runnel.streams.errors.MissingSourceTopicException;
import dev.runnel.streams.errors.ProductionExceptionHandler;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.kstream.Repartitioned;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input and failures around a running application on a real log: records the log refuses, topics that are missing
 * or go away, poison records in internal topics. Each either gets Kafka Streams' handler response or fails the thread
 * with an error naming what went wrong, and what was written before stays.
 */
class KafkaStreamsBadInputIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path root;

    /** Drops every record the producer fails to send. */
    public static final class ResumingProductionHandler implements ProductionExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
            Exception exception) {
            return Response.resume();
        }
    }

    private static void produceStrings(EmbeddedLogFixture log, String topic, String... keysAndValues) {
        List<KeyValue<String, String>> records = new java.util.ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            records.add(KeyValue.pair(keysAndValues[i], keysAndValues[i + 1]));
        }
        log.produce(topic, records, Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);
    }

    private static List<String> values(EmbeddedLogFixture log, String topic) {
        return log.readAll(topic, Serdes.String().deserializer(), Serdes.String().deserializer(), false).stream()
            .map(ConsumerRecord::value).toList();
    }

    private static double metric(KafkaStreams streams, String name) {
        return streams.metrics().entrySet().stream().filter(e -> e.getKey().name().equals(name))
            .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }

    private static String padded(String prefix, int length) {
        return prefix + "x".repeat(length - prefix.length());
    }

    private static Topology copyTopology(String source, String sink) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(source, Consumed.with(Serdes.String(), Serdes.String()))
            .to(sink, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    @Test
    void aRecordLargerThanTheSinksMaxMessageBytesFailsTheThreadNamingTopicAndSizeAndKeepsWhatCameBefore() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        log.createTopic("out", 1, Map.of("max.message.bytes", "2048"));
        List<Throwable> handled = new CopyOnWriteArrayList<>();
        try (KafkaStreams streams = new KafkaStreams(copyTopology("in", "out"), log.streamsProps("too-large"))) {
            streams.setUncaughtExceptionHandler(failure -> {
                handled.add(failure);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            produceStrings(log, "in", "k", "before");
            EmbeddedLogFixture.await(() -> values(log, "out").equals(List.of("before")), TIMEOUT, "the first output");
            log.awaitProcessed("too-large", List.of("in"), TIMEOUT);
            produceStrings(log, "in", "k", padded("big", 10_000), "k", "after");
            EmbeddedLogFixture.await(() -> streams.state() == KafkaStreams.State.ERROR, TIMEOUT, "the client to stop");
        }
        assertEquals(1, handled.size(), handled.toString());
        String message = handled.get(0).getMessage();
        assertTrue(handled.get(0) instanceof StreamsException, handled.toString());
        assertTrue(handled.get(0).getCause() instanceof RecordTooLargeException, "Kafka's MESSAGE_TOO_LARGE: "
            + handled.get(0).getCause());
        assertTrue(message.contains("out") && message.contains("max.message.bytes") && message.contains("bytes"),
            message);
        // As in Kafka Streams, a send fails asynchronously: "after" may be sent before the failure is seen.
        List<String> out = values(log, "out");
        assertEquals("before", out.get(0), out.toString());
        assertTrue(out.stream().noneMatch(value -> value.startsWith("big")), out.toString());
        long committed = committedOffset(log, "too-large", new TopicPartition("in", 0));
        assertEquals(1L, committed, "the failed record is not committed as processed");
    }

    private static long committedOffset(EmbeddedLogFixture log, String group, TopicPartition partition) {
        try (dev.runnel.clients.admin.Admin admin = dev.runnel.clients.admin.Admin.create(
            Map.of("log.dir", log.logDir().toString()))) {
            var offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(partition);
            return offset == null ? -1L : offset.offset();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aResumingHandlerDropsAndCountsRecordsTooLargeOrForAMissingTopicAndGoesOn() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        log.createTopic("out", 1, Map.of("max.message.bytes", "2048"));
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .to((key, value, context) -> value.startsWith("lost") ? "no-such-topic" : "out",
                Produced.with(Serdes.String(), Serdes.String()));
        Properties props = log.streamsProps("resuming");
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, ResumingProductionHandler.class);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            produceStrings(log, "in", "k", "first", "k", padded("big", 10_000), "k", "lost", "k", "last");
            EmbeddedLogFixture.await(() -> values(log, "out").equals(List.of("first", "last")), TIMEOUT,
                "the records around the dropped ones");
            EmbeddedLogFixture.await(() -> metric(streams, "dropped-records-total") == 2.0, TIMEOUT,
                "two dropped records counted");
            assertEquals(KafkaStreams.State.RUNNING, streams.state());
        }
    }

    @Test
    void aMissingSinkTopicFailsTheThreadNamingTheTopic() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        List<Throwable> handled = new CopyOnWriteArrayList<>();
        try (KafkaStreams streams = new KafkaStreams(copyTopology("in", "no-such-sink"),
            log.streamsProps("missing-sink"))) {
            streams.setUncaughtExceptionHandler(failure -> {
                handled.add(failure);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
            produceStrings(log, "in", "k", "v");
            EmbeddedLogFixture.await(() -> streams.state() == KafkaStreams.State.ERROR, TIMEOUT, "the client to stop");
        }
        assertEquals(1, handled.size(), handled.toString());
        assertTrue(handled.get(0).getMessage().contains("no-such-sink"), handled.get(0).getMessage());
    }

    @Test
    void aSourceTopicDeletedWhileRunningIsReportedAsAMissingSourceTopic() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        log.createTopic("out", 1);
        List<Throwable> handled = new CopyOnWriteArrayList<>();
        try (KafkaStreams streams = new KafkaStreams(copyTopology("in", "out"), log.streamsProps("deleted-source"))) {
            streams.setUncaughtExceptionHandler(failure -> {
                handled.add(failure);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            produceStrings(log, "in", "k", "v");
            EmbeddedLogFixture.await(() -> values(log, "out").equals(List.of("v")), TIMEOUT, "the output");
            log.deleteTopic("in");
            EmbeddedLogFixture.await(() -> streams.state() == KafkaStreams.State.ERROR, TIMEOUT, "the client to stop");
        }
        assertEquals(1, handled.size(), handled.toString());
        assertTrue(handled.get(0) instanceof MissingSourceTopicException, handled.toString());
        assertTrue(handled.get(0).getMessage().contains("[in]"), handled.get(0).getMessage());
        assertEquals(List.of("v"), values(log, "out"));
    }

    private static Topology repartitionTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .mapValues(value -> Long.parseLong(value))
            .repartition(Repartitioned.<String, Long>with(Serdes.String(), Serdes.Long()).withName("rekeyed"))
            .mapValues(value -> String.valueOf(value))
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    private static void producePoison(EmbeddedLogFixture log, String topic) {
        log.produce(topic, List.of(KeyValue.pair("poison", new byte[] {1, 2, 3})), Serdes.String().serializer(),
            Serdes.ByteArray().serializer(), 1_000L);
    }

    @Test
    void aPoisonRecordInARepartitionTopicIsSkippedAndCountedWithLogAndContinue() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        log.createTopic("out", 1);
        Properties props = log.streamsProps("poisoned-repartition");
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        try (KafkaStreams streams = new KafkaStreams(repartitionTopology(), props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            produceStrings(log, "in", "a", "1");
            EmbeddedLogFixture.await(() -> values(log, "out").equals(List.of("1")), TIMEOUT, "the first output");
            producePoison(log, "poisoned-repartition-rekeyed-repartition");
            produceStrings(log, "in", "b", "2");
            EmbeddedLogFixture.await(() -> values(log, "out").equals(List.of("1", "2")), TIMEOUT,
                "the output after the poison record");
            EmbeddedLogFixture.await(() -> metric(streams, "dropped-records-total") == 1.0, TIMEOUT,
                "the poison record counted");
            assertEquals(KafkaStreams.State.RUNNING, streams.state());
        }
    }

    @Test
    void aPoisonRecordInARepartitionTopicFailsTheThreadNamingTheTopicByDefault() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        log.createTopic("out", 1);
        List<Throwable> handled = new CopyOnWriteArrayList<>();
        try (KafkaStreams streams = new KafkaStreams(repartitionTopology(), log.streamsProps("failing-repartition"))) {
            streams.setUncaughtExceptionHandler(failure -> {
                handled.add(failure);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            produceStrings(log, "in", "a", "1");
            EmbeddedLogFixture.await(() -> values(log, "out").equals(List.of("1")), TIMEOUT, "the first output");
            producePoison(log, "failing-repartition-rekeyed-repartition");
            EmbeddedLogFixture.await(() -> streams.state() == KafkaStreams.State.ERROR, TIMEOUT, "the client to stop");
        }
        assertEquals(1, handled.size(), handled.toString());
        String message = handled.get(0).getMessage();
        assertTrue(message.contains("failing-repartition-rekeyed-repartition"), message);
    }

    @Test
    void aThreadReplacedUnderExactlyOnceLeavesTheOutputOfAnUninterruptedRun() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 2);
        log.createTopic("counts", 1);
        List<String> failures = new CopyOnWriteArrayList<>();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .peek((key, value) -> {
                if (value.equals("boom") && failures.isEmpty()) {
                    failures.add(value);
                    throw new IllegalStateException("fails once, after updating the store in the open transaction");
                }
            })
            .groupByKey()
            .count(Materialized.as("counts"))
            .toStream()
            .to("counts", Produced.with(Serdes.String(), Serdes.Long()));
        Properties props = log.streamsProps("eos-replaced");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1_000);
        List<Throwable> handled = new CopyOnWriteArrayList<>();
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.setUncaughtExceptionHandler(failure -> {
                handled.add(failure);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            produceStrings(log, "in", "a", "1", "b", "1", "c", "1");
            log.awaitProcessed("eos-replaced", List.of("in"), TIMEOUT);
            produceStrings(log, "in", "a", "2", "b", "2", "a", "boom", "c", "2", "b", "3");
            produceStrings(log, "in", "a", "4", "c", "3");
            log.awaitProcessed("eos-replaced", List.of("in"), TIMEOUT);
            assertEquals(1, handled.size(), handled.toString());
        }
        List<ConsumerRecord<String, Long>> committed = log.readAll("counts", Serdes.String().deserializer(),
            Serdes.Long().deserializer(), true);
        int written = log.readAll("counts", Serdes.String().deserializer(), Serdes.Long().deserializer(), false).size();
        assertTrue(written > committed.size(), "the failed thread's transaction wrote updates, then was aborted");
        Map<String, List<Long>> countsByKey = new java.util.TreeMap<>();
        committed.forEach(record -> countsByKey.computeIfAbsent(record.key(), key -> new java.util.ArrayList<>())
                .add(record.value()));
        assertEquals(Map.of("a", List.of(1L, 2L, 3L, 4L), "b", List.of(1L, 2L, 3L), "c", List.of(1L, 2L, 3L)),
            countsByKey, "each input counted once: no update of the aborted transaction survives or repeats");
    }
}
