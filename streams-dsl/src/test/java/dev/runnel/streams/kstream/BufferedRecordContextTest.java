package dev.runnel.streams.kstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.common.header.Header;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.internal.runtime.StreamsHeaders;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.processor.api.RecordMetadata;
import dev.runnel.streams.state.Stores;
import dev.runnel.streams.test.TestRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a buffer emits carries the buffered record's headers and is forwarded in its record context (topic, partition,
 * offset), as in Kafka Streams, not in that of the later record whose arrival makes it due.
 */
class BufferedRecordContextTest {
    private final List<String> seen = new ArrayList<>();

    /** Records each forwarded record as "key:value h=header topic@offset" and passes it on. */
    private ProcessorSupplier<String, String, String, String> recorder() {
        return () -> new ContextualProcessor<>() {
            @Override
            public void process(Record<String, String> record) {
                Header header = record.headers().lastHeader("h");
                RecordMetadata metadata = context().recordMetadata().orElseThrow();
                seen.add(record.key() + ":" + record.value() + " h="
                    + (header == null ? null : new String(header.value(), StandardCharsets.UTF_8)) + " "
                    + metadata.topic() + "@" + metadata.offset());
                context().forward(record);
            }
        };
    }

    private static TestRecord<String, String> withHeader(String key, String value, String header, long timestamp) {
        StreamsHeaders headers = new StreamsHeaders();
        headers.add("h", header.getBytes(StandardCharsets.UTF_8));
        return new TestRecord<>(key, value, headers, timestamp);
    }

    @Test
    void shouldEmitABufferedStreamTableJoinRecordWithItsHeadersAndPosition() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> table = builder.table("table", Materialized.as(
            Stores.persistentVersionedKeyValueStore("table-store", Duration.ofMillis(100))));
        builder.<String, String>stream("stream").join(table, (s, t) -> s + "+" + t,
            Joined.<String, String, String>as("join").withGracePeriod(Duration.ofMillis(10)))
            .process(recorder()).to("out");
        try (JoinFixture f = new JoinFixture(builder.build())) {
            f.input("table").pipeInput("A", "a", 0);
            f.input("stream").pipeInput(withHeader("A", "s1", "first", 5));
            f.input("stream").pipeInput(withHeader("A", "s2", "second", 20)); // evicts s1
            assertEquals(List.of("A:s1+a h=first stream@0"), seen);
            Header emitted = f.driver.createOutputTopic("out", Serdes.String().deserializer(),
                Serdes.String().deserializer()).readRecord().headers().lastHeader("h");
            assertEquals("first", new String(emitted.value(), StandardCharsets.UTF_8));
        }
    }

    /** The buffer keeps a key's latest update, and that update's context. */
    @Test
    void shouldEmitASuppressedUpdateWithTheHeadersAndPositionOfTheKeysLatestUpdate() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>table("table")
            .suppress(Suppressed.untilTimeLimit(Duration.ofMillis(10), Suppressed.BufferConfig.unbounded()))
            .toStream().process(recorder()).to("out");
        try (JoinFixture f = new JoinFixture(builder.build())) {
            f.input("table").pipeInput(withHeader("A", "a1", "first", 0));
            f.input("table").pipeInput(withHeader("A", "a2", "second", 5));
            f.input("table").pipeInput(withHeader("B", "b", "third", 20)); // evicts A
            assertEquals(List.of("A:a2 h=second table@1"), seen);
        }
    }
}
