package dev.runnel.streams.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.NewTopic;
import dev.runnel.clients.producer.BufferExhaustedException;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.ByteArraySerializer;
import dev.runnel.streams.errors.ErrorHandlerContext;
import dev.runnel.streams.errors.ProductionExceptionHandler;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.processor.TaskId;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A send the producer fails while queuing it (here {@code buffer.memory} full past {@code max.block.ms}) reaches the
 * {@link ProductionExceptionHandler}, as every other send error does, instead of escaping the collector's send.
 */
class RecordCollectorSendErrorIT {
    private static final byte[] SMALL = {1, 2, 3};
    private static final TaskId TASK = new TaskId(0, 0);

    @TempDir
    Path dataDir;

    /** Records what it is given and answers with a fixed response. */
    private static final class RecordingHandler implements ProductionExceptionHandler {
        final List<Exception> handled = new CopyOnWriteArrayList<>();
        final Response response;

        RecordingHandler(Response response) {
            this.response = response;
        }

        @Override
        public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
            Exception exception) {
            handled.add(exception);
            return response;
        }
    }

    /**
     * A producer whose first record takes all of {@code buffer.memory} and lingers until a flush; a record for the
     * other partition then finds the buffer full and, with {@code max.block.ms} 0, fails at once.
     */
    private StreamsProducer fullBufferProducer() throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of("log.dir", dataDir.toString()));
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic("out", 2, (short) 1))).all().get();
        }
        config.putAll(Map.of("batch.size", 1024, "buffer.memory", 1024, "linger.ms", Integer.MAX_VALUE,
            "max.block.ms", 0));
        return new StreamsProducer(() -> new KafkaProducer<>(config, new ByteArraySerializer(),
            new ByteArraySerializer()), false);
    }

    @Test
    void shouldPassAnExhaustedBufferToTheHandlerAndDropTheRecordOnResume() throws Exception {
        RecordingHandler handler = new RecordingHandler(ProductionExceptionHandler.Response.resume());
        try (StreamsProducer producer = fullBufferProducer()) {
            RecordCollectorImpl collector = new RecordCollectorImpl(TASK, producer, handler, Set.of());
            collector.send("out", 0, 1L, SMALL, SMALL, null, "sink");
            collector.send("out", 1, 1L, SMALL, SMALL, null, "sink");
            collector.flush();
            assertEquals(1, handler.handled.size(), "the handler saw the failed send: " + handler.handled);
            assertInstanceOf(BufferExhaustedException.class, handler.handled.get(0));
            assertEquals(1, collector.droppedRecords());
        }
    }

    @Test
    void shouldFailTheTaskAtItsNextSendWhenTheHandlerFailsOnAnExhaustedBuffer() throws Exception {
        RecordingHandler handler = new RecordingHandler(ProductionExceptionHandler.Response.fail());
        try (StreamsProducer producer = fullBufferProducer()) {
            RecordCollectorImpl collector = new RecordCollectorImpl(TASK, producer, handler, Set.of());
            collector.send("out", 0, 1L, SMALL, SMALL, null, "sink");
            collector.send("out", 1, 1L, SMALL, SMALL, null, "sink");
            StreamsException e = assertThrows(StreamsException.class,
                () -> collector.send("out", 0, 2L, SMALL, SMALL, null, "sink"));
            assertSame(handler.handled.get(0), e.getCause(), "the task fails with the producer's error");
            assertInstanceOf(BufferExhaustedException.class, e.getCause());
        }
    }
}
