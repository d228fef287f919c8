package dev.runnel.streams.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.Topology;
import dev.runnel.streams.TopologyTestDriver;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Key-value store behaviour seen through {@link Stores} and a processor, as Kafka Streams' stores behave. */
class KeyValueStoreContractTest {
    @Test
    void shouldRejectEveryUseOfAnIteratorAfterItIsClosed() {
        for (KeyValueBytesStoreSupplier supplier : List.of(Stores.inMemoryKeyValueStore("kv"),
            Stores.lruMap("kv", 10))) {
            runInProcessor(supplier, store -> {
                store.put("a", "1");
                store.put("b", "2");
                List<Function<KeyValueStore<String, String>, KeyValueIterator<String, String>>> scans = List.of(
                    KeyValueStore::all, KeyValueStore::reverseAll, s -> s.range("a", "b"), s -> s.range("x", "y"),
                    s -> s.reverseRange(null, "b"), s -> s.prefixScan("a", Serdes.String().serializer()));
                for (var scan : scans) {
                    KeyValueIterator<String, String> iterator = scan.apply(store);
                    iterator.close();
                    iterator.close(); // closing twice is allowed
                    IllegalStateException e = assertThrows(IllegalStateException.class, iterator::hasNext);
                    assertEquals("Iterator for store kv has already been closed.", e.getMessage());
                    assertThrows(IllegalStateException.class, iterator::next);
                    assertThrows(IllegalStateException.class, iterator::peekNextKey);
                }
            });
        }
    }

    @Test
    void shouldNotCountAScanOfAnLruMapAsAUseOfItsKeys() {
        runInProcessor(Stores.lruMap("kv", 3), store -> {
            store.put("a", "1");
            store.put("b", "2");
            store.put("c", "3");
            store.get("a"); // least recently used first: b, c, a
            assertEquals(List.of("a", "b", "c"), keys(store.all()));
            assertEquals(List.of("c", "b"), keys(store.reverseRange("b", "c")));
            assertEquals(List.of("b"), keys(store.prefixScan("b", Serdes.String().serializer())));
            store.put("d", "4");
            assertEquals(List.of("a", "c", "d"), keys(store.all()), "b, the least recently used, is evicted");
            store.put("e", "5");
            assertEquals(List.of("a", "d", "e"), keys(store.all()), "then c");
        });
    }

    @Test
    void shouldNameANullPrefixOrPrefixSerializer() {
        runInProcessor(Stores.inMemoryKeyValueStore("kv"), store -> {
            NullPointerException e = assertThrows(NullPointerException.class,
                () -> store.prefixScan(null, Serdes.String().serializer()));
            assertEquals("prefix cannot be null", e.getMessage());
            e = assertThrows(NullPointerException.class, () -> store.prefixScan("a", null));
            assertEquals("prefixKeySerializer cannot be null", e.getMessage());
        });
    }

    private static List<String> keys(KeyValueIterator<String, String> iterator) {
        List<String> keys = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    /** Runs {@code body} on the store inside a processor's {@code process}, as an application's code would. */
    private static void runInProcessor(KeyValueBytesStoreSupplier supplier,
        Consumer<KeyValueStore<String, String>> body) {
        List<KeyValue<String, String>> processed = new ArrayList<>();
        Topology topology = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("run", () -> new ContextualProcessor<String, String, Void, Void>() {
                @Override
                public void process(Record<String, String> record) {
                    body.accept(context().getStateStore(supplier.name()));
                    processed.add(KeyValue.pair(record.key(), record.value()));
                }
            }, "source")
            .addStateStore(Stores.keyValueStoreBuilder(supplier, Serdes.String(), Serdes.String()), "run");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
            driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeInput("k", "v");
        }
        assertEquals(1, processed.size(), "the body ran once");
    }
}
