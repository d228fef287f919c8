package dev.runnel.streams.kstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.state.KeyValueBytesStoreSupplier;
import dev.runnel.streams.state.Stores;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Stream-table joins with a grace period (KIP-923): buffered stream records, joined in time order as of their time. */
class KStreamKTableJoinGraceTest {
    private static final Duration GRACE = Duration.ofMillis(10);

    private static KTable<String, String> table(StreamsBuilder builder, Duration history) {
        return builder.table("table", Materialized.as(Stores.persistentVersionedKeyValueStore("table-store",
            history)));
    }

    @Test
    void bufferedRecordsJoinInTimestampOrderWithTheVersionValidAtTheirTime() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> table = table(builder, Duration.ofMillis(100));
        builder.<String, String>stream("stream").join(table, (s, t) -> s + "+" + t,
            Joined.<String, String, String>as("join").withGracePeriod(GRACE)).to("out");
        try (JoinFixture f = new JoinFixture(builder.build())) {
            TestInputTopic<String, String> stream = f.input("stream");
            TestInputTopic<String, String> tableInput = f.input("table");
            tableInput.pipeInput("A", "a0", 0);
            stream.pipeInput("A", "s1", 20);  // stream time 20: waits until 30
            tableInput.pipeInput("A", "a1", 15); // arrives after s1, but is valid at 20
            stream.pipeInput("A", "s2", 25);  // stream time 25: nothing due (s1 is due at 30)
            stream.pipeInput("A", "s3", 18);  // out of order, still within grace: buffered before s1
            assertEquals(List.of(), f.read("out"));
            stream.pipeInput("B", "x", 35);   // stream time 35: s3, s1, s2 are due, in timestamp order
            assertEquals(List.of("A:s3+a1@18", "A:s1+a1@20", "A:s2+a1@25"), f.read("out"));
            stream.pipeInput("A", "late", 10); // 10 + 10 <= 35: later than grace, joined at once, as of 10
            assertEquals(List.of("A:late+a0@10"), f.read("out"));
            assertEquals(Set.of("table-store", "join-Buffer"), f.driver.getAllStateStores().keySet());
        }
    }

    /** As Kafka's buffer, records due at one timestamp come out in serialized-key order, one key's in arrival order. */
    @Test
    void bufferedRecordsOfOneTimestampJoinInKeyOrder() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> table = table(builder, Duration.ofMillis(100));
        builder.<String, String>stream("stream").leftJoin(table, (s, t) -> s + "+" + t,
            Joined.with(null, null, null, "join", GRACE)).to("out");
        try (JoinFixture f = new JoinFixture(builder.build())) {
            TestInputTopic<String, String> stream = f.input("stream");
            stream.pipeInput("k1", "s1", 5);
            stream.pipeInput("k0", "s2", 5);
            stream.pipeInput("k1", "s3", 5);
            stream.pipeInput("j", "s4", 6);
            stream.pipeInput("x", "s5", 20); // stream time 20: everything up to 10 is due
            assertEquals(List.of("k0:s2+null@5", "k1:s1+null@5", "k1:s3+null@5", "j:s4+null@6"), f.read("out"));
        }
    }

    @Test
    void leftJoinJoinsABufferedRecordWithoutTableValueWithNull() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> table = table(builder, Duration.ofMillis(100));
        builder.<String, String>stream("stream").leftJoin(table, (s, t) -> s + "+" + t,
            Joined.with(null, null, null, "join", GRACE)).to("out");
        try (JoinFixture f = new JoinFixture(builder.build())) {
            f.input("stream").pipeInput("A", "s1", 5);
            f.input("table").pipeInput("A", "a", 7);
            f.input("stream").pipeInput("B", "s2", 15);
            assertEquals(List.of("A:s1+null@5"), f.read("out"), "a is valid only from 7 on");
        }
    }

    @Test
    void gracePeriodNeedsAVersionedTableWithEnoughHistory() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> stream = builder.stream("stream");
        KTable<String, String> plain = builder.table("plain", Materialized.<String, String>as(
            (KeyValueBytesStoreSupplier) Stores.inMemoryKeyValueStore("plain-store")));
        IllegalArgumentException unversioned = assertThrows(IllegalArgumentException.class, () -> stream.join(plain,
            (s, t) -> s + t, Joined.<String, String, String>as("j1").withGracePeriod(GRACE)));
        // Kafka Streams' messages
        assertEquals("KTable must be versioned to use a grace period in a stream table join.",
            unversioned.getMessage());
        KTable<String, String> shortHistory = table(builder, Duration.ofMillis(5));
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class, () -> stream.join(
            shortHistory, (s, t) -> s + t, Joined.<String, String, String>as("j2").withGracePeriod(GRACE)));
        assertEquals("History retention must be at least grace period.", tooShort.getMessage());
        // the table's versioning is checked before the grace period's sign
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> stream.join(plain,
            (s, t) -> s + t, Joined.<String, String, String>as("j3").withGracePeriod(Duration.ofMillis(-1))));
        assertEquals("KTable must be versioned to use a grace period in a stream table join.",
            negative.getMessage());
    }

    @Test
    void joinedKeepsTheGracePeriodThroughCopies() {
        Joined<String, String, String> joined = Joined.<String, String, String>as("j").withGracePeriod(GRACE);
        assertEquals(GRACE, joined.withName("k").withKeySerde(null).gracePeriod());
        assertEquals(null, Joined.as("j").gracePeriod());
    }
}
