package dev.runnel.streams.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.common.header.Headers;
import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.Topology;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.Stores;
import dev.runnel.streams.state.TimestampedKeyValueStoreWithHeaders;
import dev.runnel.streams.state.ValueTimestampHeaders;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A Processor API topology that keeps each key's latest value with its timestamp and record headers in a
 * headers-aware store, for the tests of KIP-1271 stores; and the bytes its changelog must hold, written out by hand.
 */
public final class HeadersStoreTopology {
    public static final String STORE = "latest";

    private HeadersStoreTopology() {
    }

    /** Reads String records from {@code input} into the store {@value #STORE}, cached or not. */
    public static Topology build(String input, boolean caching) {
        StoreBuilder<TimestampedKeyValueStoreWithHeaders<String, String>> store =
            Stores.timestampedKeyValueStoreWithHeadersBuilder(
                Stores.persistentTimestampedKeyValueStoreWithHeaders(STORE), Serdes.String(), Serdes.String());
        return new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), input)
            .addProcessor("remember", () -> new ContextualProcessor<String, String, Void, Void>() {
                private TimestampedKeyValueStoreWithHeaders<String, String> latest;

                @Override
                public void init(ProcessorContext<Void, Void> context) {
                    super.init(context);
                    latest = context.getStateStore(STORE);
                }

                @Override
                public void process(Record<String, String> record) {
                    latest.put(record.key(), ValueTimestampHeaders.make(record.value(), record.timestamp(),
                        record.headers()));
                }
            }, "source")
            .addStateStore(caching ? store.withCachingEnabled() : store.withCachingDisabled(), "remember");
    }

    /** Returns the headers the tests send: a trace id, and a header whose value is null. */
    public static Headers traceHeaders(String traceId) {
        return new RecordHeaders()
            .add("trace", traceId.getBytes(StandardCharsets.UTF_8))
            .add("nil", null);
    }

    /**
     * Asserts that {@code changes}, the changelog of a headers-aware store, hold one record: {@code value} alone in
     * UTF-8, as Kafka Streams logs it, with the {@link #traceHeaders} of {@code traceId} as its record headers.
     * Returns that record.
     */
    public static <K> ConsumerRecord<K, byte[]> assertOneChangeWithTraceHeaders(List<ConsumerRecord<K, byte[]>> changes,
        String value, String traceId) {
        assertEquals(1, changes.size(), changes.toString());
        ConsumerRecord<K, byte[]> change = changes.get(0);
        assertArrayEquals(value.getBytes(StandardCharsets.UTF_8), change.value(),
            "the plain value, as Kafka Streams logs it");
        assertEquals(List.of("trace=" + traceId, "nil=null"), headerStrings(change.headers()),
            "the value's headers, as the changelog record's");
        return change;
    }

    /** Returns {@code headers} as {@code key=value} strings ({@code null} values as "null"), for comparisons. */
    public static List<String> headerStrings(Headers headers) {
        return Arrays.stream(headers.toArray()).map(header -> header.key() + "="
            + (header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8))).toList();
    }

    /**
     * Returns the stored bytes of {@code value} at {@code timestamp} with {@link #traceHeaders} of a
     * 2-character trace id, in the KIP-1271 layout, byte by byte.
     */
    public static byte[] expectedBytes(String traceId, long timestamp, String value) {
        ByteArrayOutputStream out = expectedHeadersPrefix(traceId);
        out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(timestamp).array());
        out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Returns the headers prefix of {@link #expectedBytes}, byte by byte, for the caller to add the payload to. */
    public static ByteArrayOutputStream expectedHeadersPrefix(String traceId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x1E);                    // headersSize 15, zigzag varint
        out.write(0x04);                    // 2 headers
        out.write(0x0A);                    // key length 5
        out.writeBytes("trace".getBytes(StandardCharsets.UTF_8));
        out.write(0x04);                    // value length 2
        out.writeBytes(traceId.getBytes(StandardCharsets.UTF_8));
        out.write(0x06);                    // key length 3
        out.writeBytes("nil".getBytes(StandardCharsets.UTF_8));
        out.write(0x01);                    // value length -1: a null value
        return out;
    }
}
