package dev.runnel.streams.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.common.errors.SerializationException;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.TopologyTestDriver;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.processor.ProcessorContext;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Input that fails to deserialize goes to the configured handler: skipped and counted, or failing the task. */
class DeserializationErrorTest {
    private static final byte[] ONE = {0, 0, 0, 1};
    private static final byte[] BAD = {0, 0, 7};
    private static final byte[] THREE = {0, 0, 0, 3};

    private static TopologyTestDriver driver(Properties props) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("input", Consumed.with(Serdes.String(), Serdes.Integer()))
            .mapValues(v -> v * 10)
            .to("output", Produced.with(Serdes.String(), Serdes.Integer()));
        return new TopologyTestDriver(builder.build(), props, Instant.ofEpochMilli(0));
    }

    private static TestInputTopic<String, byte[]> rawInput(TopologyTestDriver driver) {
        return driver.createInputTopic("input", Serdes.String().serializer(), Serdes.ByteArray().serializer());
    }

    private static List<KeyValue<String, Integer>> output(TopologyTestDriver driver) {
        return driver.createOutputTopic("output", Serdes.String().deserializer(), Serdes.Integer().deserializer())
            .readKeyValuesToList();
    }

    @Test
    void shouldSkipAndCountRecordWithLogAndContinue() {
        Properties props = new Properties();
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        try (TopologyTestDriver driver = driver(props)) {
            assertSkipsAndCountsTheBadRecord(driver);
        }
    }

    /** Pipes a good record, a bad one at offset 1, and a good one: a handler that continues skips and counts it. */
    private static void assertSkipsAndCountsTheBadRecord(TopologyTestDriver driver) {
        TestInputTopic<String, byte[]> input = rawInput(driver);
        input.pipeInput("a", ONE);
        input.pipeInput("b", BAD);
        input.pipeInput("c", THREE);
        assertEquals(List.of(KeyValue.pair("a", 10), KeyValue.pair("c", 30)), output(driver));
        assertEquals(1, driver.droppedRecordsTotal());
    }

    @Test
    void shouldAcceptTheOlderHandlerConfigName() {
        Properties props = new Properties();
        props.put(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
            LogAndContinueExceptionHandler.class.getName());
        try (TopologyTestDriver driver = driver(props)) {
            rawInput(driver).pipeInput("b", BAD);
            assertEquals(List.of(), output(driver));
            assertEquals(1, driver.droppedRecordsTotal());
        }
    }

    @Test
    void shouldFailNamingTopicPartitionAndOffsetWithLogAndFail() {
        try (TopologyTestDriver driver = driver(new Properties())) {
            TestInputTopic<String, byte[]> input = rawInput(driver);
            input.pipeInput("a", ONE);
            StreamsException error = assertThrows(StreamsException.class, () -> input.pipeInput("b", BAD));
            assertTrue(error.getMessage().startsWith("Deserialization exception handler is set to fail upon a"
                + " deserialization error of the record at topic input, partition 0, offset 1 (task 0_0)"),
                error.getMessage());
            assertTrue(error.getCause() instanceof SerializationException, String.valueOf(error.getCause()));
            assertEquals(List.of(KeyValue.pair("a", 10)), output(driver));
            assertEquals(0, driver.droppedRecordsTotal());
        }
    }

    /**
     * A handler written against the oldest method, handle(ProcessorContext, ...), as Kafka Streams applications before
     * 3.9 implement it: skips the record and remembers the task and offset it was given.
     */
    @SuppressWarnings("deprecation")
    public static final class ProcessorContextHandler implements DeserializationExceptionHandler {
        static final List<String> SEEN = new CopyOnWriteArrayList<>();

        @Override
        public DeserializationHandlerResponse handle(ProcessorContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
            SEEN.add(context.applicationId() + " " + context.taskId() + " " + record.topic() + "@" + record.offset());
            return DeserializationHandlerResponse.CONTINUE;
        }
    }

    /** As in Kafka Streams, the newer methods' defaults ask the oldest one, so such a handler decides as before. */
    @Test
    void shouldAskAndObeyAHandlerImplementingOnlyTheProcessorContextMethod() {
        ProcessorContextHandler.SEEN.clear();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, ProcessorContextHandler.class);
        try (TopologyTestDriver driver = driver(props)) {
            // CONTINUE skips the bad record (offset 1 of the single task's partition) and counts it.
            assertSkipsAndCountsTheBadRecord(driver);
            assertEquals(List.of("app 0_0 input@1"), ProcessorContextHandler.SEEN);
        }
    }

    /**
     * Kafka's test driver updates global stores skipping the records that fail to deserialize, whatever the configured
     * handler (the default fails), so a ported test expects the global table to go on after a bad record.
     */
    @Test
    void shouldSkipGlobalRecordsThatFailToDeserialize() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable("global", Consumed.with(Serdes.String(), Serdes.Integer()), Materialized.as("ints"));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), new Properties())) {
            TestInputTopic<String, byte[]> input = driver.createInputTopic("global", Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
            input.pipeInput("a", ONE);
            input.pipeInput("b", BAD);
            input.pipeInput("c", THREE);
            assertEquals(1, driver.<String, Integer>getKeyValueStore("ints").get("a"));
            assertEquals(null, driver.<String, Integer>getKeyValueStore("ints").get("b"));
            assertEquals(3, driver.<String, Integer>getKeyValueStore("ints").get("c"));
            assertEquals(1, driver.droppedRecordsTotal());
        }
    }
}
