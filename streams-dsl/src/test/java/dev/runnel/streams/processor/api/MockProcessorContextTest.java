package dev.runnel.streams.processor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.config.ConfigException;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.processor.Cancellable;
import dev.runnel.streams.processor.PunctuationType;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.api.MockProcessorContext.CapturedForward;
import dev.runnel.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.Stores;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A real processor with a real store, tested through the mock context as Kafka's documentation shows. */
class MockProcessorContextTest {
    /**
     * Counts words per key in a store; forwards each new count to "counts", flags long words to "alerts", emits all
     * counts on a wall-clock punctuation and asks for a commit when a key reaches 3.
     */
    private static final class WordCounter implements Processor<String, String, String, Long> {
        private ProcessorContext<String, Long> context;
        private KeyValueStore<String, Long> store;
        private Cancellable schedule;

        @Override
        public void init(ProcessorContext<String, Long> context) {
            this.context = context;
            this.store = context.getStateStore("counts");
            this.schedule = context.schedule(Instant.ofEpochMilli(60_000L), Duration.ofSeconds(10),
                PunctuationType.WALL_CLOCK_TIME, this::emitAll);
        }

        @Override
        public void process(Record<String, String> record) {
            for (String word : record.value().split(" ")) {
                long count = Optional.ofNullable(store.get(word)).orElse(0L) + 1;
                store.put(word, count);
                context.forward(record.withKey(word).withValue(count), "counts");
                if (word.length() > 8) {
                    context.forward(record.withKey(word).withValue(-1L), "alerts");
                }
                if (count == 3) {
                    context.commit();
                }
            }
        }

        private void emitAll(long timestamp) {
            try (KeyValueIterator<String, Long> all = store.all()) {
                all.forEachRemaining(entry -> context.forward(new Record<>(entry.key, entry.value, timestamp)));
            }
            schedule.cancel();
        }
    }

    private static MockProcessorContext<String, Long> contextWithStore() {
        MockProcessorContext<String, Long> context = new MockProcessorContext<>();
        KeyValueStore<String, Long> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("counts"),
                Serdes.String(), Serdes.Long())
            .withLoggingDisabled()
            .build();
        store.init(context.getStateStoreContext(), store);
        return context;
    }

    @Test
    void shouldCaptureForwardsWithTheirChildAndKeepCountsInTheRegisteredStore() {
        MockProcessorContext<String, Long> context = contextWithStore();
        WordCounter counter = new WordCounter();
        counter.init(context);

        counter.process(new Record<>("line", "hello extraordinary hello", 5L));

        assertEquals(List.of(
                new CapturedForward<>(new Record<>("hello", 1L, 5L), Optional.of("counts")),
                new CapturedForward<>(new Record<>("extraordinary", 1L, 5L), Optional.of("counts")),
                new CapturedForward<>(new Record<>("extraordinary", -1L, 5L), Optional.of("alerts")),
                new CapturedForward<>(new Record<>("hello", 2L, 5L), Optional.of("counts"))),
            context.forwarded());
        assertEquals(1, context.forwarded("alerts").size());
        assertEquals(3, context.forwarded("counts").size());
        KeyValueStore<String, Long> store = context.getStateStore("counts");
        assertEquals(2L, store.get("hello"));
        assertFalse(context.committed());

        context.resetForwards();
        counter.process(new Record<>("line", "hello", 6L));
        assertEquals(List.of(new CapturedForward<>(new Record<>("hello", 3L, 6L), Optional.of("counts"))),
            context.forwarded());
        assertTrue(context.committed());
        context.resetCommit();
        assertFalse(context.committed());
    }

    @Test
    void shouldCaptureAnchoredPunctuatorsThatTheTestRunsItself() {
        MockProcessorContext<String, Long> context = contextWithStore();
        WordCounter counter = new WordCounter();
        counter.init(context);
        counter.process(new Record<>("line", "a b", 1L));
        context.resetForwards();

        List<CapturedPunctuator> punctuators = context.scheduledPunctuators();
        assertEquals(1, punctuators.size());
        CapturedPunctuator punctuator = punctuators.get(0);
        assertEquals(Instant.ofEpochMilli(60_000L), punctuator.getStartTime());
        assertEquals(Duration.ofSeconds(10), punctuator.getInterval());
        assertEquals(PunctuationType.WALL_CLOCK_TIME, punctuator.getType());
        assertFalse(punctuator.cancelled());

        punctuator.getPunctuator().punctuate(60_000L);

        // Forwarded to all children: every child's view includes them.
        assertEquals(2, context.forwarded("counts").size());
        assertEquals(new CapturedForward<>(new Record<>("a", 1L, 60_000L)), context.forwarded().get(0));
        assertTrue(context.scheduledPunctuators().get(0).cancelled());
    }

    @Test
    void shouldRecordAnUnanchoredScheduleWithoutStartTime() {
        MockProcessorContext<String, Long> context = new MockProcessorContext<>();
        context.schedule(Duration.ofMillis(5), PunctuationType.STREAM_TIME, timestamp -> { });
        assertNull(context.scheduledPunctuators().get(0).getStartTime());
    }

    @Test
    void shouldReturnWhatTheTestSet() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "words");
        config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        config.put("custom.threshold", "7");
        File stateDir = new File("state");
        MockProcessorContext<String, Long> context = new MockProcessorContext<>(config, new TaskId(1, 2), stateDir);

        assertEquals("words", context.applicationId());
        assertEquals(new TaskId(1, 2), context.taskId());
        assertSame(stateDir, context.stateDir());
        assertTrue(context.keySerde() instanceof Serdes.StringSerde);
        assertNull(context.valueSerde());
        assertEquals("7", context.appConfigs().get("custom.threshold"));
        assertEquals("7", context.appConfigsWithPrefix("custom.").get("threshold"));
        assertTrue(context.recordMetadata().isEmpty());

        context.setRecordMetadata("lines", 3, 42L);
        context.setCurrentSystemTimeMs(1_000L);
        context.setCurrentStreamTimeMs(500L);
        RecordMetadata metadata = context.recordMetadata().orElseThrow();
        assertEquals("lines", metadata.topic());
        assertEquals(3, metadata.partition());
        assertEquals(42L, metadata.offset());
        assertEquals(metadata, context.getStateStoreContext().recordMetadata().orElseThrow());
        assertEquals(1_000L, context.currentSystemTimeMs());
        assertEquals(500L, context.currentStreamTimeMs());
    }

    @Test
    void shouldRequireAnApplicationIdWhenGivenConfigs() {
        assertThrows(ConfigException.class, () -> new MockProcessorContext<>(new Properties()));
    }
}
