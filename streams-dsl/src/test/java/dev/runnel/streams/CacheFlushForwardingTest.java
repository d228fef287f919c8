package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.internal.state.ThreadCache;
import dev.runnel.streams.internal.state.WrappedKeyValueBytesStore;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Grouped;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.state.KeyValueBytesStoreSupplier;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.Stores;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Aggregations forward what the record cache writes down: one record per key and commit with the latest value when a
 * thread cache is set, every update without one; in headers-aware stores too (KIP-1285). Drives a task by hand
 * ({@link TaskDriver}).
 */
class CacheFlushForwardingTest {
    private static TaskDriver task(ThreadCache cache) {
        return task(cache, StreamsConfig.DSL_STORE_FORMAT_DEFAULT);
    }

    private static TaskDriver task(ThreadCache cache, String dslStoreFormat) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("words", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .count(Materialized.as("counts"))
            .toStream()
            .to("counts-out", Produced.with(Serdes.String(), Serdes.Long()));
        return new TaskDriver(builder, cache, dslStoreFormat);
    }

    @ParameterizedTest(name = "dsl.store.format={0}")
    @ValueSource(strings = {StreamsConfig.DSL_STORE_FORMAT_DEFAULT, StreamsConfig.DSL_STORE_FORMAT_HEADERS})
    void shouldCollapseUpdatesOfAKeyBetweenCommitsWithACache(String dslStoreFormat) {
        TaskDriver task = task(new ThreadCache(1 << 20), dslStoreFormat);
        List<String> outputs = task.outputs("counts-out");
        task.pipe("a", "a", "b", "a");
        assertEquals(List.of(), outputs, "nothing is forwarded before the cache flushes");
        task.commit();
        assertEquals(List.of("b=1", "a=3"), outputs, "one record per key, latest value, in last-update order");
        outputs.clear();
        task.pipe("b");
        task.commit();
        task.commit();
        assertEquals(List.of("b=2"), outputs, "a clean cache flushes nothing");
        task.close();
    }

    @Test
    void shouldForwardEveryUpdateWithoutACache() {
        TaskDriver task = task(null);
        List<String> outputs = task.outputs("counts-out");
        task.pipe("a", "a", "b");
        assertEquals(List.of("a=1", "a=2", "b=1"), outputs);
        task.commit();
        assertEquals(3, outputs.size(), "nothing more on commit");
        task.close();
    }

    @Test
    void shouldFlushChainedCachesOfATaskInOneCommit() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("words", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .count(Materialized.as("counts"))
            .toStream()
            .groupByKey(Grouped.with(Serdes.String(), Serdes.Long()))
            .reduce((previous, latest) -> latest * 10, Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(
                "reduced").withValueSerde(Serdes.Long()))
            .toStream()
            .to("counts-out", Produced.with(Serdes.String(), Serdes.Long()));
        TaskDriver task = new TaskDriver(builder, new ThreadCache(1 << 20));
        List<String> outputs = task.outputs("counts-out");
        task.pipe("a", "a");
        task.commit();
        // The count's flush forwards a=2 into the reduce's cache, flushed next in the same commit: 2 is its first.
        assertEquals(List.of("a=2"), outputs);
        task.pipe("a");
        task.commit();
        assertEquals(List.of("a=2", "a=30"), outputs);
        task.close();
    }

    @Test
    void shouldNotReadOldValuesOnFlushWhenTheTableIsOnlyTurnedIntoAStream() {
        CountingStoreSupplier counts = new CountingStoreSupplier("counts");
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("words", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .count(Materialized.as(counts))
            .toStream()
            .to("counts-out", Produced.with(Serdes.String(), Serdes.Long()));
        TaskDriver task = new TaskDriver(builder, new ThreadCache(1 << 20));
        List<String> outputs = task.outputs("counts-out");
        task.pipe("a", "b", "a");
        long readsWhileProcessing = counts.reads;
        task.commit();
        assertEquals(List.of("b=1", "a=2"), outputs);
        assertEquals(readsWhileProcessing, counts.reads, "toStream reads no old value, so the flush reads no store");
        task.close();
    }

    @Test
    void shouldReadOldValuesOnFlushForATableOperatorDownstream() {
        CountingStoreSupplier counts = new CountingStoreSupplier("counts");
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("words", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .count(Materialized.as(counts))
            .filter((word, count) -> count > 1)
            .toStream()
            .to("counts-out", Produced.with(Serdes.String(), Serdes.Long()));
        TaskDriver task = new TaskDriver(builder, new ThreadCache(1 << 20));
        task.pipe("a", "b", "a");
        long readsWhileProcessing = counts.reads;
        task.commit();
        // A table filter may use a change's old value (a key that stops passing forwards a tombstone).
        assertEquals(readsWhileProcessing + 2, counts.reads, "the flush reads the old count of each key");
        task.close();
    }

    /** Supplies in-memory stores that count their reads. */
    private static final class CountingStoreSupplier implements KeyValueBytesStoreSupplier {
        private final KeyValueBytesStoreSupplier inner;
        long reads;

        CountingStoreSupplier(String name) {
            this.inner = Stores.inMemoryKeyValueStore(name);
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public KeyValueStore<Bytes, byte[]> get() {
            return new WrappedKeyValueBytesStore(inner.get()) {
                @Override
                public byte[] get(Bytes key) {
                    reads++;
                    return super.get(key);
                }
            };
        }

        @Override
        public String metricsScope() {
            return inner.metricsScope();
        }
    }
}
