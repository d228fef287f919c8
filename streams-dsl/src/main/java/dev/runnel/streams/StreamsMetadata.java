package dev.runnel.streams;

import dev.runnel.common.TopicPartition;
import dev.runnel.streams.state.HostInfo;
import java.util.Set;

/**
 * An instance of an application as interactive queries see it: where it serves ({@code application.server}), the
 * stores it hosts and the input partitions of its tasks. Runnel has no standby replicas, so their sets are empty.
 */
public interface StreamsMetadata {
    HostInfo hostInfo();

    Set<String> stateStoreNames();

    Set<TopicPartition> topicPartitions();

    Set<String> standbyStateStoreNames();

    Set<TopicPartition> standbyTopicPartitions();

    String host();

    int port();
}
