package dev.runnel.streams.internal.graph;

import dev.runnel.common.serialization.Serializer;
import dev.runnel.streams.internal.runtime.ProcessorNode;
import dev.runnel.streams.internal.runtime.SinkNode;
import dev.runnel.streams.processor.StreamPartitioner;
import dev.runnel.streams.processor.TopicNameExtractor;
import java.util.List;

/**
 * A sink: a topic (or an extractor choosing it per record) and, each optional, serializers and partitioner.
 * Exactly one of {@code topic} and {@code topicNameExtractor} is set.
 */
public record SinkNodeFactory(String name, List<String> predecessors, String topic,
    TopicNameExtractor<?, ?> topicNameExtractor, Serializer<?> keySerializer, Serializer<?> valueSerializer,
    StreamPartitioner<?, ?> partitioner) implements NodeFactory {

    /** Validates and copies. */
    public SinkNodeFactory {
        predecessors = List.copyOf(predecessors);
        if ((topic == null) == (topicNameExtractor == null)) {
            throw new IllegalArgumentException("exactly one of topic and topicNameExtractor must be set: " + name);
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public ProcessorNode<?, ?, ?, ?> build() {
        return new SinkNode(name, topic, topicNameExtractor, keySerializer, valueSerializer, partitioner);
    }
}
