package dev.runnel.streams.kstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.TestOutputTopic;
import dev.runnel.streams.TopologyTestDriver;
import dev.runnel.streams.errors.ProcessorStateException;
import dev.runnel.streams.errors.StreamsException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A time-limited suppression's {@code maxBytes} bound counts each buffered entry as Kafka Streams' buffer does, so
 * {@code emitEarlyWhenFull} emits at the same update: 8 bytes of buffer time, the key, the value before the key's
 * first buffered update, the latest update's old value (unless it is the first update), its new value, and its
 * record context (8 bytes of timestamp, 8 of offset, the topic's characters, 4 of partition, the headers).
 *
 * <p>Counts of topic "in" without headers: a key's first update ("a" = 1, no old value) is 8 + 1 + 8 + (8 + 8 + 2 +
 * 4) = 39 bytes; its second ("a" = 2, old value 1) adds the old value: 47 bytes.
 */
class SuppressBufferBoundsTest {
    /** Pipes a@0, b@1, a@2 into a count suppressed with {@code maxBytes}; returns what each record let out. */
    private static List<List<KeyValue<String, Long>>> emittedPerRecord(long maxBytes) {
        return emittedPerRecord(Suppressed.untilTimeLimit(Duration.ofMillis(100),
            Suppressed.BufferConfig.maxBytes(maxBytes).emitEarlyWhenFull()));
    }

    /** Pipes a@0, b@1, a@2 into a count suppressed as {@code suppressed} says; returns what each record let out. */
    private static List<List<KeyValue<String, Long>>> emittedPerRecord(Suppressed<String> suppressed) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).groupByKey().count()
            .suppress(suppressed)
            .toStream().to("out", Produced.with(Serdes.String(), Serdes.Long()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> in =
                driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, Long> out =
                driver.createOutputTopic("out", Serdes.String().deserializer(), Serdes.Long().deserializer());
            in.pipeInput("a", "x", 0L);
            List<KeyValue<String, Long>> first = out.readKeyValuesToList();
            in.pipeInput("b", "x", 1L);
            List<KeyValue<String, Long>> second = out.readKeyValuesToList();
            in.pipeInput("a", "x", 2L);
            return List.of(first, second, out.readKeyValuesToList());
        }
    }

    /** a (39) and b (39) fit in 85 bytes; a's second update makes a 47 bytes: 86 in all, so a, the oldest, goes. */
    @Test
    void shouldEmitTheOldestEntryEarlyOnceTheBufferedBytesPassTheBound() {
        assertEquals(List.of(List.of(), List.of(), List.of(KeyValue.pair("a", 2L))), emittedPerRecord(85));
    }

    /**
     * As in Kafka Streams, a bound may be zero or negative, and a time limit negative: no entry then fits, or each is
     * due at once, so every update goes out as soon as it is buffered.
     */
    @Test
    void shouldEmitEachUpdateAtOnceWithABoundOrTimeLimitBelowOne() {
        List<List<KeyValue<String, Long>>> each = List.of(List.of(KeyValue.pair("a", 1L)),
            List.of(KeyValue.pair("b", 1L)), List.of(KeyValue.pair("a", 2L)));
        assertEquals(each, emittedPerRecord(0));
        assertEquals(each, emittedPerRecord(-1));
        assertEquals(each, emittedPerRecord(Suppressed.untilTimeLimit(Duration.ZERO,
            Suppressed.BufferConfig.maxRecords(0).emitEarlyWhenFull())));
        assertEquals(each, emittedPerRecord(Suppressed.untilTimeLimit(Duration.ofMillis(-1),
            Suppressed.BufferConfig.maxRecords(-1).withMaxBytes(-1).emitEarlyWhenFull())));
    }

    @Test
    void shouldKeepEntriesWhoseBytesReachTheBoundExactly() {
        assertEquals(List.of(List.of(), List.of(), List.of()), emittedPerRecord(86));
    }

    /**
     * A full buffer set to shut down fails as Kafka's does: its error names the suppression processor and both
     * bounds (a and b, 39 bytes each, are two records against one allowed). The count forwards its updates when its
     * cache is flushed at the commit after each piped record, so, as in Kafka, the error comes wrapped in a
     * ProcessorStateException naming the flushed store.
     */
    @Test
    void shouldFailThroughTheCountsCacheFlushOnceFullAndSetToShutDown() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).groupByKey().count()
            .suppress(Suppressed.untilTimeLimit(Duration.ofMillis(100),
                Suppressed.BufferConfig.maxRecords(1).shutDownWhenFull()))
            .toStream().to("out", Produced.with(Serdes.String(), Serdes.Long()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> in =
                driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer());
            in.pipeInput("a", "x", 0L);
            ProcessorStateException error = assertThrows(ProcessorStateException.class,
                () -> in.pipeInput("b", "x", 1L));
            // As Kafka's, the message starts with the task's log prefix: its thread and task id.
            String prefix = "stream-thread [" + Thread.currentThread().getName() + "] task [0_0] ";
            assertEquals(prefix + "Failed to flush cache of store KSTREAM-AGGREGATE-STATE-STORE-0000000001",
                error.getMessage());
            StreamsException full = assertInstanceOf(StreamsException.class, error.getCause());
            assertEquals("KTABLE-SUPPRESS-0000000003 buffer exceeded its max capacity. Currently [2/1] records and"
                + " [78/9223372036854775807] bytes. Raise the bounds, or use emitEarlyWhenFull()", full.getMessage());
        }
    }
}
