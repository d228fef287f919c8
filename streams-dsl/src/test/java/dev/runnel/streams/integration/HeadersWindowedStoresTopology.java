package dev.runnel.streams.integration;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.Topology;
import dev.runnel.streams.kstream.SessionWindow;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.AggregationWithHeaders;
import dev.runnel.streams.state.SessionStoreWithHeaders;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.Stores;
import dev.runnel.streams.state.TimestampedWindowStoreWithHeaders;
import dev.runnel.streams.state.ValueTimestampHeaders;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A Processor API topology that keeps each record, with its record headers, in a KIP-1271 headers-aware window store
 * (in the record's 1-second tumbling window, stamped with the record's timestamp) and session store (as a session of
 * that one instant), for the tests of those stores.
 */
public final class HeadersWindowedStoresTopology {
    public static final String WINDOWS = "windows";
    public static final String SESSIONS = "sessions";
    public static final long WINDOW_SIZE_MS = 1_000L;

    private static final Duration RETENTION = Duration.ofDays(1);

    private HeadersWindowedStoresTopology() {
    }

    /** Reads String records from {@code input} into the stores {@value #WINDOWS} and {@value #SESSIONS}. */
    public static Topology build(String input, boolean caching) {
        StoreBuilder<TimestampedWindowStoreWithHeaders<String, String>> windows =
            Stores.timestampedWindowStoreWithHeadersBuilder(Stores.persistentTimestampedWindowStoreWithHeaders(
                WINDOWS, RETENTION, Duration.ofMillis(WINDOW_SIZE_MS), false), Serdes.String(), Serdes.String());
        StoreBuilder<SessionStoreWithHeaders<String, String>> sessions = Stores.sessionStoreWithHeadersBuilder(
            Stores.persistentSessionStoreWithHeaders(SESSIONS, RETENTION), Serdes.String(), Serdes.String());
        return new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), input)
            .addProcessor("remember", () -> new ContextualProcessor<String, String, Void, Void>() {
                private TimestampedWindowStoreWithHeaders<String, String> windowStore;
                private SessionStoreWithHeaders<String, String> sessionStore;

                @Override
                public void init(ProcessorContext<Void, Void> context) {
                    super.init(context);
                    windowStore = context.getStateStore(WINDOWS);
                    sessionStore = context.getStateStore(SESSIONS);
                }

                @Override
                public void process(Record<String, String> record) {
                    windowStore.put(record.key(), ValueTimestampHeaders.make(record.value(), record.timestamp(),
                        record.headers()), windowStart(record.timestamp()));
                    sessionStore.put(new Windowed<>(record.key(), new SessionWindow(record.timestamp(),
                        record.timestamp())), AggregationWithHeaders.make(record.value(), record.headers()));
                }
            }, "source")
            .addStateStore(caching ? windows.withCachingEnabled() : windows.withCachingDisabled(), "remember")
            .addStateStore(caching ? sessions.withCachingEnabled() : sessions.withCachingDisabled(), "remember");
    }

    /** Returns the start of the window {@code timestamp} falls in. */
    public static long windowStart(long timestamp) {
        return timestamp - timestamp % WINDOW_SIZE_MS;
    }

    /**
     * Returns the stored bytes of session aggregate {@code aggregation} with
     * {@link HeadersStoreTopology#traceHeaders}: the headers prefix, then the aggregate (no timestamp).
     */
    public static byte[] expectedSessionBytes(String traceId, String aggregation) {
        ByteArrayOutputStream out = HeadersStoreTopology.expectedHeadersPrefix(traceId);
        out.writeBytes(aggregation.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
