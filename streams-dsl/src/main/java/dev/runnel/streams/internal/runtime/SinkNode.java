package dev.runnel.streams.internal.runtime;

import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.streams.errors.ProductionExceptionHandler;
import dev.runnel.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.processor.StreamPartitioner;
import dev.runnel.streams.processor.TopicNameExtractor;
import dev.runnel.streams.processor.api.Record;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Writes records to a topic: serializes them (serialization errors go to the production exception handler), picks
 * the partition(s) with the partitioner if there is one, and hands them to the task's {@link RecordCollector}.
 */
public final class SinkNode<K, V> extends ProcessorNode<K, V, Void, Void> {
    private final TopicNameExtractor<K, V> topicNameExtractor;
    private final StreamPartitioner<K, V> partitioner;
    private String topic;
    private Serializer<K> keySerializer;
    private Serializer<V> valueSerializer;
    private ProcessorContextImpl context;

    /** Creates a sink; {@code null} serializers mean the application defaults. */
    @SuppressWarnings("unchecked")
    public SinkNode(String name, String topic, TopicNameExtractor<K, V> topicNameExtractor,
        Serializer<?> keySerializer, Serializer<?> valueSerializer, StreamPartitioner<K, V> partitioner) {
        super(name, null, Set.of());
        this.topic = topic;
        this.topicNameExtractor = topicNameExtractor;
        this.keySerializer = (Serializer<K>) keySerializer;
        this.valueSerializer = (Serializer<V>) valueSerializer;
        this.partitioner = partitioner;
    }

    /** Replaces the fixed topic with its runtime name (internal topics get the application id prefix). */
    public void decorateTopic(String decorated) {
        this.topic = decorated;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void init(ProcessorContextImpl taskContext) {
        this.context = taskContext;
        try {
            if (keySerializer == null) {
                keySerializer = (Serializer<K>) taskContext.defaultKeySerde(name()).serializer();
            }
        } catch (RuntimeException e) {
            throw new StreamsException("Failed to initialize key serdes for sink node " + name(), e);
        }
        try {
            if (valueSerializer == null) {
                valueSerializer = (Serializer<V>) taskContext.defaultValueSerde(name()).serializer();
            }
            if (valueSerializer instanceof DefaultValueSerdeAware wrapping && wrapping.needsDefaultValueSerde()) {
                wrapping.setDefaultValueSerde(taskContext.defaultValueSerde(name()));
            }
        } catch (RuntimeException e) {
            throw new StreamsException("Failed to initialize value serdes for sink node " + name(), e);
        }
    }

    @Override
    public void process(Record<K, V> record) {
        String target = topic != null
            ? topic
            : topicNameExtractor.extract(record.key(), record.value(), context.userRecordContext());
        byte[] key;
        byte[] value;
        try {
            key = keySerializer.serialize(target, record.headers(), record.key());
        } catch (RuntimeException e) {
            handleSerializationError(target, record, e, SerializationExceptionOrigin.KEY);
            return;
        }
        try {
            value = valueSerializer.serialize(target, record.headers(), record.value());
        } catch (RuntimeException e) {
            handleSerializationError(target, record, e, SerializationExceptionOrigin.VALUE);
            return;
        }
        RecordCollector collector = context.recordCollector();
        if (partitioner != null) {
            int partitions = collector.partitionsFor(target);
            if (partitions > 0) {
                Optional<Set<Integer>> chosen = partitioner.partitions(target, record.key(), record.value(),
                    partitions);
                if (chosen.isPresent()) {
                    if (chosen.get().isEmpty()) {
                        context.task().recordDropped();
                    }
                    for (Integer partition : chosen.get()) {
                        collector.send(target, partition, record.timestamp(), key, value, record.headers(), name());
                    }
                    return;
                }
            }
        }
        collector.send(target, null, record.timestamp(), key, value, record.headers(), name());
    }

    private void handleSerializationError(String target, Record<K, V> record, RuntimeException error,
        SerializationExceptionOrigin origin) {
        ProducerRecord<K, V> failed = new ProducerRecord<>(target, null, record.timestamp(), record.key(),
            record.value(), record.headers());
        ProductionExceptionHandler.Response response;
        try {
            response = Objects.requireNonNull(context.task().productionExceptionHandler()
                .handleSerializationError(context.errorHandlerContext(name()), failed, error, origin),
                "Invalid ProductionExceptionHandler response");
        } catch (RuntimeException handlerError) {
            throw new FailedProcessingException("Fatal user code error in production error callback", handlerError);
        }
        context.task().sendToDeadLetterQueue(response.deadLetterQueueRecords(), name());
        if (response.result() == ProductionExceptionHandler.Result.RESUME) {
            context.task().recordDropped();
            return;
        }
        // RETRY cannot help a serializer: it counts as FAIL, as in Kafka.
        throw new FailedProcessingException("Error encountered sending record to topic " + target + " for task "
            + context.taskId() + " due to: failed to serialize the " + origin.name().toLowerCase(java.util.Locale.ROOT)
            + " (" + error + "). The production exception handler chose " + response.result() + ".", error,
            context.taskId());
    }
}
