package dev.runnel.clients.producer.internals;

import dev.runnel.common.Cluster;
import dev.runnel.common.Node;
import dev.runnel.common.PartitionInfo;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.utils.Utils;
import dev.runnel.log.RunnelLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the producer needs to know of each topic on every send, cached so that a send costs one map lookup: the
 * partitions (as reusable {@link TopicPartition}s) and the topic's {@code max.message.bytes}. An entry is reloaded
 * when the log's metadata version moves on. Thread-safe.
 */
public final class ProducerMetadata {
    private final RunnelLog log;
    private final Map<String, TopicInfo> topics = new ConcurrentHashMap<>();
    /** The partitioner's view of {@link #topics}, rebuilt on first use after an entry is (re)loaded. */
    private volatile Cluster cluster = Cluster.empty();
    private volatile boolean clusterStale;

    /** One topic as of metadata version {@code version}, with its round-robin counter for records without a key. */
    public record TopicInfo(long version, TopicPartition[] partitions, int maxMessageBytes, AtomicInteger roundRobin) {
        public int partitionCount() {
            return partitions.length;
        }

        /** The next partition for a record without a key: 0, 1, 2, … wrapping around, as Kafka's round-robin. */
        public int nextRoundRobinPartition() {
            return Utils.toPositive(roundRobin.getAndIncrement()) % partitions.length;
        }
    }

    public ProducerMetadata(RunnelLog log) {
        this.log = log;
    }

    /**
     * Returns the topic's metadata, creating the topic first if the log auto-creates topics. Throws
     * {@code UnknownTopicOrPartitionException} for a topic that does not exist.
     */
    public TopicInfo topic(String name) {
        // The version is read before the topic, so that a change racing with a load leaves a stale entry behind.
        long version = log.metadataVersion();
        TopicInfo info = topics.get(name);
        if (info != null && info.version() == version) {
            return info;
        }
        if (!log.topicExists(name) && log.config().autoCreateTopics()) {
            log.createTopicIfAbsent(name);
            version = log.metadataVersion();
        }
        int count = log.partitionCount(name);
        TopicPartition[] partitions = new TopicPartition[count];
        for (int p = 0; p < count; p++) {
            partitions[p] = new TopicPartition(name, p);
        }
        AtomicInteger counter = info != null ? info.roundRobin() : new AtomicInteger();
        info = new TopicInfo(version, partitions, log.topicConfig(name).maxMessageBytes(), counter);
        topics.put(name, info);
        clusterStale = true;
        return info;
    }

    /**
     * Returns a {@link Cluster} of every topic loaded so far, for a custom partitioner. It is rebuilt only after a
     * topic was (re)loaded, so a send costs a volatile read.
     */
    public Cluster cluster() {
        if (clusterStale) {
            synchronized (this) {
                if (clusterStale) {
                    // Cleared before reading the topics: a load racing with this build marks the view stale again.
                    clusterStale = false;
                    cluster = buildCluster();
                }
            }
        }
        return cluster;
    }

    private Cluster buildCluster() {
        List<PartitionInfo> partitions = new ArrayList<>();
        for (TopicInfo info : topics.values()) {
            for (TopicPartition tp : info.partitions()) {
                partitions.add(PartitionInfo.embedded(tp.topic(), tp.partition()));
            }
        }
        return new Cluster(null, List.of(Node.EMBEDDED), partitions, Set.of(), Set.of());
    }
}
