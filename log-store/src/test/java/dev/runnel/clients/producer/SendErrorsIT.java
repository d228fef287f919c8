package dev.runnel.clients.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.NewTopic;
import dev.runnel.common.errors.InterruptException;
import dev.runnel.common.errors.RecordTooLargeException;
import dev.runnel.common.errors.SerializationException;
import dev.runnel.common.header.Header;
import dev.runnel.common.serialization.ByteArraySerializer;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.testing.Configs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code send} throws and what it reports through the future and callback, as in Kafka: an {@code ApiException}
 * raised while queuing a record fails that record only, and {@code send} throws only what is not one.
 */
class SendErrorsIT {
    private static final byte[] SMALL = {1, 2, 3};
    private static final Header[] NO_HEADERS = new Header[0];

    @TempDir
    Path dataDir;

    /** Collects what the callbacks report. */
    private static final class Outcomes implements Callback {
        final List<Exception> errors = new CopyOnWriteArrayList<>();
        final List<RecordMetadata> acknowledged = new CopyOnWriteArrayList<>();

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception == null) {
                acknowledged.add(metadata);
            } else {
                errors.add(exception);
            }
        }
    }

    private Map<String, Object> config(Object... keyValues) throws Exception {
        try (Admin admin = Admin.create(Configs.embedded(dataDir))) {
            admin.createTopics(List.of(new NewTopic("t", 2, (short) 1))).all().get();
        }
        return Configs.embedded(dataDir, keyValues);
    }

    /**
     * A producer whose first record takes all of {@code buffer.memory} and stays buffered: one batch is the whole
     * buffer, and it lingers until close. A record for another partition then needs a second batch.
     */
    private Map<String, Object> fullBufferConfig(String maxBlockMs) throws Exception {
        return config("batch.size", "1024", "buffer.memory", "1024", "linger.ms", String.valueOf(Integer.MAX_VALUE),
            "max.block.ms", maxBlockMs);
    }

    @Test
    void shouldFailTheRecordThroughFutureAndCallbackWhenTheBufferStaysFull() throws Exception {
        Outcomes outcomes = new Outcomes();
        Future<RecordMetadata> buffered;
        Future<RecordMetadata> exhausted;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(fullBufferConfig("0"),
            new ByteArraySerializer(), new ByteArraySerializer())) {
            buffered = producer.send(new ProducerRecord<>("t", 0, SMALL, SMALL), outcomes);
            exhausted = producer.send(new ProducerRecord<>("t", 1, SMALL, SMALL), outcomes);
            assertTrue(exhausted.isDone(), "the record failed in send, without waiting (max.block.ms=0)");
            ExecutionException e = assertThrows(ExecutionException.class, exhausted::get);
            assertInstanceOf(BufferExhaustedException.class, e.getCause());
            assertEquals(1, outcomes.errors.size(), "the callback got the same failure: " + outcomes.errors);
            assertInstanceOf(BufferExhaustedException.class, outcomes.errors.get(0));

            // Kafka Streams' send: the callback alone reports it, and nothing is thrown.
            producer.sendSerializedWithCallbackOnly("t", 1, 1L, SMALL, SMALL, NO_HEADERS, outcomes);
            assertEquals(2, outcomes.errors.size(), "sendSerializedWithCallbackOnly reports it too");
            assertInstanceOf(BufferExhaustedException.class, outcomes.errors.get(1));
        }
        assertEquals(0, buffered.get().partition(), "the record that fitted is written at close");
        assertEquals(1, outcomes.acknowledged.size());
    }

    @Test
    void shouldFailATooLargeRecordThroughFutureAndCallback() throws Exception {
        Outcomes outcomes = new Outcomes();
        byte[] large = new byte[2048];
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config("max.request.size", "1024"),
            new ByteArraySerializer(), new ByteArraySerializer())) {
            Future<RecordMetadata> tooLarge = producer.send(new ProducerRecord<>("t", SMALL, large), outcomes);
            ExecutionException e = assertThrows(ExecutionException.class, tooLarge::get);
            assertInstanceOf(RecordTooLargeException.class, e.getCause());
            producer.sendSerializedWithCallbackOnly("t", null, 1L, SMALL, large, NO_HEADERS, outcomes);
        }
        assertEquals(2, outcomes.errors.size(), "each send's callback got the failure: " + outcomes.errors);
        outcomes.errors.forEach(error -> assertInstanceOf(RecordTooLargeException.class, error));
    }

    /** Rejects every value, as a serializer does for data it cannot write. */
    public static final class RejectingSerializer implements Serializer<byte[]> {
        @Override
        public byte[] serialize(String topic, byte[] data) {
            throw new SerializationException("cannot serialize " + data.length + " bytes");
        }
    }

    @Test
    void shouldThrowASerializationFailureWithoutCallingTheCallback() throws Exception {
        Outcomes outcomes = new Outcomes();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config(), new ByteArraySerializer(),
            new RejectingSerializer())) {
            assertThrows(SerializationException.class,
                () -> producer.send(new ProducerRecord<>("t", SMALL, SMALL), outcomes));
        }
        assertEquals(List.of(), outcomes.errors, "a thrown error does not also reach the callback");
    }

    @Test
    void shouldThrowAnInterruptWhileWaitingForMemoryWithoutCallingTheCallback() throws Exception {
        Outcomes outcomes = new Outcomes();
        // Kafka's default max.block.ms: the interrupt, set before the wait, ends it at once.
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(fullBufferConfig("60000"),
            new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("t", 0, SMALL, SMALL), outcomes);
            Thread.currentThread().interrupt();
            try {
                assertThrows(InterruptException.class,
                    () -> producer.send(new ProducerRecord<>("t", 1, SMALL, SMALL), outcomes));
            } finally {
                assertTrue(Thread.interrupted(), "the interrupt flag is set again");
            }
            assertEquals(List.of(), outcomes.errors, "a thrown error does not also reach the callback");
        }
        assertEquals(1, outcomes.acknowledged.size(), "the buffered record is written at close");
    }

    @Test
    void shouldRefuseAClientInstanceIdAsKafkaDoesWithoutTelemetry() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            assertThrows(IllegalStateException.class, () -> producer.clientInstanceId(Duration.ofSeconds(1)));
        }
    }
}
