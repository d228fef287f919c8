package dev.runnel.streams.kstream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.Stores;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A null argument of a DSL operation fails at once with Kafka Streams' {@link NullPointerException} message, which
 * names the parameter and is worded per operation as Kafka's is: "cannot be null" throughout KStream, "can't be null"
 * in most of KTable and the groupings, "name" for a grouped stream's reduce and "joinName" for table-table joins. The
 * overloads without the argument pass a default instead, so only a null the caller gave fails.
 */
class DslNullArgumentsTest {
    private static final Duration TEN_MS = Duration.ofMillis(10);
    private static final ProcessorSupplier<String, String, String, String> PROCESSOR = () -> new Processor<>() {
        @Override
        public void process(Record<String, String> record) {
        }
    };

    static Stream<Arguments> nullArguments() {
        return Stream.of(
            // KStream: "cannot be null"
            npe("predicate cannot be null", () -> stream().filter(null)),
            npe("named cannot be null", () -> stream().filter((k, v) -> true, null)),
            npe("named cannot be null", () -> stream().selectKey((k, v) -> k, null)),
            npe("named cannot be null", () -> stream().map(KeyValue::pair, null)),
            npe("named cannot be null", () -> stream().mapValues(v -> v, (Named) null)),
            npe("named cannot be null", () -> stream().flatMapValues(v -> List.of(v), (Named) null)),
            npe("named cannot be null", () -> stream().peek((k, v) -> { }, null)),
            npe("named cannot be null", () -> stream().foreach((k, v) -> { }, null)),
            npe("named cannot be null", () -> stream().split(null)),
            npe("otherStream cannot be null", () -> stream().merge(null)),
            npe("named cannot be null", () -> stream().merge(stream(), null)),
            npe("named cannot be null", () -> stream().toTable((Named) null)),
            npe("grouped cannot be null", () -> stream().groupByKey(null)),
            npe("grouped cannot be null", () -> stream().groupBy((k, v) -> k, null)),
            npe("topic cannot be null", () -> stream().to((String) null)),
            npe("produced cannot be null", () -> stream().to("out", null)),
            npe("named cannot be null", () -> stream().process(PROCESSOR, (Named) null)),
            npe("stateStoreNames cannot be a null array", () -> stream().process(PROCESSOR, (String[]) null)),
            npe("state store name cannot be null", () -> stream().process(PROCESSOR, new String[] {null})),
            npe("joiner cannot be null", () -> stream().join(table(), (ValueJoiner<String, String, String>) null)),
            npe("named cannot be null", () -> withBuilder(builder -> builder.<String, String>stream("in")
                .join(builder.<String, String>globalTable("g"), (k, v) -> k, (v, w) -> v, null))),
            npe("otherStream cannot be null", () -> stream().join(null, (v, w) -> v,
                JoinWindows.ofTimeDifferenceWithNoGrace(TEN_MS))),
            // KTable
            npe("named cannot be null", () -> table().filter((k, v) -> true, (Named) null)),
            npe("named cannot be null", () -> table().mapValues(v -> v, (Named) null)),
            npe("materialized can't be null", () -> table().mapValues((k, v) -> v, Named.as("m"), null)),
            npe("named can't be null", () -> table().toStream((Named) null)),
            npe("mapper cannot be null", () -> table().toStream((KeyValueMapper<String, String, String>) null)),
            npe("named can't be null", () -> table().toStream((k, v) -> k, null)),
            npe("grouped can't be null", () -> table().groupBy(KeyValue::pair, null)),
            npe("joinName can't be null", () -> table().join(table(), (v, w) -> v, (Named) null)),
            npe("joinName can't be null", () -> table().leftJoin(table(), (v, w) -> v, (Named) null)),
            npe("joinName can't be null", () -> table().outerJoin(table(), (v, w) -> v, (Named) null)),
            npe("foreignKeyTable can't be null", () -> table().join(null, (Function<String, String>) v -> v,
                (v, w) -> v)),
            npe("processorName can't be null", () -> table().transformValues(() -> null, (Named) null)),
            npe("transformerSupplier", () -> table().transformValues(null)),
            // grouped streams and tables
            npe("named can't be null", () -> stream().groupByKey().count((Named) null)),
            npe("named cannot be null", () -> stream().groupByKey().count(null, Materialized.as("c"))),
            npe("materialized can't be null", () -> stream().groupByKey().count((Materialized) null)),
            npe("name can't be null", () -> stream().groupByKey().reduce((v, w) -> v, null, Materialized.as("r"))),
            npe("named can't be null", () -> stream().groupByKey().aggregate(() -> "", (k, v, a) -> a, null,
                Materialized.as("a"))),
            npe("named cannot be null", () -> table().groupBy(KeyValue::pair).count((Named) null)),
            npe("named can't be null", () -> table().groupBy(KeyValue::pair).reduce((v, w) -> v, (v, w) -> v, null,
                Materialized.as("r"))),
            npe("named can't be null", () -> table().groupBy(KeyValue::pair).aggregate(() -> "", (k, v, a) -> a,
                (k, v, a) -> a, (Named) null)),
            // windowed streams
            npe("named cannot be null", () -> timeWindowed().count((Named) null)),
            npe("materialized can't be null", () -> timeWindowed().count((Materialized) null)),
            npe("named can't be null", () -> timeWindowed().reduce((v, w) -> v, (Named) null)),
            npe("named cannot be null", () -> timeWindowed().aggregate(() -> "", (k, v, a) -> a, (Named) null)),
            npe("named cannot be null", () -> stream().groupByKey()
                .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(TEN_MS))
                .aggregate(() -> "", (k, v, a) -> a, (k, a, b) -> a, (Named) null)),
            // cogrouped streams
            npe("named can't be null", () -> cogrouped().aggregate(() -> "", (Named) null)),
            npe("slidingWindows can't be null", () -> cogrouped().windowedBy((SlidingWindows) null)),
            npe("sessionWindows can't be null", () -> cogrouped().windowedBy((SessionWindows) null)),
            npe("named can't be null", () -> cogrouped().windowedBy(TimeWindows.ofSizeWithNoGrace(TEN_MS))
                .aggregate(() -> "", (Named) null)),
            npe("named can't be null", () -> cogrouped().windowedBy(SessionWindows.ofInactivityGapWithNoGrace(TEN_MS))
                .aggregate(() -> "", (k, a, b) -> a, (Named) null)),
            // StreamsBuilder
            npe("storeBuilder can't be null", () -> new StreamsBuilder().addGlobalStore(null, "t",
                Consumed.with(Serdes.String(), Serdes.String()), () -> null)),
            npe("consumed can't be null", () -> new StreamsBuilder().addGlobalStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("g"), Serdes.String(), Serdes.String()), "t", null, () -> null)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("nullArguments")
    void aNullArgumentFailsWithKafkasMessage(String message, Executable call) {
        assertEquals(message, assertThrows(NullPointerException.class, call).getMessage());
    }

    @Test
    void aTableRefusesAMissingSuppressionAsAnUnsupportedOne() {
        // Kafka Streams only accepts its own Suppressed implementations, and null is none of them
        assertEquals("Custom subclasses of Suppressed are not supported.",
            assertThrows(IllegalArgumentException.class, () -> table().suppress(null)).getMessage());
    }

    @Test
    void buildingWithoutPropertiesTakesTheDefaults() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        assertDoesNotThrow(() -> builder.build((Properties) null));
    }

    private static Arguments npe(String message, Executable call) {
        return Arguments.of(message, call);
    }

    private static KStream<String, String> stream() {
        return new StreamsBuilder().stream("in");
    }

    private static KTable<String, String> table() {
        return new StreamsBuilder().table("table");
    }

    private static TimeWindowedKStream<String, String> timeWindowed() {
        return stream().groupByKey().windowedBy(TimeWindows.ofSizeWithNoGrace(TEN_MS));
    }

    private static CogroupedKStream<String, String> cogrouped() {
        return stream().groupByKey().cogroup((k, v, a) -> a);
    }

    private static void withBuilder(Consumer<StreamsBuilder> operations) {
        operations.accept(new StreamsBuilder());
    }
}
