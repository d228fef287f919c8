package dev.runnel.log;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.InvalidPartitionsException;
import dev.runnel.common.errors.KafkaStorageException;
import dev.runnel.common.errors.PolicyViolationException;
import dev.runnel.common.errors.TopicExistsException;
import dev.runnel.common.errors.UnknownTopicOrPartitionException;
import dev.runnel.common.record.CompressionType;
import dev.runnel.common.utils.Time;
import dev.runnel.log.internal.AppendNotifier;
import dev.runnel.log.internal.ClusterId;
import dev.runnel.log.internal.AtomicFiles;
import dev.runnel.log.internal.DataDirLock;
import dev.runnel.log.internal.LogMaintenance;
import dev.runnel.log.internal.TopicMetadata;
import dev.runnel.log.internal.TopicCompression;
import dev.runnel.log.internal.TopicMetadataStore;
import dev.runnel.common.utils.Directories;
import dev.runnel.log.internal.KeyPresenceCheck;
import dev.runnel.log.internal.group.GroupCoordinator;
import dev.runnel.log.internal.segment.AppendInfo;
import dev.runnel.log.internal.segment.PartitionLog;
import dev.runnel.log.internal.txn.TransactionCoordinator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded partitioned log: every topic of one data folder, opened by one process. Producers, consumers and admin
 * clients created with the same {@code log.dir} in one process share one instance; it closes when the last of them
 * does. Thread-safe: topic changes are serialised, appends are serialised per partition, reads run concurrently.
 *
 * <pre>{@code
 * try (RunnelLog log = RunnelLog.open(Path.of("runnel-data"))) {
 *     log.createTopic("clicks", 3, Map.of("retention.ms", "86400000"));
 * }
 * }</pre>
 */
