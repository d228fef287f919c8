package dev.runnel.clients.admin;

import dev.runnel.common.TopicPartitionInfo;
import java.util.List;

/** A topic's name, whether it is internal, and its partitions. */
public record TopicDescription(String name, boolean isInternal, List<TopicPartitionInfo> partitions) {
    public TopicDescription {
        partitions = List.copyOf(partitions);
    }
}
