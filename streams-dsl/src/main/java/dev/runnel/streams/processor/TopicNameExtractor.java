package dev.runnel.streams.processor;

/** Chooses the output topic per record, for {@code KStream#to(TopicNameExtractor)} and dynamic sinks. */
@FunctionalInterface
public interface TopicNameExtractor<K, V> {
    /** Returns the topic to send the record to; it must exist when the runtime produces to it. */
    String extract(K key, V value, RecordContext recordContext);
}