public final class RunnelLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunnelLog.class);
    /** The offset of {@link #deleteRecords} that stands for the high watermark (the log end offset), as in Kafka. */
    public static final long HIGH_WATERMARK = -1L;
    private static final String CLEAN_SHUTDOWN_FILE = ".clean-shutdown";
    private static final Pattern PARTITION_DIR = Pattern.compile("(.+)-(\\d+)");
    private static final Map<Path, RunnelLog> OPEN_LOGS = new HashMap<>();
    /** Folders whose last reference is closing; an open waits for the close to release the folder lock. */
    private static final java.util.Set<Path> CLOSING = new java.util.HashSet<>();

    private final RunnelLogConfig config;
    private final Path dataDir;
    private final Time time;
    private final DataDirLock lock;
    private final TopicMetadataStore metadataStore;
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final AppendNotifier appendNotifier = new AppendNotifier();
    private final LogMaintenance maintenance;
    private final GroupCoordinator groupCoordinator;
    private final TransactionCoordinator transactionCoordinator;
    private final java.util.concurrent.atomic.AtomicLong metadataVersion = new java.util.concurrent.atomic.AtomicLong();
    private int references = 1;
    private String clusterId;

    /** One topic's metadata, parsed config and partition logs; replaced whole when any of them changes. */
    private record Topic(TopicMetadata metadata, LogConfig config, List<PartitionLog> partitions) {
        Topic {
            partitions = List.copyOf(partitions);
        }
    }

    private RunnelLog(RunnelLogConfig config, Path dataDir, Time time) {
        this.config = config;
        this.dataDir = dataDir;
        this.time = time;
        this.lock = DataDirLock.acquire(dataDir);
        try {
            boolean cleanShutdown = consumeCleanShutdownMarker();
            this.metadataStore = new TopicMetadataStore(dataDir);
            for (TopicMetadata metadata : metadataStore.loadAll()) {
                topics.put(metadata.name(), openTopic(metadata, cleanShutdown));
            }
            deleteOrphanPartitionDirs();
            // Transactions load first: completing a prepared commit writes markers that the group coordinator's
            // load of __consumer_offsets then applies to the staged offsets.
            this.transactionCoordinator = new TransactionCoordinator(this, dataDir.resolve(".meta"), time);
            transactionCoordinator.load();
            this.groupCoordinator = new GroupCoordinator(this, time, config.offsetMetadataMaxBytes());
            transactionCoordinator.setOffsetSink(groupCoordinator);
        } catch (RuntimeException e) {
            topics.values().forEach(topic -> topic.partitions().forEach(PartitionLog::close));
            lock.close();
            throw e;
        }
        this.maintenance = new LogMaintenance(this, config, time);
    }

    /** Opens (or shares, within this process) the log in {@code dataDir} with default settings. */
    public static RunnelLog open(Path dataDir) {
        return open(RunnelLogConfig.of(dataDir), Time.SYSTEM);
    }

    public static RunnelLog open(RunnelLogConfig config) {
        return open(config, Time.SYSTEM);
    }

    /**
     * Opens the log, recovering it if the previous process did not shut down cleanly, or returns the instance this
     * process already has open for that folder. Throws {@link KafkaStorageException} if another process owns it.
     */
    public static RunnelLog open(RunnelLogConfig config, Time time) {
        Path dir;
        try {
            dir = Files.createDirectories(config.dataDir()).toRealPath();
        } catch (IOException e) {
            throw new KafkaStorageException("Cannot create data directory " + config.dataDir() + ": "
                + e.getMessage(), e);
        }
        synchronized (OPEN_LOGS) {
            while (CLOSING.contains(dir)) {
                try {
                    OPEN_LOGS.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new dev.runnel.common.errors.InterruptException("Interrupted while " + dir
                        + " was closing", e);
                }
            }
            RunnelLog log = OPEN_LOGS.get(dir);
            if (log != null) {
                log.references++;
                return log;
            }
            log = new RunnelLog(config, dir, time);
            log.maintenance.start();
            log.groupCoordinator.start();
            OPEN_LOGS.put(dir, log);
            return log;
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    public RunnelLogConfig config() {
        return config;
    }

    public Time time() {
        return time;
    }

    /**
     * A number that grows whenever a topic is created, deleted or altered, so that clients can cache topic metadata
     * and reload it only when this changes.
     */
    public long metadataVersion() {
        return metadataVersion.get();
    }

    /** The coordinator of this log's consumer groups and their committed offsets (loaded when the log opens). */
    public GroupCoordinator groupCoordinator() {
        return groupCoordinator;
    }

    /** The coordinator of this log's producer ids and transactions. */
    public TransactionCoordinator transactionCoordinator() {
        return transactionCoordinator;
    }

    /** Wakes waiting consumers on every append. */
    public AppendNotifier appendNotifier() {
        return appendNotifier;
    }

    /**
     * Creates a topic. Throws {@code InvalidTopicException} for an illegal name, {@link TopicExistsException},
     * {@link InvalidPartitionsException} for fewer than one partition and {@code InvalidConfigurationException} for a
     * bad config.
     */
    public synchronized void createTopic(String name, int partitions, Map<String, String> configs) {
        LogConfig logConfig = validateCreateTopic(name, partitions, configs);
        TopicMetadata metadata = new TopicMetadata(name, partitions, configs);
        List<PartitionLog> logs = openPartitions(name, 0, partitions, logConfig, true);
        metadataStore.save(metadata);
        topics.put(name, new Topic(metadata, logConfig, logs));
        metadataVersion.incrementAndGet();
        LOG.info("Created topic {} with {} partition(s)", name, partitions);
    }

    /** Checks a topic creation as {@link #createTopic} does, and creates nothing; returns the parsed config. */
    public synchronized LogConfig validateCreateTopic(String name, int partitions, Map<String, String> configs) {
        Topics.validateName(name);
        if (partitions < 1) {
            throw new InvalidPartitionsException("Number of partitions must be at least 1, got " + partitions);
        }
        if (topics.containsKey(name)) {
            throw new TopicExistsException("Topic '" + name + "' already exists");
        }
        return LogConfig.parse(configs);
    }

    /**
     * Deletes a topic and its data, and the groups' committed offsets of it, as Kafka does, so that a topic created
     * again under the name is not read from old positions. Throws {@link UnknownTopicOrPartitionException} if it does
     * not exist, and {@link dev.runnel.common.errors.InvalidTopicException} for {@code __consumer_offsets}.
     */
    public void deleteTopic(String name) {
        topic(name);
        // The coordinator's lock before this log's, the order of its own writes through the log.
        groupCoordinator.deleteTopic(name, () -> removeTopic(name));
    }

    private synchronized void removeTopic(String name) {
        Topic topic = topic(name);
        topics.remove(name);
        metadataVersion.incrementAndGet();
        metadataStore.delete(name);
        topic.partitions().forEach(PartitionLog::deleteAll);
        LOG.info("Deleted topic {}", name);
    }

    /** The names of all topics, sorted. */
    public Set<String> topicNames() {
        return new TreeSet<>(topics.keySet());
    }

    public boolean topicExists(String name) {
        return topics.containsKey(name);
    }

    public int partitionCount(String topic) {
        return topic(topic).metadata().partitions();
    }

    /** The topic's effective config, defaults included. */
    public LogConfig topicConfig(String topic) {
        return topic(topic).config();
    }

    /** The configs set on the topic, without the defaults. */
    public Map<String, String> topicConfigOverrides(String topic) {
        return topic(topic).metadata().sortedOverrides();
    }

    /**
     * Sets and removes topic configs; the result is validated as a whole before anything changes, and reaches every
     * partition at once.
     */
    public synchronized void alterTopicConfig(String name, Map<String, String> set, Collection<String> remove) {
        Topic topic = topic(name);
        Map<String, String> overrides = alteredOverrides(topic, set, remove);
        LogConfig logConfig = LogConfig.parse(overrides);
        TopicMetadata metadata = topic.metadata().withOverrides(overrides);
        metadataStore.save(metadata);
        topic.partitions().forEach(partition -> partition.updateConfig(logConfig));
        topics.put(name, new Topic(metadata, logConfig, topic.partitions()));
        metadataVersion.incrementAndGet();
    }

    /** Checks a config change as {@link #alterTopicConfig} does, and changes nothing. */
    public synchronized void validateTopicConfig(String name, Map<String, String> set, Collection<String> remove) {
        LogConfig.parse(alteredOverrides(topic(name), set, remove));
    }

    private static Map<String, String> alteredOverrides(Topic topic, Map<String, String> set,
                                                        Collection<String> remove) {
        Map<String, String> overrides = new HashMap<>(topic.metadata().overrides());
        remove.forEach(overrides::remove);
        overrides.putAll(set);
        return overrides;
    }

    /** Raises the partition count to {@code totalCount}; removing partitions is refused, as in Kafka. */
    public synchronized void addPartitions(String name, int totalCount) {
        validateAddPartitions(name, totalCount);
        Topic topic = topic(name);
        int current = topic.metadata().partitions();
        List<PartitionLog> logs = new java.util.ArrayList<>(topic.partitions());
        logs.addAll(openPartitions(name, current, totalCount, topic.config(), true));
        TopicMetadata metadata = topic.metadata().withPartitions(totalCount);
        metadataStore.save(metadata);
        topics.put(name, new Topic(metadata, topic.config(), logs));
        metadataVersion.incrementAndGet();
    }

    /** Checks a partition count change as {@link #addPartitions} does, and adds nothing. */
    public synchronized void validateAddPartitions(String name, int totalCount) {
        int current = topic(name).metadata().partitions();
        if (totalCount <= current) {
            throw new InvalidPartitionsException("Topic '" + name + "' has " + current + " partition(s); the count can "
                + "only grow, so " + totalCount + " is refused (partitions cannot be removed)");
        }
    }

    /**
     * The id of this data folder, as Kafka's {@code cluster.id}: a random {@link dev.runnel.common.Uuid} kept in
     * {@code DATA_DIR/meta.properties}, written the first time it is asked for and the same ever after.
     */
    public synchronized String clusterId() {
        if (clusterId == null) {
            clusterId = ClusterId.loadOrCreate(dataDir);
        }
        return clusterId;
    }

    /** The log of one partition. Throws {@link UnknownTopicOrPartitionException} if there is none. */
    public PartitionLog partition(TopicPartition tp) {
        Topic topic = topics.get(tp.topic());
        if (topic == null || tp.partition() < 0 || tp.partition() >= topic.partitions().size()) {
            throw unknown(tp);
        }
        return topic.partitions().get(tp.partition());
    }

    /**
     * Deletes the records of a partition before {@code beforeOffset}, or all of them for {@link #HIGH_WATERMARK}, by
     * advancing its log start offset; returns the new log start offset. Kafka allows this only on topics whose
     * {@code cleanup.policy} includes delete.
     *
     * @throws UnknownTopicOrPartitionException if the partition does not exist
     * @throws PolicyViolationException         if the topic is compacted only
     * @throws dev.runnel.common.errors.OffsetOutOfRangeException if the offset is past the log end offset
     */
    public long deleteRecords(TopicPartition tp, long beforeOffset) {
        PartitionLog partition = partition(tp);
        if (!topic(tp.topic()).config().delete()) {
            throw new PolicyViolationException("Records of partition " + tp + " cannot be deleted: topic '"
                + tp.topic() + "' has cleanup.policy=compact; only topics with the delete policy (delete or "
                + "compact,delete) allow deleting records");
        }
        return partition.deleteRecordsBefore(beforeOffset == HIGH_WATERMARK ? partition.logEndOffset() : beforeOffset);
    }

    /**
     * Appends producer-built batches to a partition, refusing records without a key on a compacted topic, and wakes
     * waiting consumers.
     */
    public AppendInfo append(TopicPartition tp, ByteBuffer batches) {
        Topic topic = topics.get(tp.topic());
        if (topic == null && config.autoCreateTopics()) {
            createTopicIfAbsent(tp.topic());
            topic = topics.get(tp.topic());
        }
        if (topic == null || tp.partition() < 0 || tp.partition() >= topic.partitions().size()) {
            throw unknown(tp);
        }
        if (topic.config().compact()) {
            KeyPresenceCheck.requireKeys(tp, batches);
        }
        CompressionType codec = TopicCompression.target(topic.config().compressionType());
        ByteBuffer stored = codec == null ? batches : TopicCompression.apply(batches, codec);
        AppendInfo info = topic.partitions().get(tp.partition()).append(stored);
        appendNotifier.signalAppend();
        return info;
    }

    /** Creates {@code name} with {@code num.partitions} partitions if auto-creation is on and it does not exist. */
    public synchronized void createTopicIfAbsent(String name) {
        if (!topics.containsKey(name)) {
            createTopic(name, config.defaultPartitions(), Map.of());
        }
    }

    /** Every partition log of every topic, for background work. */
    public Map<TopicPartition, PartitionLog> partitions() {
        Map<TopicPartition, PartitionLog> all = new HashMap<>();
        topics.forEach((name, topic) -> {
            for (int i = 0; i < topic.partitions().size(); i++) {
                all.put(new TopicPartition(name, i), topic.partitions().get(i));
            }
        });
        return all;
    }

    /** Runs one round of retention and compaction now; returns the segments deleted or cleaned. For operators. */
    public int runMaintenance() {
        return maintenance.doWork(true);
    }

    /** Compacts every partition of a compacted topic now, whatever its dirty ratio; returns the segments cleaned. */
    public int compact(String topic) {
        Topic state = topic(topic);
        int cleaned = 0;
        for (PartitionLog partition : state.partitions()) {
            cleaned += maintenance.compact(partition, state.config(), true);
        }
        return cleaned;
    }

    private Topic topic(String name) {
        Topic topic = topics.get(name);
        if (topic == null) {
            throw new UnknownTopicOrPartitionException("Topic '" + name + "' does not exist; create it with "
                + "`runnel topics --create --topic " + name + "`");
        }
        return topic;
    }

    private static UnknownTopicOrPartitionException unknown(TopicPartition tp) {
        return new UnknownTopicOrPartitionException("Partition " + tp + " does not exist; create topic '" + tp.topic()
            + "' first or add partitions to it");
    }

    private Topic openTopic(TopicMetadata metadata, boolean cleanShutdown) {
        LogConfig logConfig = LogConfig.parse(metadata.overrides());
        return new Topic(metadata, logConfig, openPartitions(metadata.name(), 0, metadata.partitions(), logConfig,
            cleanShutdown));
    }

    private List<PartitionLog> openPartitions(String topic, int from, int to, LogConfig logConfig,
                                              boolean cleanShutdown) {
        List<PartitionLog> logs = new java.util.ArrayList<>();
        try {
            for (int p = from; p < to; p++) {
                TopicPartition tp = new TopicPartition(topic, p);
                logs.add(PartitionLog.open(dataDir.resolve(tp.toString()), tp, logConfig, time, cleanShutdown));
            }
        } catch (RuntimeException e) {
            logs.forEach(PartitionLog::close);
            throw e;
        }
        return logs;
    }

    /** Returns whether the last process shut down cleanly, and removes the marker so that a crash now is noticed. */
    private boolean consumeCleanShutdownMarker() {
        Path marker = dataDir.resolve(CLEAN_SHUTDOWN_FILE);
        try {
            boolean clean = Files.deleteIfExists(marker);
            AtomicFiles.fsyncDirectory(dataDir);
            if (!clean && Files.exists(dataDir.resolve(".meta"))) {
                LOG.warn("Data directory {} was not shut down cleanly; recovering its partitions", dataDir);
            }
            return clean;
        } catch (IOException e) {
            throw new KafkaStorageException("Cannot update " + marker + ": " + e.getMessage(), e);
        }
    }

    /** Removes partition folders that no topic owns: the leftovers of a create or delete that a crash cut short. */
    private void deleteOrphanPartitionDirs() {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(dataDir, Files::isDirectory)) {
            for (Path dir : dirs) {
                Matcher matcher = PARTITION_DIR.matcher(dir.getFileName().toString());
                if (!matcher.matches()) {
                    continue;
                }
                Topic topic = topics.get(matcher.group(1));
                int partition = Integer.parseInt(matcher.group(2));
                if (topic == null || partition >= topic.partitions().size()) {
                    LOG.warn("Deleting {}: no topic owns it (a topic create or delete was interrupted)", dir);
                    Directories.deleteRecursively(dir);
                }
            }
        } catch (IOException e) {
            throw new KafkaStorageException("Cannot list data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** Releases this reference; the last one flushes every partition, marks a clean shutdown and unlocks the folder. */
    @Override
    public void close() {
        synchronized (OPEN_LOGS) {
            if (--references > 0) {
                return;
            }
            OPEN_LOGS.remove(dataDir);
            CLOSING.add(dataDir);
        }
        try {
            closeLastReference();
        } finally {
            synchronized (OPEN_LOGS) {
                CLOSING.remove(dataDir);
                OPEN_LOGS.notifyAll();
            }
        }
    }

    private void closeLastReference() {
        groupCoordinator.close();
        maintenance.close();
        transactionCoordinator.close();
        synchronized (this) {
            topics.values().forEach(topic -> topic.partitions().forEach(PartitionLog::close));
            topics.clear();
            try {
                Files.createFile(dataDir.resolve(CLEAN_SHUTDOWN_FILE));
                AtomicFiles.fsyncDirectory(dataDir);
            } catch (IOException e) {
                LOG.warn("Cannot write the clean-shutdown marker in {}; the next open will recover: {}", dataDir,
                    e.getMessage());
            }
            lock.close();
        }
    }
}
