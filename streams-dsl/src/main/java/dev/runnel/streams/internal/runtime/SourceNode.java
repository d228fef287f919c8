package dev.runnel.streams.internal.runtime;

import dev.runnel.common.header.Headers;
import dev.runnel.common.serialization.Deserializer;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.processor.TimestampExtractor;
import dev.runnel.streams.processor.api.Record;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads named topics or the topics a pattern matches: deserializes, and forwards the record to its children. */
public final class SourceNode<K, V> extends ProcessorNode<K, V, K, V> {
    private final List<String> topics;
    private final Pattern pattern;
    private final TimestampExtractor timestampExtractor;
    private Deserializer<K> keyDeserializer;
    private Deserializer<V> valueDeserializer;
    private ProcessorContextImpl context;

    /**
     * Creates a source of {@code topics}, or of the topics {@code pattern} matches ({@code null} for named topics);
     * {@code null} deserializers and extractor mean the application defaults.
     */
    @SuppressWarnings("unchecked")
    public SourceNode(String name, List<String> topics, Pattern pattern, TimestampExtractor timestampExtractor,
        Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer) {
        super(name, null, Set.of());
        this.topics = List.copyOf(topics);
        this.pattern = pattern;
        this.timestampExtractor = timestampExtractor;
        this.keyDeserializer = (Deserializer<K>) keyDeserializer;
        this.valueDeserializer = (Deserializer<V>) valueDeserializer;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void init(ProcessorContextImpl taskContext) {
        this.context = taskContext;
        try {
            if (keyDeserializer == null) {
                keyDeserializer = (Deserializer<K>) taskContext.defaultKeySerde(name()).deserializer();
            }
        } catch (RuntimeException e) {
            throw new StreamsException("Failed to initialize key serdes for source node " + name(), e);
        }
        try {
            if (valueDeserializer == null) {
                valueDeserializer = (Deserializer<V>) taskContext.defaultValueSerde(name()).deserializer();
            }
            if (valueDeserializer instanceof DefaultValueSerdeAware wrapping && wrapping.needsDefaultValueSerde()) {
                wrapping.setDefaultValueSerde(taskContext.defaultValueSerde(name()));
            }
        } catch (RuntimeException e) {
            throw new StreamsException("Failed to initialize value serdes for source node " + name(), e);
        }
    }

    /** Returns the named topics read (none for a pattern source). */
    public List<String> topics() {
        return topics;
    }

    /** Returns the pattern of the topics read, or {@code null} for a source of named topics. */
    public Pattern pattern() {
        return pattern;
    }

    /** Returns this source's timestamp extractor, or {@code null} for the application default. */
    public TimestampExtractor timestampExtractor() {
        return timestampExtractor;
    }

    /** Deserializes a key. */
    public K deserializeKey(String topic, Headers headers, byte[] data) {
        return keyDeserializer.deserialize(topic, headers, data);
    }

    /** Deserializes a value. */
    public V deserializeValue(String topic, Headers headers, byte[] data) {
        return valueDeserializer.deserialize(topic, headers, data);
    }

    @Override
    public void process(Record<K, V> record) {
        context.forNode().forward(record);
    }
}
