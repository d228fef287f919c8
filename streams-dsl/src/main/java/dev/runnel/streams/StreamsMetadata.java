package dev.runnel.streams;

import dev.runnel.common.TopicPartition;
import dev.runnel.streams.state.HostInfo;
import java.util.Set;

/**
 * An instance of an application as interactive queries see it: where it serves ({@code application.server}), the
 * stores and input partitions of its active tasks, and those of its standby tasks ({@code num.standby.replicas}),
 * which keep read-only copies of other instances' stores.
 */
public interface StreamsMetadata {
    HostInfo hostInfo();

    Set<String> stateStoreNames();

    Set<TopicPartition> topicPartitions();

    Set<String> standbyStateStoreNames();

    Set<TopicPartition> standbyTopicPartitions();

    String host();

    int port();

    /** Returns whether {@code other} describes the same instance: equal host, stores and partitions, both kinds. */
    @Override
    boolean equals(Object other);

    /** Returns a hash code consistent with {@link #equals(Object)}. */
    @Override
    int hashCode();
}
