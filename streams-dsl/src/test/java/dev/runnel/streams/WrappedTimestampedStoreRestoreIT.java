package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.Stores;
import dev.runnel.streams.state.TimestampedKeyValueStore;
import dev.runnel.streams.state.ValueAndTimestamp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's store wrapping a timestamped store (as a tracing or auditing wrapper does, hiding the timestamped type):
 * its changelog holds plain values, as Kafka Streams logs a timestamped store's, and a restart without local state
 * restores the values and their timestamps from it.
 */
class WrappedTimestampedStoreRestoreIT {
    private static final String APP = "wrapped-ts";
    private static final String STORE = "totals";

    @TempDir
    Path root;

    @Test
    void restoresWhatItLogged() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("amounts", 1);
        log.produce("amounts", List.of(KeyValue.pair("a", 5L), KeyValue.pair("b", 7L), KeyValue.pair("a", 1L)),
            Serdes.String().serializer(), Serdes.Long().serializer(), 1_000L);
        Map<String, ValueAndTimestamp<Long>> seen = new ConcurrentHashMap<>();
        run(log, seen);
        assertEquals(ValueAndTimestamp.make(6L, seen.get("a").timestamp()), seen.get("a"));

        List<ConsumerRecord<String, byte[]>> changes = log.readAll(APP + "-" + STORE + "-changelog",
            Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), false);
        assertArrayEquals(Serdes.Long().serializer().serialize("", 6L), changes.get(changes.size() - 1).value(),
            "the plain value, as Kafka Streams logs a timestamped store's");

        EmbeddedLogFixture.deleteLocalState(topology(seen), log.streamsProps(APP));
        log.produce("amounts", List.of(KeyValue.pair("a", 10L)), Serdes.String().serializer(),
            Serdes.Long().serializer(), 2_000L);
        Map<String, ValueAndTimestamp<Long>> afterRestart = new ConcurrentHashMap<>();
        run(log, afterRestart);
        assertEquals(16L, afterRestart.get("a").value(), "the restored total went on");
    }

    private void run(EmbeddedLogFixture log, Map<String, ValueAndTimestamp<Long>> seen) {
        try (KafkaStreams streams = new KafkaStreams(topology(seen), log.streamsProps(APP))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            log.awaitProcessed(APP, List.of("amounts"), Duration.ofSeconds(30));
        }
    }

    private static Topology topology(Map<String, ValueAndTimestamp<Long>> seen) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(new WrappingBuilder(Stores.timestampedKeyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.Long())));
        builder.stream("amounts", Consumed.with(Serdes.String(), Serdes.Long()))
            .process(() -> new ContextualProcessor<String, Long, Void, Void>() {
                private KeyValueStore<String, ValueAndTimestamp<Long>> totals;

                @Override
                public void init(ProcessorContext<Void, Void> context) {
                    super.init(context);
                    totals = context.getStateStore(STORE);
                }

                @Override
                public void process(Record<String, Long> record) {
                    ValueAndTimestamp<Long> old = totals.get(record.key());
                    ValueAndTimestamp<Long> total = ValueAndTimestamp.make(
                        (old == null ? 0L : old.value()) + record.value(), record.timestamp());
                    totals.put(record.key(), total);
                    seen.put(record.key(), total);
                }
            }, STORE);
        return builder.build();
    }

    /** Builds the user's wrapper around what the timestamped builder builds. */
    private record WrappingBuilder(StoreBuilder<TimestampedKeyValueStore<String, Long>> inner)
        implements StoreBuilder<KeyValueStore<String, ValueAndTimestamp<Long>>> {
        @Override
        public StoreBuilder<KeyValueStore<String, ValueAndTimestamp<Long>>> withCachingEnabled() {
            return new WrappingBuilder(inner.withCachingEnabled());
        }

        @Override
        public StoreBuilder<KeyValueStore<String, ValueAndTimestamp<Long>>> withCachingDisabled() {
            return new WrappingBuilder(inner.withCachingDisabled());
        }

        @Override
        public StoreBuilder<KeyValueStore<String, ValueAndTimestamp<Long>>> withLoggingEnabled(
            Map<String, String> config) {
            return new WrappingBuilder(inner.withLoggingEnabled(config));
        }

        @Override
        public StoreBuilder<KeyValueStore<String, ValueAndTimestamp<Long>>> withLoggingDisabled() {
            return new WrappingBuilder(inner.withLoggingDisabled());
        }

        @Override
        public KeyValueStore<String, ValueAndTimestamp<Long>> build() {
            return new AuditingStore(inner.build());
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }

    /** A plain key-value store of timestamped values that passes every call on; its type hides the timestamps. */
    private record AuditingStore(KeyValueStore<String, ValueAndTimestamp<Long>> inner)
        implements KeyValueStore<String, ValueAndTimestamp<Long>> {
        @Override
        public void put(String key, ValueAndTimestamp<Long> value) {
            inner.put(key, value);
        }

        @Override
        public ValueAndTimestamp<Long> putIfAbsent(String key, ValueAndTimestamp<Long> value) {
            return inner.putIfAbsent(key, value);
        }

        @Override
        public void putAll(List<KeyValue<String, ValueAndTimestamp<Long>>> entries) {
            inner.putAll(entries);
        }

        @Override
        public ValueAndTimestamp<Long> delete(String key) {
            return inner.delete(key);
        }

        @Override
        public ValueAndTimestamp<Long> get(String key) {
            return inner.get(key);
        }

        @Override
        public KeyValueIterator<String, ValueAndTimestamp<Long>> range(String from, String to) {
            return inner.range(from, to);
        }

        @Override
        public KeyValueIterator<String, ValueAndTimestamp<Long>> all() {
            return inner.all();
        }

        @Override
        public long approximateNumEntries() {
            return inner.approximateNumEntries();
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public void init(StateStoreContext context, StateStore root) {
            inner.init(context, root);
        }

        @Override
        public void flush() {
            inner.flush();
        }

        @Override
        public void close() {
            inner.close();
        }

        @Override
        public boolean persistent() {
            return inner.persistent();
        }

        @Override
        public boolean isOpen() {
            return inner.isOpen();
        }
    }
}
