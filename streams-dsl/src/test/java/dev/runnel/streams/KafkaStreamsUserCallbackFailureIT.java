package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.errors.LogAndContinueProcessingExceptionHandler;
import dev.runnel.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.processor.PunctuationType;
import dev.runnel.streams.processor.StateRestoreListener;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User code that throws outside a processor's {@code process} on a running application: a timestamp extractor, a
 * punctuator, a restore listener, a state listener. Each failure reaches the processing exception handler or the
 * uncaught exception handler with the user's own exception, as in Kafka Streams.
 */
class KafkaStreamsUserCallbackFailureIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path root;

    private static List<String> values(EmbeddedLogFixture log, String topic) {
        return log.readAll(topic, Serdes.String().deserializer(), Serdes.String().deserializer(), false).stream()
            .map(ConsumerRecord::value).toList();
    }

    private static void produce(EmbeddedLogFixture log, String topic, String key, String value) {
        log.produce(topic, List.of(KeyValue.pair(key, value)), Serdes.String().serializer(),
            Serdes.String().serializer(), 1_000L);
    }

    /** Starts {@code streams}, shutting the client down on the first uncaught exception, which it adds to the list. */
    private static List<Throwable> startShuttingDownOnFailure(KafkaStreams streams) {
        List<Throwable> handled = new CopyOnWriteArrayList<>();
        streams.setUncaughtExceptionHandler(failure -> {
            handled.add(failure);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        return handled;
    }

    /** Forwards every record; every 10 ms of wall-clock time a punctuation adds its time to a list and throws. */
    private static final class FailingPunctuation extends ContextualProcessor<String, String, String, String> {
        private final List<Long> punctuations;

        FailingPunctuation(List<Long> punctuations) {
            this.punctuations = punctuations;
        }

        @Override
        public void init(ProcessorContext<String, String> context) {
            super.init(context);
            context.schedule(Duration.ofMillis(10), PunctuationType.WALL_CLOCK_TIME, time -> {
                punctuations.add(time);
                throw new IllegalStateException("punctuator failed on purpose");
            });
        }

        @Override
        public void process(Record<String, String> record) {
            context().forward(record);
        }
    }

    private static boolean causedBy(Throwable failure, String message) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (message.equals(cause.getMessage())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aTimestampExtractorThatThrowsFailsTheThreadWithItsException() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        log.createTopic("out", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withTimestampExtractor(
            (record, partitionTime) -> {
                if ("boom".equals(record.value())) {
                    throw new IllegalArgumentException("extractor failed on purpose");
                }
                return record.timestamp();
            })).to("out", Produced.with(Serdes.String(), Serdes.String()));
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("failing-extractor"))) {
            List<Throwable> handled = startShuttingDownOnFailure(streams);
            produce(log, "in", "k", "fine");
            produce(log, "in", "k", "boom");
            EmbeddedLogFixture.await(() -> streams.state() == KafkaStreams.State.ERROR, TIMEOUT, "the client to stop");
            assertEquals(1, handled.size(), handled.toString());
            assertTrue(causedBy(handled.get(0), "extractor failed on purpose"), handled.toString());
            assertTrue(handled.get(0).getMessage().contains("offset 1"), handled.get(0).getMessage());
            assertEquals(List.of("fine"), values(log, "out"));
        }
    }

    @Test
    void aPunctuatorThatThrowsIsSkippedByLogAndContinueAndProcessingGoesOn() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        log.createTopic("out", 1);
        List<Long> punctuations = new CopyOnWriteArrayList<>();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .process(() -> new FailingPunctuation(punctuations))
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        Properties props = log.streamsProps("failing-punctuator");
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
            LogAndContinueProcessingExceptionHandler.class);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            List<Throwable> handled = startShuttingDownOnFailure(streams);
            EmbeddedLogFixture.await(() -> punctuations.size() >= 3, TIMEOUT, "the punctuator to run and fail");
            produce(log, "in", "k", "v");
            EmbeddedLogFixture.await(() -> values(log, "out").equals(List.of("v")), TIMEOUT, "the output");
            assertEquals(KafkaStreams.State.RUNNING, streams.state());
            assertEquals(List.of(), handled);
        }
    }

    @Test
    void aPunctuatorThatThrowsFailsTheThreadByDefault() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .process(() -> new FailingPunctuation(new CopyOnWriteArrayList<>()));
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("failing-punctuator"))) {
            List<Throwable> handled = startShuttingDownOnFailure(streams);
            EmbeddedLogFixture.await(() -> streams.state() == KafkaStreams.State.ERROR, TIMEOUT, "the client to stop");
            assertEquals(1, handled.size(), handled.toString());
            assertTrue(causedBy(handled.get(0), "punctuator failed on purpose"), handled.toString());
        }
    }

    @Test
    void aRestoreListenerThatThrowsFailsTheThreadWithItsException() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .count(Materialized.as("counts"));
        // A changelog with a record to restore, as a previous run would have left it.
        log.createTopic("failing-restore-counts-changelog", 1);
        log.produce("failing-restore-counts-changelog", List.of(KeyValue.pair("k", 1L)),
            Serdes.String().serializer(), Serdes.Long().serializer(), 1_000L);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("failing-restore"))) {
            streams.setGlobalStateRestoreListener(new StateRestoreListener() {
                @Override
                public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
                    throw new IllegalStateException("restore listener failed on purpose");
                }

                @Override
                public void onBatchRestored(TopicPartition partition, String store, long batchEnd, long count) {
                }

                @Override
                public void onRestoreEnd(TopicPartition partition, String store, long total) {
                }
            });
            List<KafkaStreams.State> states = new CopyOnWriteArrayList<>();
            streams.setStateListener((newState, oldState) -> states.add(newState));
            List<Throwable> handled = startShuttingDownOnFailure(streams);
            EmbeddedLogFixture.await(() -> streams.state() == KafkaStreams.State.ERROR, TIMEOUT, "the client to stop");
            assertEquals(1, handled.size(), handled.toString());
            assertTrue(causedBy(handled.get(0), "restore listener failed on purpose"), handled.toString());
            assertEquals(List.of(KafkaStreams.State.REBALANCING, KafkaStreams.State.PENDING_ERROR,
                KafkaStreams.State.ERROR), states, "never RUNNING: the only thread failed while restoring");
        }
    }

    @Test
    void aStateListenerThatThrowsFailsTheThreadThatChangedTheState() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).foreach((key, value) -> { });
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("failing-listener"))) {
            streams.setStateListener((newState, oldState) -> {
                if (newState == KafkaStreams.State.RUNNING) {
                    throw new IllegalStateException("state listener failed on purpose");
                }
            });
            List<Throwable> handled = startShuttingDownOnFailure(streams);
            EmbeddedLogFixture.await(() -> streams.state() == KafkaStreams.State.ERROR, TIMEOUT, "the client to stop");
            assertEquals(1, handled.size(), handled.toString());
            assertTrue(causedBy(handled.get(0), "state listener failed on purpose"), handled.toString());
        }
    }
}
