package dev.runnel.streams.state;

import static dev.runnel.streams.integration.HeadersStoreTopology.headerStrings;
import static dev.runnel.streams.integration.HeadersStoreTopology.traceHeaders;
import static dev.runnel.streams.integration.HeadersWindowedStoresTopology.SESSIONS;
import static dev.runnel.streams.integration.HeadersWindowedStoresTopology.WINDOWS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.TopologyTestDriver;
import dev.runnel.streams.integration.HeadersWindowedStoresTopology;
import dev.runnel.streams.kstream.SessionWindow;
import dev.runnel.streams.kstream.TimeWindow;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.test.TestRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * KIP-1271 headers-aware window and session stores through the test driver: stored, read back (value, timestamp or
 * window, headers) and logged with headers in the KIP-1271 layout.
 */
class WindowAndSessionStoreWithHeadersTest {
    @ParameterizedTest(name = "caching={0}")
    @ValueSource(booleans = {false, true})
    void shouldKeepWindowedValuesWithHeadersAndLogTheirHeadersAsRecordHeaders(boolean caching) {
        Properties props = new Properties();
        props.put("application.id", "headers");
        try (TopologyTestDriver driver = new TopologyTestDriver(HeadersWindowedStoresTopology.build("input", caching),
            props, Instant.EPOCH)) {
            var input = driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer());
            input.pipeInput(new TestRecord<>("k", "v1", traceHeaders("t1"), 1_500L));
            input.pipeInput(new TestRecord<>("plain", "p", new RecordHeaders(), 2_500L));

            WindowStore<String, ValueTimestampHeaders<String>> windows =
                driver.getTimestampedWindowStoreWithHeaders(WINDOWS);
            assertEquals(ValueTimestampHeaders.make("v1", 1_500L, traceHeaders("t1")), windows.fetch("k", 1_000L));
            try (KeyValueIterator<Windowed<String>, ValueTimestampHeaders<String>> all = windows.all()) {
                assertEquals(KeyValue.pair(new Windowed<>("k", new TimeWindow(1_000L, 2_000L)),
                    ValueTimestampHeaders.make("v1", 1_500L, traceHeaders("t1"))), all.next());
                assertEquals(ValueTimestampHeaders.make("p", 2_500L, null), all.next().value);
            }
            assertEquals("v1", driver.<String, String>getWindowStore(WINDOWS).fetch("k", 1_000L),
                "plain view drops timestamp and headers");
            assertEquals(ValueAndTimestamp.make("v1", 1_500L),
                driver.<String, String>getTimestampedWindowStore(WINDOWS).fetch("k", 1_000L),
                "timestamped view drops the headers (KIP-1285's store facades)");

            SessionStore<String, AggregationWithHeaders<String>> sessions = driver.getSessionStoreWithHeaders(SESSIONS);
            assertEquals(AggregationWithHeaders.make("v1", traceHeaders("t1")), sessions.fetchSession("k", 1_500L,
                1_500L));
            try (KeyValueIterator<Windowed<String>, AggregationWithHeaders<String>> found = sessions.fetch("plain")) {
                assertEquals(KeyValue.pair(new Windowed<>("plain", new SessionWindow(2_500L, 2_500L)),
                    AggregationWithHeaders.make("p", null)), found.next());
            }
            assertEquals("v1", driver.<String, String>getSessionStore(SESSIONS).fetchSession("k", 1_500L, 1_500L),
                "plain view drops headers");

            driver.advanceWallClockTime(Duration.ofSeconds(1)); // commits, flushing the caches if any
            List<TestRecord<byte[], byte[]>> windowChanges = changes(driver, WINDOWS);
            assertEquals(2, windowChanges.size());
            assertArrayEquals("v1".getBytes(StandardCharsets.UTF_8), windowChanges.get(0).value());
            assertEquals(List.of("trace=t1", "nil=null"), headerStrings(windowChanges.get(0).headers()));
            assertArrayEquals("p".getBytes(StandardCharsets.UTF_8), windowChanges.get(1).value());
            assertEquals(List.of(), headerStrings(windowChanges.get(1).headers()));
            assertEquals(List.of(1_500L, 2_500L), windowChanges.stream().map(TestRecord::timestamp).toList(),
                "window changes carry the value's own timestamp");

            List<TestRecord<byte[], byte[]>> sessionChanges = changes(driver, SESSIONS);
            assertEquals(2, sessionChanges.size());
            assertArrayEquals(new byte[] {'v', '1'}, sessionChanges.get(0).value());
            assertEquals(List.of("trace=t1", "nil=null"), headerStrings(sessionChanges.get(0).headers()));
            assertArrayEquals(new byte[] {'p'}, sessionChanges.get(1).value());
            assertEquals(List.of(), headerStrings(sessionChanges.get(1).headers()));
        }
    }

    private static List<TestRecord<byte[], byte[]>> changes(TopologyTestDriver driver, String store) {
        return driver.createOutputTopic("headers-" + store + "-changelog", Serdes.ByteArray().deserializer(),
            Serdes.ByteArray().deserializer()).readRecordsToList();
    }
}
