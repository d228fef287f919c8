package dev.runnel.streams.kstream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.errors.TopologyException;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * When the names given to option objects are checked, as in Kafka Streams: {@code Named.as} and
 * {@code Materialized.as} check theirs at once; the other options carry any string, and the operation that names a
 * processor after it checks it ({@code stream}, {@code table}, {@code to}, joins, {@code groupBy}, {@code print}).
 * Names that only end up in a topic or store name ({@code Grouped} of {@code groupByKey}, {@code Repartitioned},
 * {@code Suppressed}, {@code Branched}) are not checked by the DSL at all.
 */
class OptionNameValidationTest {
    private static final String ILLEGAL_CHARACTER = "Invalid topology: Name \"bad!\" is illegal, it contains a"
        + " character other than ASCII alphanumerics, '.', '_' and '-'";
    private static final Duration TEN_MS = Duration.ofMillis(10);

    @ParameterizedTest
    @ValueSource(strings = {".", ".."})
    void dotAndDotDotAreIllegalNames(String name) {
        // "." and ".." would be special as file names (store directories), so they are refused as names
        String message = "Invalid topology: Name cannot be \".\" or \"..\"";
        assertEquals(message, assertThrows(TopologyException.class, () -> Named.as(name)).getMessage());
        assertEquals(message, assertThrows(TopologyException.class, () -> Materialized.as(name)).getMessage());
        assertEquals(message, failure(builder -> builder.stream("in", Consumed.as(name))).getMessage());
    }

    @Test
    void optionFactoriesOtherThanNamedAndMaterializedAcceptAnyName() {
        assertDoesNotThrow(() -> Produced.as("bad!"));
        assertDoesNotThrow(() -> Consumed.as("bad!"));
        assertDoesNotThrow(() -> Joined.as("bad!"));
        assertDoesNotThrow(() -> TableJoined.as("bad!"));
        assertDoesNotThrow(() -> StreamJoined.as("bad!").withName("bad!"));
        assertDoesNotThrow(() -> Grouped.as("bad!"));
        assertDoesNotThrow(() -> Grouped.with("", null, null));
        assertDoesNotThrow(() -> Repartitioned.as("bad!"));
        assertDoesNotThrow(() -> Suppressed.untilTimeLimit(TEN_MS, Suppressed.BufferConfig.unbounded()).withName(""));
        assertDoesNotThrow(() -> Branched.as("bad!"));
        assertDoesNotThrow(() -> Printed.toSysOut().withName("bad!"));
    }

    @Test
    void operationsNamingAProcessorAfterTheOptionCheckTheName() {
        assertIllegal(builder -> builder.stream("in", Consumed.as("bad!")));
        assertIllegal(builder -> builder.table("in", Consumed.as("bad!")));
        assertIllegal(builder -> builder.globalTable("in", Consumed.as("bad!")));
        assertIllegal(builder -> builder.stream("in").to("out", Produced.as("bad!")));
        assertIllegal(builder -> builder.stream("in").join(builder.table("t"), (v, w) -> v, Joined.as("bad!")));
        assertIllegal(builder -> builder.stream("in").join(builder.stream("other"), (v, w) -> v,
            JoinWindows.ofTimeDifferenceWithNoGrace(TEN_MS), StreamJoined.as("store").withName("bad!")));
        assertIllegal(builder -> builder.table("t1").join(builder.table("t2"), v -> v, (v, w) -> v,
            TableJoined.as("bad!")));
        assertIllegal(builder -> builder.stream("in").groupBy((k, v) -> k, Grouped.as("bad!")));
        assertIllegal(builder -> builder.table("t").groupBy(KeyValue::pair, Grouped.as("bad!")));
        assertIllegal(builder -> builder.stream("in").print(Printed.toSysOut().withName("bad!")));
    }

    @Test
    void namesThatOnlyNameTopicsOrStoresAreNotChecked() {
        // a StreamJoined's own name (as(...)) names the join's stores, not a processor
        assertBuilds(builder -> builder.stream("in").join(builder.stream("other"), (v, w) -> v,
            JoinWindows.ofTimeDifferenceWithNoGrace(TEN_MS), StreamJoined.as("bad!")));
        assertBuilds(builder -> builder.stream("in").groupByKey(Grouped.as("bad!")).count());
        assertBuilds(builder -> builder.stream("in").repartition(Repartitioned.as("bad!")));
        assertBuilds(builder -> builder.table("t")
            .suppress(Suppressed.untilTimeLimit(TEN_MS, Suppressed.BufferConfig.unbounded()).withName("bad!")));
        assertBuilds(builder -> builder.stream("in").split().branch((k, v) -> true, Branched.as("bad!"))
            .defaultBranch());
    }

    @Test
    void aNameMadeLongerThanTheLimitByItsSuffixIsIllegal() {
        // a name of 249 characters is legal, but the join names its nodes after it plus a suffix, which are too long
        String longest = "n".repeat(249);
        String message = "Invalid topology: Name is illegal, it can't be longer than 249 characters, name: " + longest;
        assertEquals(message + "-this-windowed", failure(builder -> builder.stream("in").join(builder.stream("other"),
            (v, w) -> v, JoinWindows.ofTimeDifferenceWithNoGrace(TEN_MS), StreamJoined.as("s").withName(longest)))
            .getMessage());
        assertEquals(message + "-subscription-registration", failure(builder -> builder.table("t1")
            .join(builder.table("t2"), v -> v, (v, w) -> v, TableJoined.as(longest))).getMessage());
    }

    private static void assertIllegal(Consumer<StreamsBuilder> operation) {
        assertEquals(ILLEGAL_CHARACTER, failure(operation).getMessage());
    }

    private static TopologyException failure(Consumer<StreamsBuilder> operation) {
        return assertThrows(TopologyException.class, () -> operation.accept(new StreamsBuilder()));
    }

    private static void assertBuilds(Consumer<StreamsBuilder> operation) {
        StreamsBuilder builder = new StreamsBuilder();
        operation.accept(builder);
        assertDoesNotThrow(() -> builder.build());
    }
}
