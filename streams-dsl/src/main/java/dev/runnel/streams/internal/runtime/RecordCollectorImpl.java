package dev.runnel.streams.internal.runtime;

import dev.runnel.clients.producer.Callback;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.clients.producer.RecordMetadata;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.header.Headers;
import dev.runnel.streams.errors.ErrorHandlerContext;
import dev.runnel.streams.errors.ProductionExceptionHandler;
import dev.runnel.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.processor.TaskId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's collector on the runtime: sends through the thread's {@link StreamsProducer}, remembers the last offset
 * written to each changelog partition (for the checkpoint), and hands send errors to the
 * {@link ProductionExceptionHandler}: CONTINUE drops and counts the record, FAIL makes the next send or
 * {@link #flush()} throw. Not thread-safe for sends (the task's thread); callbacks may run on the producer's thread.
 */
final class RecordCollectorImpl implements RecordCollector {
    private static final Logger LOG = LoggerFactory.getLogger(RecordCollectorImpl.class);

    private final TaskId taskId;
    private final StreamsProducer producer;
    private final ProductionExceptionHandler handler;
    private final Set<String> changelogTopics;
    private final Map<String, Integer> partitionCounts = new HashMap<>();
    private final Map<TopicPartition, Long> changelogOffsets = new ConcurrentHashMap<>();
    private volatile StreamsException sendError;
    private volatile long droppedRecords;

    RecordCollectorImpl(TaskId taskId, StreamsProducer producer, ProductionExceptionHandler handler,
        Set<String> changelogTopics) {
        this.taskId = taskId;
        this.producer = producer;
        this.handler = handler;
        this.changelogTopics = Set.copyOf(changelogTopics);
    }

    @Override
    public void send(String topic, Integer partition, long timestamp, byte[] key, byte[] value, Headers headers,
        String processorNodeId) {
        checkForError();
        PendingSend record = new PendingSend(topic, partition, timestamp, key, value, headers, processorNodeId,
            changelogTopics.contains(topic));
        producer.send(record, record);
    }

    @Override
    public int partitionsFor(String topic) {
        Integer count = partitionCounts.get(topic);
        if (count == null) {
            try {
                count = producer.partitionCount(topic);
            } catch (RuntimeException e) {
                count = -1;
            }
            partitionCounts.put(topic, count);
        }
        return count;
    }

    @Override
    public void flush() {
        producer.flush();
        checkForError();
    }

    private void checkForError() {
        StreamsException error = sendError;
        if (error != null) {
            throw error;
        }
    }

    /** Returns the offset after the last record written to each changelog partition. */
    Map<TopicPartition, Long> changelogOffsets() {
        return Map.copyOf(changelogOffsets);
    }

    long droppedRecords() {
        return droppedRecords;
    }

    private void onSendError(ProducerRecord<byte[], byte[]> record, String nodeId, Exception exception) {
        ProductionExceptionHandlerResponse response;
        try {
            response = handler.handle(new SendErrorContext(record.topic(), nodeId, taskId, record.timestamp(),
                record.headers()), record, exception);
        } catch (RuntimeException fatal) {
            sendError = new StreamsException("Fatal user code error in production error callback", fatal, taskId);
            return;
        }
        if (response == ProductionExceptionHandlerResponse.CONTINUE) {
            LOG.warn("Dropping a record the producer failed to send to {} (task {}, processor {}): {}",
                record.topic(), taskId, nodeId, exception.toString());
            droppedRecords++;
        } else if (sendError == null) {
            sendError = new StreamsException("Error encountered sending record to topic " + record.topic()
                + " for task " + taskId + " due to: " + exception + ". Exception handler choose to FAIL the"
                + " processing, no more records would be sent.", exception, taskId);
        }
    }

    /**
     * One send: the record is its own completion callback (one object per send on this hot path), which tracks
     * changelog offsets and routes errors to the handler.
     */
    private final class PendingSend extends ProducerRecord<byte[], byte[]> implements Callback {
        private final String nodeId;
        private final boolean changelog;

        PendingSend(String topic, Integer partition, long timestamp, byte[] key, byte[] value, Headers headers,
            String nodeId, boolean changelog) {
            super(topic, partition, timestamp, key, value, headers);
            this.nodeId = nodeId;
            this.changelog = changelog;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception != null) {
                onSendError(this, nodeId, exception);
            } else if (changelog) {
                changelogOffsets.merge(new TopicPartition(metadata.topic(), metadata.partition()),
                    metadata.offset() + 1, Math::max);
            }
        }
    }

    /** The error context of a failed send: the task and sending node; the input position is no longer known. */
    private record SendErrorContext(String topic, String processorNodeId, TaskId taskId, long timestamp,
        Headers headers) implements ErrorHandlerContext {
        @Override
        public int partition() {
            return -1;
        }

        @Override
        public long offset() {
            return -1L;
        }
    }
}
