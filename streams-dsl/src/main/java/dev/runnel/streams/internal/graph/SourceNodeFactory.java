package dev.runnel.streams.internal.graph;

import dev.runnel.common.serialization.Deserializer;
import dev.runnel.streams.internal.runtime.ProcessorNode;
import dev.runnel.streams.internal.runtime.SourceNode;
import dev.runnel.streams.processor.TimestampExtractor;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A source: named topics or a topic pattern ({@code null} for named topics, which are then non-empty) and, each
 * optional (null = the application default), deserializers and timestamp extractor.
 */
public record SourceNodeFactory(String name, List<String> topics, Pattern pattern,
    TimestampExtractor timestampExtractor, Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer)
    implements NodeFactory {

    /** Validates and copies. */
    public SourceNodeFactory {
        topics = List.copyOf(topics);
    }

    @Override
    public List<String> predecessors() {
        return List.of();
    }

    @Override
    public ProcessorNode<?, ?, ?, ?> build() {
        return new SourceNode<>(name, topics, pattern, timestampExtractor, keyDeserializer, valueDeserializer);
    }
}
