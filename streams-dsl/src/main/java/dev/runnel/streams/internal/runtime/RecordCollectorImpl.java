package dev.runnel.streams.internal.runtime;

import dev.runnel.clients.producer.Callback;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.clients.producer.RecordMetadata;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.header.Header;
import dev.runnel.common.header.Headers;
import dev.runnel.streams.errors.ErrorHandlerContext;
import dev.runnel.streams.errors.ProductionExceptionHandler;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.processor.TaskId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's collector on the runtime: sends through the thread's {@link StreamsProducer}, remembers the last offset
 * written to each changelog partition (for the checkpoint), and hands send errors to the
 * {@link ProductionExceptionHandler}: RESUME drops and counts the record, FAIL (or RETRY) makes the next send or
 * {@link #flush()} throw. The dead letter queue records of the handler's response are sent by the task's thread at its
 * next send or flush, so before a commit and in its transaction. Not thread-safe for sends (the task's thread);
 * callbacks may run on the producer's thread.
 */
final class RecordCollectorImpl implements RecordCollector {
    private static final Logger LOG = LoggerFactory.getLogger(RecordCollectorImpl.class);
    private static final Header[] NO_HEADERS = new Header[0];

    private final TaskId taskId;
    private final StreamsProducer producer;
    private final ProductionExceptionHandler handler;
    private final Set<String> changelogTopics;
    private final Map<String, Integer> partitionCounts = new HashMap<>();
    private final Map<TopicPartition, Long> changelogOffsets = new ConcurrentHashMap<>();
    private final Queue<PendingSend> deadLetters = new ConcurrentLinkedQueue<>();
    /**
     * Set after a callback queues dead letters: each send reads this flag rather than polling the queue, whose empty
     * poll cost 1% of a word count.
     */
    private volatile boolean deadLettersQueued;
    /** What each sink node produced to each topic, changelogs aside (Kafka's stream-topic-metrics): topic, node. */
    private final Map<String, Map<String, TopicTraffic>> producedByTopic = new ConcurrentHashMap<>();
    /** Told of each (node, topic) traffic counter when it is made, to register its metrics. */
    private volatile ProducedTrafficListener producedTrafficListener = (node, topic, traffic) -> { };

    /** Registers the metrics of what a node produced to a topic. */
    @FunctionalInterface
    interface ProducedTrafficListener {
        void onNewTraffic(String nodeId, String topic, TopicTraffic traffic);
    }
    /**
     * A failed send the handler did not resume, or a send refused to a fenced producer: the runtime's failure, which no
     * processing handler may skip.
     */
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
        sendDeadLetters();
        checkForError();
        Header[] frozen = headers == null ? NO_HEADERS : headers.toArray();
        send(new PendingSend(topic, partition, timestamp, key, value, frozen, processorNodeId,
            changelogTopics.contains(topic), false));
    }

    private void send(PendingSend pending) {
        producer.send(pending.topic, pending.partition, pending.timestamp, pending.key, pending.value, pending.headers,
            pending);
    }

    @Override
    public void sendDeadLetterQueueRecords(List<ProducerRecord<byte[], byte[]>> records, long defaultTimestamp,
        String processorNodeId) {
        // Sent even after a send error: they are what the handler asked for before the task fails.
        for (ProducerRecord<byte[], byte[]> record : records) {
            send(deadLetter(record, defaultTimestamp, processorNodeId));
        }
    }

    private PendingSend deadLetter(ProducerRecord<byte[], byte[]> record, long defaultTimestamp, String nodeId) {
        return new PendingSend(record.topic(), record.partition(),
            record.timestamp() != null ? record.timestamp() : defaultTimestamp, record.key(), record.value(),
            record.headers().toArray(), nodeId, false, true);
    }

    /** Sends the dead letter queue records that send error callbacks left. */
    private void sendDeadLetters() {
        if (!deadLettersQueued) {
            return;
        }
        // Cleared before the queue is drained: a dead letter queued meanwhile sets it again.
        deadLettersQueued = false;
        PendingSend deadLetter;
        while ((deadLetter = deadLetters.poll()) != null) {
            send(deadLetter);
        }
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
        // Send errors found by this flush may have left dead letters, which must be written before a commit.
        while (deadLettersQueued) {
            sendDeadLetters();
            producer.flush();
        }
        checkForError();
    }

    private void checkForError() {
        StreamsException error = sendError;
        if (error != null) {
            throw error;
        }
    }

    /** Returns the counter of what {@code nodeId} produced to {@code topic}, made (and announced) on first use. */
    private TopicTraffic producedTo(String nodeId, String topic) {
        Map<String, TopicTraffic> byNode = producedByTopic.computeIfAbsent(topic, name -> new ConcurrentHashMap<>());
        TopicTraffic traffic = byNode.get(nodeId);
        if (traffic != null) {
            return traffic;
        }
        return byNode.computeIfAbsent(nodeId, node -> {
            TopicTraffic made = new TopicTraffic(topic);
            producedTrafficListener.onNewTraffic(node, topic, made);
            return made;
        });
    }

    /** Sets what is told of each (node, topic) traffic counter made from now on. */
    void onProducedTraffic(ProducedTrafficListener listener) {
        this.producedTrafficListener = listener;
    }

    /** Returns the offset after the last record written to each changelog partition. */
    Map<TopicPartition, Long> changelogOffsets() {
        return Map.copyOf(changelogOffsets);
    }

    long droppedRecords() {
        return droppedRecords;
    }

    private void onSendError(PendingSend pending, String nodeId, Exception exception) {
        ProducerRecord<byte[], byte[]> record = pending.toProducerRecord();
        if (StreamsProducer.isFenced(exception)) {
            // Not the handler's to judge: the task's transaction is lost, and the thread rejoins (Kafka does the same).
            if (sendError == null) {
                sendError = StreamsProducer.migrated("send a record to " + record.topic() + " for task " + taskId,
                    exception);
            }
            return;
        }
        if (pending.deadLetter) {
            LOG.error("Failed to send a dead letter queue record to {} (task {}, processor {}): {}", record.topic(),
                taskId, nodeId, exception.toString());
        }
        ProductionExceptionHandler.Response response;
        try {
            response = Objects.requireNonNull(handler.handleError(new SendErrorContext(record.topic(), nodeId, taskId,
                record.timestamp(), record.headers()), record, exception),
                "Invalid ProductionExceptionHandler response");
        } catch (RuntimeException fatal) {
            sendError = new FailedProcessingException("Fatal user code error in production error callback", fatal,
                taskId);
            return;
        }
        queueDeadLetters(pending, response.deadLetterQueueRecords(), nodeId);
        if (response.result() == ProductionExceptionHandler.Result.RESUME) {
            LOG.warn("Dropping a record the producer failed to send to {} (task {}, processor {}): {}",
                record.topic(), taskId, nodeId, exception.toString());
            droppedRecords++;
        } else if (sendError == null) {
            sendError = new FailedProcessingException("Error encountered sending record to topic " + record.topic()
                + " for task " + taskId + " due to: " + exception + ". Exception handler choose to FAIL the"
                + " processing, no more records would be sent.", exception, taskId);
        }
    }

    private void queueDeadLetters(PendingSend failed, List<ProducerRecord<byte[], byte[]>> records, String nodeId) {
        if (failed.deadLetter) {
            // A dead letter queue that fails must not feed itself: the handler already saw (and logged) the failure.
            if (!records.isEmpty()) {
                LOG.error("Not sending {} dead letter queue record(s) for a failed dead letter queue record (task {})",
                    records.size(), taskId);
            }
            return;
        }
        for (ProducerRecord<byte[], byte[]> record : records) {
            deadLetters.add(deadLetter(record, failed.timestamp, nodeId));
            deadLettersQueued = true;
        }
    }

    /**
     * One send and its own completion callback (one object per send on this hot path, and no {@code ProducerRecord}:
     * the producer takes the serialized fields as they are), which tracks changelog offsets and routes errors to the
     * handler.
     */
    private final class PendingSend implements Callback {
        private final String topic;
        private final Integer partition;
        private final long timestamp;
        private final byte[] key;
        private final byte[] value;
        private final Header[] headers;
        private final String nodeId;
        private final boolean changelog;
        private final boolean deadLetter;

        PendingSend(String topic, Integer partition, long timestamp, byte[] key, byte[] value, Header[] headers,
            String nodeId, boolean changelog, boolean deadLetter) {
            this.topic = topic;
            this.partition = partition;
            this.timestamp = timestamp;
            this.key = key;
            this.value = value;
            this.headers = headers;
            this.nodeId = nodeId;
            this.changelog = changelog;
            this.deadLetter = deadLetter;
        }

        /** The failed record as the production exception handler sees it. */
        ProducerRecord<byte[], byte[]> toProducerRecord() {
            return new ProducerRecord<>(topic, partition, timestamp, key, value, List.of(headers));
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception != null) {
                onSendError(this, nodeId, exception);
            } else if (changelog) {
                changelogOffsets.merge(new TopicPartition(metadata.topic(), metadata.partition()),
                    metadata.offset() + 1, Math::max);
            } else {
                TopicTraffic traffic = producedTo(nodeId, topic);
                synchronized (traffic) {
                    traffic.add(key == null ? 0 : key.length, value == null ? 0 : value.length, headers);
                }
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

        @Override
        public byte[] sourceRawKey() {
            return null;
        }

        @Override
        public byte[] sourceRawValue() {
            return null;
        }
    }
}
