package dev.runnel.streams.kstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.AutoOffsetReset;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.Topology;
import dev.runnel.streams.processor.TimestampExtractor;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Option objects as Kafka Streams has them: named operations, value equality, and small API members. */
class KStreamOptionsTest {
    private static final Serde<String> STRINGS = Serdes.String();

    /** Names {@code operation} through the {@link NamedOperation} interface alone. */
    private static <T extends NamedOperation<T>> T named(NamedOperation<T> operation, String name) {
        return operation.withName(name);
    }

    @Test
    void everyNamingOptionIsANamedOperation() {
        assertEquals(Consumed.<String, String>as("c"), named(Consumed.<String, String>with(null, null), "c"));
        assertEquals(Produced.<String, String>as("p"), named(Produced.<String, String>with(null, null), "p"));
        assertEquals("n", new OptionsName(named(Named.as("m"), "n")).value());
        List<NamedOperation<?>> operations = List.of(Grouped.as("g"), Joined.as("j"), Repartitioned.as("r"),
            StreamJoined.as("s"), TableJoined.as("t"), Branched.as("b"));
        assertEquals(6, operations.stream().map(operation -> operation.withName("x")).count());
    }

    @Test
    void branchedWithNameNamesTheBranchInTheResultMap() {
        StreamsBuilder builder = new StreamsBuilder();
        UnaryOperator<KStream<String, String>> identity = stream -> stream;
        var branches = builder.<String, String>stream("in").split(Named.as("split-"))
            .branch((key, value) -> true, Branched.<String, String>withFunction(identity::apply).withName("all"))
            .noDefaultBranch();
        assertEquals(Set.of("split-all"), branches.keySet());
    }

    @Test
    void namedAndBranchedRefuseNullsWithKafkasMessages() {
        assertNullMessage("name cannot be null", () -> Named.as(null));
        assertNullMessage("name cannot be null", () -> Named.as("n").withName(null));
        assertNullMessage("name cannot be null", () -> Branched.as(null));
        assertNullMessage("name cannot be null", () -> Branched.as("b").withName(null));
        assertNullMessage("chain function cannot be null", () -> Branched.withFunction(null));
        assertNullMessage("chain function cannot be null", () -> Branched.withFunction(null, "b"));
        assertNullMessage("chain consumer cannot be null", () -> Branched.withConsumer(null));
        assertNullMessage("chain consumer cannot be null", () -> Branched.withConsumer(null, "b"));
    }

    @Test
    void aBranchWithAChainAndANullNameIsAnUnnamedOne() {
        // As in Kafka Streams, the name given with a chain may be null: the branch then gets a generated name.
        UnaryOperator<KStream<String, String>> identity = stream -> stream;
        assertEquals(branchNames(Branched.withFunction(identity::apply)),
            branchNames(Branched.withFunction(identity::apply, null)));
        assertEquals(Set.of(), branchNames(Branched.withConsumer(stream -> { }, null)));
    }

    private static Set<String> branchNames(Branched<String, String> branched) {
        return new StreamsBuilder().<String, String>stream("in").split(Named.as("split-"))
            .branch((key, value) -> true, branched).noDefaultBranch().keySet();
    }

    private static void assertNullMessage(String message, Executable call) {
        assertEquals(message, assertThrows(NullPointerException.class, call).getMessage());
    }

    @Test
    void consumedAndProducedAreEqualByTheirSettings() {
        TimestampExtractor extractor = (record, partitionTime) -> 0L;
        assertEquals(Consumed.with(STRINGS, STRINGS, extractor, AutoOffsetReset.earliest()).withName("c"),
            Consumed.with(STRINGS, STRINGS, extractor, AutoOffsetReset.earliest()).withName("c"));
        assertEquals(Consumed.with(STRINGS, STRINGS, extractor, AutoOffsetReset.earliest()).hashCode(),
            Consumed.with(STRINGS, STRINGS, extractor, AutoOffsetReset.earliest()).hashCode());
        assertNotEquals(Consumed.with(STRINGS, STRINGS), Consumed.with(STRINGS, STRINGS).withName("c"));
        assertEquals(Produced.with(STRINGS, STRINGS).withName("p"), Produced.with(STRINGS, STRINGS).withName("p"));
        assertEquals(Produced.with(STRINGS, STRINGS).hashCode(), Produced.with(STRINGS, STRINGS).hashCode());
        assertNotEquals(Produced.with(STRINGS, STRINGS), Produced.with(STRINGS, Serdes.Long()));
    }

    @Test
    @SuppressWarnings("deprecation")
    void deprecatedConsumedWithTopologyResetPolicyMapsToTheNewPolicy() {
        TimestampExtractor extractor = (record, partitionTime) -> 0L;
        assertEquals(Consumed.with(STRINGS, STRINGS, extractor, AutoOffsetReset.latest()),
            Consumed.with(STRINGS, STRINGS, extractor, Topology.AutoOffsetReset.LATEST));
    }

    @Test
    void emitStrategyForTypeAndJoinWindowsWindowsFor() {
        for (EmitStrategy.StrategyType type : EmitStrategy.StrategyType.values()) {
            assertEquals(type, EmitStrategy.StrategyType.forType(type).type());
        }
        Windows<Window> windows = JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(10));
        assertEquals(20L, windows.size());
        assertThrows(UnsupportedOperationException.class, () -> windows.windowsFor(5));
    }

    /** Reads a {@link Named}'s name through the DSL's own accessor. */
    private record OptionsName(Named named) {
        String value() {
            return new dev.runnel.streams.internal.dsl.OptionsInternal.NamedInternal(named).name();
        }
    }
}
