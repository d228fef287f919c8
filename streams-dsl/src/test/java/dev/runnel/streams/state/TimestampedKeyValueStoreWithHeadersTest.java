package dev.runnel.streams.state;

import static dev.runnel.streams.integration.HeadersStoreTopology.STORE;
import static dev.runnel.streams.integration.HeadersStoreTopology.headerStrings;
import static dev.runnel.streams.integration.HeadersStoreTopology.traceHeaders;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.TopologyTestDriver;
import dev.runnel.streams.integration.HeadersStoreTopology;
import dev.runnel.streams.test.TestRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** KIP-1271 headers-aware key-value stores through the test driver: stored, read back and logged with headers. */
class TimestampedKeyValueStoreWithHeadersTest {
    @ParameterizedTest(name = "caching={0}")
    @ValueSource(booleans = {false, true})
    void shouldKeepValueTimestampAndHeadersAndLogTheirHeadersAsRecordHeaders(boolean caching) {
        Properties props = new Properties();
        props.put("application.id", "headers");
        try (TopologyTestDriver driver = new TopologyTestDriver(HeadersStoreTopology.build("input", caching), props,
            Instant.EPOCH)) {
            var input = driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer());
            input.pipeInput(new TestRecord<>("k", "v1", traceHeaders("t1"), 1_000L));
            input.pipeInput(new TestRecord<>("plain", "p", new RecordHeaders(), 2_000L));

            KeyValueStore<String, ValueTimestampHeaders<String>> store =
                driver.getTimestampedKeyValueStoreWithHeaders(STORE);
            assertEquals(ValueTimestampHeaders.make("v1", 1_000L, traceHeaders("t1")), store.get("k"));
            assertEquals(ValueTimestampHeaders.make("p", 2_000L, null), store.get("plain"));
            assertEquals("v1", driver.<String, String>getKeyValueStore(STORE).get("k"), "plain view drops headers");
            assertEquals(ValueAndTimestamp.make("v1", 1_000L),
                driver.<String, String>getTimestampedKeyValueStore(STORE).get("k"),
                "timestamped view drops the headers (KIP-1285's store facades)");

            driver.advanceWallClockTime(java.time.Duration.ofSeconds(1)); // commits, flushing the cache if any
            var changelog = driver.createOutputTopic("headers-latest-changelog", Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
            List<TestRecord<String, byte[]>> changes = changelog.readRecordsToList();
            assertEquals(List.of("k", "plain"), changes.stream().map(TestRecord::key).toList());
            assertArrayEquals("v1".getBytes(StandardCharsets.UTF_8), changes.get(0).value());
            assertEquals(List.of("trace=t1", "nil=null"), headerStrings(changes.get(0).headers()));
            assertArrayEquals("p".getBytes(StandardCharsets.UTF_8), changes.get(1).value());
            assertEquals(List.of(), headerStrings(changes.get(1).headers()));
            assertEquals(List.of(1_000L, 2_000L), changes.stream().map(TestRecord::timestamp).toList(),
                "changes carry the value's own timestamp");
        }
    }
}
