package dev.runnel.testing;

import dev.runnel.common.Cluster;
import dev.runnel.common.Node;
import dev.runnel.common.PartitionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Cluster views for partitioner tests. */
public final class Clusters {
    private Clusters() {
    }

    /** Returns a cluster of the embedded node holding each topic, given as name and partition count pairs. */
    public static Cluster of(Object... topicsAndCounts) {
        List<PartitionInfo> partitions = new ArrayList<>();
        for (int i = 0; i < topicsAndCounts.length; i += 2) {
            for (int p = 0; p < (Integer) topicsAndCounts[i + 1]; p++) {
                partitions.add(PartitionInfo.embedded((String) topicsAndCounts[i], p));
            }
        }
        return new Cluster(null, List.of(Node.EMBEDDED), partitions, Set.of(), Set.of());
    }
}
