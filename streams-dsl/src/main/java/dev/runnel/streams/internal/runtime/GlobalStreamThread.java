package dev.runnel.streams.internal.runtime;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.consumer.ConsumerRecords;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.PartitionInfo;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.header.Headers;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.KafkaClientSupplier;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.internal.metrics.StreamsMetricsRegistry;
import dev.runnel.streams.processor.StateRestoreListener;
import dev.runnel.streams.processor.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an instance's global stores ({@code GlobalKTable}s and {@code Topology#addGlobalStore}) up to date: one task
 * per global sub-topology, fed by a consumer without a group that is assigned every partition of the global topics.
 * At start each task loads the snapshots of its {@link GlobalStateCheckpoint} if the checkpoint is usable; the thread
 * then reads each partition from the checkpointed offset (or the beginning) to the end offset it had then, through
 * the stores' update processors (Kafka's "reprocess on restore"), and only then reports itself initialized, so stream
 * tasks never see a partly loaded global store; afterwards it keeps polling and applying updates. Every
 * {@code commit.interval.ms} it commits the stores with their topics' positions (KIP-1035) and, once enough records
 * were applied, writes the checkpoint; a clean shutdown does both too, a failure neither. A task whose stores all
 * manage their offsets resumes from the offsets they committed instead of the checkpoint. Global stores are not
 * logged: their topic is their changelog. Thread-safe where stated: {@link #shutdown()}, {@link #store(String)} and
 * {@link #stores(String)} may be called from any thread (the in-memory stores synchronize their reads and writes).
 */
public final class GlobalStreamThread extends Thread {
    private static final Logger LOG = LoggerFactory.getLogger(GlobalStreamThread.class);
    private static final long MAX_IDLE_RESTORE_POLLS = 600;

    private final InternalTopologyBuilder builder;
    private final TopologyMetadata metadata;
    private final StreamsConfig config;
    private final Time time;
    private final StateRestoreListener restoreListener;
    private final StreamsMetricsRegistry metrics;
    private final Consumer<Throwable> onFailure;
    private final dev.runnel.clients.consumer.Consumer<byte[], byte[]> consumer;
    private final GlobalStateCheckpoint checkpoint;
    private final Duration pollTime;
    private final long commitIntervalMs;
    private final Map<String, StateStore> stores = new ConcurrentHashMap<>();
    private final Map<String, StreamTask> taskByTopic = new HashMap<>();
    private final List<StreamTask> tasks = new ArrayList<>();
    private final CountDownLatch initialized = new CountDownLatch(1);
    private volatile Throwable initFailure;
    private volatile boolean shutdownRequested;

    /**
     * Creates the thread and its consumer, through {@code clientSupplier}.
     *
     * @param onFailure called (on this thread) with an exception that ended the thread after initialization
     */
    public GlobalStreamThread(String clientId, InternalTopologyBuilder builder, TopologyMetadata metadata,
        StreamsConfig config, Time time, StateRestoreListener restoreListener, StreamsMetricsRegistry metrics,
        Consumer<Throwable> onFailure, KafkaClientSupplier clientSupplier) {
        super(clientId + "-GlobalStreamThread");
        this.metrics = metrics;
        this.builder = builder;
        this.metadata = metadata;
        this.config = config;
        this.time = time;
        this.restoreListener = restoreListener;
        this.onFailure = onFailure;
        this.pollTime = Duration.ofMillis(config.getLong(StreamsConfig.POLL_MS_CONFIG));
        this.commitIntervalMs = config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        this.consumer = clientSupplier.getGlobalConsumer(config.getGlobalConsumerConfigs(getName()
            + "-global-consumer"));
        this.checkpoint = new GlobalStateCheckpoint(
            Path.of(config.getString(StreamsConfig.STATE_DIR_CONFIG), metadata.applicationId()));
    }

    /**
     * Starts the thread and waits until every global store holds its topic up to the end offsets found at start.
     *
     * @throws StreamsException if initialization fails (the thread has then ended)
     */
    public void startAndAwaitInitialized() {
        start();
        try {
            initialized.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown();
            throw new StreamsException("Interrupted while the global stores were restoring", e);
        }
        if (initFailure != null) {
            throw new StreamsException("Could not initialize the global stores: " + initFailure, initFailure);
        }
    }

    /** Asks the thread to stop; returns at once. Any thread. */
    public void shutdown() {
        shutdownRequested = true;
        consumer.wakeup();
    }

    /** Returns the global store named {@code name}, or {@code null}; any thread. */
    /** Returns the global consumer's metrics. Any thread. */
    public Map<MetricName, ? extends Metric> clientMetrics() {
        return consumer.metrics();
    }

    public StateStore store(String name) {
        return stores.get(name);
    }

    /** Returns the global store named {@code name} as a list of zero or one store; any thread. */
    public List<StateStore> stores(String name) {
        StateStore store = stores.get(name);
        return store == null ? List.of() : List.of(store);
    }

    @Override
    public void run() {
        try {
            initialize();
        } catch (Throwable e) {
            initFailure = e;
            LOG.error("Global stream thread {} failed to initialize the global stores", getName(), e);
            closeAll();
            initialized.countDown();
            return;
        }
        initialized.countDown();
        Throwable failure = null;
        try {
            long lastFlushMs = time.milliseconds();
            while (!shutdownRequested) {
                poll(pollTime);
                long now = time.milliseconds();
                if (now - lastFlushMs >= commitIntervalMs) {
                    flush();
                    commitStores();
                    checkpoint.maybeWrite(tasks, positions());
                    for (StreamTask task : tasks) {
                        task.postCommit();
                    }
                    lastFlushMs = now;
                }
            }
        } catch (dev.runnel.common.errors.WakeupException e) {
            if (!shutdownRequested) {
                failure = e;
            }
        } catch (Throwable e) {
            failure = e;
        }
        if (failure == null) {
            checkpointOnClose();
        }
        closeAll();
        if (failure != null) {
            LOG.error("Global stream thread {} failed; the client shuts down", getName(), failure);
            onFailure.accept(failure);
        }
    }

    private void initialize() {
        for (Map.Entry<Integer, Set<String>> group : builder.nodeGroups().entrySet()) {
            if (!builder.isGlobalGroup(group.getValue())) {
                continue;
            }
            ProcessorTopology topology;
            synchronized (builder) {
                topology = builder.buildSubtopology(group.getKey());
            }
            StreamTask task = StreamTask.global(topology, config, time, new NoOutputCollector(), stores::get,
                metrics.streamsMetrics());
            tasks.add(task);
            for (String topic : task.sourceTopics()) {
                taskByTopic.put(topic, task);
            }
        }
        TaskMetrics.registerGlobal(metrics, getName(), tasks);
        for (StreamTask task : tasks) {
            task.initializeStateStores();
            for (Map.Entry<String, StateStore> store : task.stores().entrySet()) {
                if (builder.isGlobalStore(store.getKey())) {
                    stores.put(store.getKey(), store.getValue());
                }
            }
        }
        List<TopicPartition> partitions = globalPartitions();
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        // Snapshots load before the processors' init, so a processor that reads its store there sees resumed state.
        Map<TopicPartition, Long> resumed = checkpoint.resume(tasks, partitions, consumer.beginningOffsets(partitions),
            ends);
        for (StreamTask task : tasks) {
            task.initializeTopology();
        }
        consumer.seekToBeginning(partitions);
        // A seek replaces the pending seek to the beginning, as in Kafka's consumer.
        resumed.forEach(consumer::seek);
        restore(partitions, ends);
        LOG.info("Global stream thread {} restored {} global task(s) from {}", getName(), tasks.size(),
            partitions);
    }

    private List<TopicPartition> globalPartitions() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : taskByTopic.keySet()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                throw new StreamsException("Global topic " + topic + " does not exist; create it before starting"
                    + " the application");
            }
            for (PartitionInfo info : infos) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        return partitions;
    }

    /**
     * Reads every partition from its position up to {@code ends}, applying the records through the global tasks and
     * reporting the progress to the restore listener.
     */
    private void restore(List<TopicPartition> partitions, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> restored = new HashMap<>();
        for (TopicPartition tp : partitions) {
            restoreListener.onRestoreStart(tp, storeOf(tp), consumer.position(tp), ends.get(tp));
            restored.put(tp, 0L);
        }
        int idlePolls = 0;
        while (!shutdownRequested && !caughtUp(ends)) {
            ConsumerRecords<byte[], byte[]> records = poll(Duration.ofMillis(100));
            if (records.isEmpty() && ++idlePolls > MAX_IDLE_RESTORE_POLLS) {
                throw new StreamsException("Restoring the global stores made no progress; end offsets " + ends);
            }
            for (TopicPartition tp : records.partitions()) {
                List<ConsumerRecord<byte[], byte[]>> batch = records.records(tp);
                restoreListener.onBatchRestored(tp, storeOf(tp), batch.get(batch.size() - 1).offset(), batch.size());
                restored.merge(tp, (long) batch.size(), Long::sum);
            }
        }
        flush();
        for (TopicPartition tp : partitions) {
            restoreListener.onRestoreEnd(tp, storeOf(tp), restored.get(tp));
        }
    }

    private String storeOf(TopicPartition tp) {
        StreamTask task = taskByTopic.get(tp.topic());
        return task.stores().keySet().stream().findFirst().orElse("");
    }

    private boolean caughtUp(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Polls once and applies what came; returns the records. */
    private ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
        if (records.isEmpty()) {
            return records;
        }
        for (TopicPartition tp : records.partitions()) {
            taskByTopic.get(tp.topic()).addRecords(tp, records.records(tp));
        }
        long now = time.milliseconds();
        for (StreamTask task : tasks) {
            while (task.process(now)) {
                task.maybePunctuateStreamTime();
            }
        }
        return records;
    }

    private void flush() {
        for (StreamTask task : tasks) {
            task.prepareCommit();
        }
    }

    /** Commits every global store with the positions of its topic's partitions (KIP-1035). */
    private void commitStores() {
        Map<TopicPartition, Long> positions = positions();
        for (StreamTask task : tasks) {
            Map<TopicPartition, Long> offsets = GlobalStateCheckpoint.ofTask(task, positions);
            task.commitStores(store -> offsets);
        }
    }

    /** Returns the next offset to read of every partition: every polled record has been applied by then. */
    private Map<TopicPartition, Long> positions() {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            positions.put(tp, consumer.position(tp));
        }
        return positions;
    }

    private void checkpointOnClose() {
        try {
            flush();
            commitStores();
            checkpoint.writeOnClose(tasks, positions());
        } catch (RuntimeException e) {
            LOG.warn("Global stream thread {} could not checkpoint its stores on close: {}", getName(), e.toString());
        }
    }

    private void closeAll() {
        for (StreamTask task : tasks) {
            try {
                task.close();
            } catch (RuntimeException e) {
                LOG.warn("Error closing global task {}: {}", task.id(), e.toString());
            }
        }
        stores.clear();
        try {
            consumer.close();
        } catch (RuntimeException e) {
            LOG.warn("Global stream thread {} failed to close its consumer: {}", getName(), e.toString());
        }
        checkpoint.close();
    }

    /** Global store processors update their store; they have no sinks, and a send is a topology bug. */
    private static final class NoOutputCollector implements RecordCollector {
        @Override
        public void send(String topic, Integer partition, long timestamp, byte[] key, byte[] value,
            Headers headers, String processorNodeId) {
            throw new StreamsException("Global store processor " + processorNodeId + " tried to write to " + topic
                + "; processors of global stores may only update their store");
        }

        /**
         * The global thread has no producer: dead letter queue records a processing exception handler returns are
         * dropped, with a warning that names where the failed record came from (KIP-1270), not what it held.
         */
        @Override
        public void sendDeadLetterQueueRecords(List<ProducerRecord<byte[], byte[]>> records, long defaultTimestamp,
            String processorNodeId) {
            LOG.warn("Dropped {} dead letter queue record(s) that the processing exception handler returned for global"
                + " store processor {}: the global thread has no producer to send them with", records.size(),
                processorNodeId);
        }

        @Override
        public int partitionsFor(String topic) {
            return -1;
        }
    }
}
