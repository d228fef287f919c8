package dev.runnel.streams.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.errors.SerializationException;
import dev.runnel.common.errors.TimeoutException;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.TopologyTestDriver;
import dev.runnel.streams.kstream.Produced;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Production exception handlers written against the methods Kafka Streams had before 3.9, handle(ProducerRecord,
 * Exception) and handleSerializationException(ProducerRecord, Exception), are asked and obeyed: the newer methods'
 * defaults ask them, as in Kafka Streams.
 */
@SuppressWarnings("deprecation")
class ProductionErrorTest {
    /** Drops records that fail to serialize, through the oldest serialization method. */
    public static final class DroppingSerializationHandler implements ProductionExceptionHandler {
        @Override
        public ProductionExceptionHandlerResponse handleSerializationException(ProducerRecord record,
            Exception exception) {
            return ProductionExceptionHandlerResponse.CONTINUE;
        }
    }

    /** Implements only the oldest send-error method; its serialization errors keep that method's default. */
    public static final class RetryingSendHandler implements ProductionExceptionHandler {
        @Override
        public ProductionExceptionHandlerResponse handle(ProducerRecord<byte[], byte[]> record, Exception exception) {
            return ProductionExceptionHandlerResponse.RETRY;
        }
    }

    /** input → output, written with a serializer that fails on "bad". */
    private static TopologyTestDriver driver(Class<?> handler) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("input", dev.runnel.streams.kstream.Consumed.with(Serdes.String(), Serdes.String()))
            .to("output", Produced.with(Serdes.String(), Serdes.serdeFrom(new DeadLetterQueueTest.FailingSerializer(),
                Serdes.String().deserializer())));
        Properties props = new Properties();
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, handler);
        return new TopologyTestDriver(builder.build(), props, Instant.ofEpochMilli(0));
    }

    @Test
    void shouldObeyAHandlerImplementingOnlyTheOldSerializationMethod() {
        try (TopologyTestDriver driver = driver(DroppingSerializationHandler.class)) {
            TestInputTopic<String, String> input = driver.createInputTopic("input", Serdes.String().serializer(),
                Serdes.String().serializer());
            input.pipeInput("a", "bad");
            input.pipeInput("b", "fine");
            // CONTINUE drops the record that failed to serialize, counts it, and goes on.
            assertEquals(List.of(KeyValue.pair("b", "fine")), driver.createOutputTopic("output",
                Serdes.String().deserializer(), Serdes.String().deserializer()).readKeyValuesToList());
            assertEquals(1, driver.droppedRecordsTotal());
        }
    }

    @Test
    void shouldFailOnASerializationErrorIfTheHandlerImplementsOnlyTheOldSendMethod() {
        // The oldest serialization method's default is FAIL.
        try (TopologyTestDriver driver = driver(RetryingSendHandler.class)) {
            TestInputTopic<String, String> input = driver.createInputTopic("input", Serdes.String().serializer(),
                Serdes.String().serializer());
            StreamsException error = assertThrows(StreamsException.class, () -> input.pipeInput("a", "bad"));
            assertEquals(SerializationException.class, error.getCause().getClass());
        }
    }

    @Test
    void shouldAnswerASendErrorWithTheOldSendMethodsResponse() {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("output", new byte[] {1}, new byte[] {2});
        ProductionExceptionHandler.Response response = new RetryingSendHandler().handleError(null, record,
            new TimeoutException("expired"));
        assertEquals(ProductionExceptionHandler.Result.RETRY, response.result());
        assertEquals(List.of(), response.deadLetterQueueRecords());
    }
}
