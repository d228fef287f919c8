package dev.runnel.common;

import java.util.Objects;

/** A topic name and a partition number. Immutable; printed as {@code topic-partition}, as in Kafka. */
public final class TopicPartition {
    private final String topic;
    private final int partition;
    private final int hash;

    public TopicPartition(String topic, int partition) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.partition = partition;
        this.hash = 31 * topic.hashCode() + partition;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopicPartition that && partition == that.partition && topic.equals(that.topic);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
