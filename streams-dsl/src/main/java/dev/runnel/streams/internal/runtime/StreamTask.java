package dev.runnel.streams.internal.runtime;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.header.Headers;
import dev.runnel.common.metrics.Sensor;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.StreamsMetrics;
import dev.runnel.streams.errors.DeserializationExceptionHandler;
import dev.runnel.streams.errors.ProcessingExceptionHandler;
import dev.runnel.streams.errors.ProcessorStateException;
import dev.runnel.streams.errors.ProductionExceptionHandler;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.internal.state.ChangeLogger;
import dev.runnel.streams.internal.state.InternalStateStoreContext;
import dev.runnel.streams.internal.state.PlainValueChangeLogger;
import dev.runnel.streams.internal.state.StoreValueLayout;
import dev.runnel.streams.internal.state.WrappedStateStore;
import dev.runnel.streams.processor.Cancellable;
import dev.runnel.streams.processor.FailOnInvalidTimestamp;
import dev.runnel.streams.processor.LogAndSkipOnInvalidTimestamp;
import dev.runnel.streams.processor.CommitCallback;
import dev.runnel.streams.processor.PunctuationType;
import dev.runnel.streams.processor.Punctuator;
import dev.runnel.streams.processor.StateRestoreCallback;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.TimestampExtractor;
import dev.runnel.streams.processor.UsePartitionTimeOnInvalidTimestamp;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.query.Position;
import dev.runnel.streams.state.StoreBuilder;
import java.io.File;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one sub-topology on one input partition (or, for a global store, its topic): buffers raw input records,
 * processes them one at a time through the processor graph, keeps stream time, fires punctuations, and owns the
 * task's state stores. The test driver and the runtime both drive tasks through this class:
 *
 * <pre>{@code
 * StreamTask task = new StreamTask(new TaskId(0, p), builder.buildSubtopology(0), config, time, collector, globals,
 *     registry.streamsMetrics());
 * task.initializeStateStores();   // the runtime restores from restoreCallbacks() here
 * task.restoreCommitted(committed); // partition times and processor metadata committed with the input offsets
 * task.initializeTopology();
 * task.addRecords(partition, polled);
 * while (task.process(time.milliseconds())) {
 *     task.maybePunctuateStreamTime();
 * }
 * task.maybePunctuateSystemTime();
 * Map<TopicPartition, Long> offsets = task.prepareCommit();
 * // ... commit offsets, each with task.offsetMetadata(partition) (and the transaction), then:
 * task.commitStores(store -> changelogOffsetsOf(store));
 * task.postCommit();
 * }</pre>
 *
 * Not thread-safe: one thread drives a task at a time.
 */
/*
 * Implementation notes. Among the partitions with buffered records, the next record comes from the one whose head has
 * the smallest stored timestamp, approximating Kafka Streams' choice by extracted timestamp. A task told its input
 * partitions (addInputPartition) idles as Kafka's does (KIP-695, max.task.idle.ms): while one of them has no buffered
 * record, it processes only if that partition is known, by the lag its thread reports after each poll
 * (updateFetchedLag), to hold nothing unfetched, and then only once the partition has stayed empty for max.task.idle.ms
 * ("enforced processing"); a partition with unfetched records always makes it wait for the next poll, so that it
 * takes its partitions' records in timestamp order (a stream-table join sees the table's older updates first). -1
 * never waits. The test driver declares no partitions, so its tasks never idle. Stream time is the largest
 * extracted timestamp so far and never goes back; a record with a negative extracted timestamp, or that fails to
 * deserialize under a CONTINUE handler, is dropped and counted in droppedRecords() (Kafka's dropped-records metric).
 */
public final class StreamTask implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamTask.class);

    /**
     * The id of every global task, as Kafka Streams gives its one global task: its processors see it, and its metrics
     * carry it. Runnel runs a global task per global sub-topology, and they share these metrics.
     */
    public static final TaskId GLOBAL_TASK_ID = new TaskId(-1, -1);

    private final TaskId id;
    private final ProcessorTopology topology;
    private final StreamsConfig config;
    private final Time time;
    private final RecordCollector collector;
    private final Function<String, StateStore> globalStores;
    private final StreamsMetrics streamsMetrics;
    private final ProcessorContextImpl context;
    private final Map<String, StateStore> stores = new LinkedHashMap<>();
    private final Map<String, StateRestoreCallback> restoreCallbacks = new LinkedHashMap<>();
    private final Map<String, CommitCallback> commitCallbacks = new LinkedHashMap<>();
    /** The value layouts the stores' change-logging layers declared, for the restore (see {@link #valueLayout}). */
    private final Map<String, StoreValueLayout> valueLayouts = new HashMap<>();
    /** What processors commit with the task's offsets (see {@link ProcessorContextImpl#processorMetadataForKey}). */
    private final ProcessorMetadata processorMetadata = new ProcessorMetadata();
    private final PunctuationQueue streamTimePunctuations = new PunctuationQueue();
    private final PunctuationQueue systemTimePunctuations = new PunctuationQueue();
    private final Map<TopicPartition, PartitionQueue> queueByPartition = new HashMap<>();
    private long restoredRecords;
    private long restoreRemaining;
    /** What each input topic's source consumed (Kafka's stream-topic-metrics), by topic. */
    private final Map<String, TopicTraffic> consumedByTopic = new HashMap<>();
    /** Told of each input topic's traffic counter when it is made, to register its metrics. */
    private BiConsumer<String, TopicTraffic> consumedTrafficListener = (topic, traffic) -> { };
    /**
     * The partitions' queues in the order they first received records; iterated per record, so an array. Volatile:
     * query threads read it for the task's position.
     */
    private volatile PartitionQueue[] queues = new PartitionQueue[0];
    private final TimestampExtractor defaultTimestampExtractor;
    private final DeserializationExceptionHandler deserializationExceptionHandler;
    /** Null for a global task whose processors' failures are not handled (see {@link #global}). */
    private final ProcessingExceptionHandler processingExceptionHandler;
    private final ProductionExceptionHandler productionExceptionHandler;
    private final Serde<?> defaultKeySerde;
    private final Serde<?> defaultValueSerde;
    private dev.runnel.streams.internal.state.ThreadCache threadCache;
    private final PunctuationQueue.Firing punctuateCallback = this::punctuate;
    private final long maxTaskIdleMs;
    /** Whether the task was told its input partitions, and so idles (see {@link #addInputPartition}). */
    private boolean idles;
    /** Since when (ms) the task has been waiting for records on an empty partition, or -1; read by other threads. */
    private volatile long idlingSince = -1L;
    private long enforcedProcessing;
    /** The wall-clock time of the current processing round or punctuation, for end-to-end latencies. */
    private long roundTimeMs;
    /** The source nodes' end-to-end latencies, by node, once {@link #endToEndLatencies()} asked for them. */
    private Map<String, EndToEndLatency> sourceLatencies = Map.of();
    /** The task's and its source nodes' debug-level per-record sensors, if they record. */
    private TaskProcessSensors processSensors = TaskProcessSensors.NONE;
    private long streamTime = -1L;
    private long droppedRecords;
    private boolean commitRequested;
    private boolean closed;
    /** False for a standby task, whose stores are kept up to date but whose processors never run. */
    private boolean topologyInitialized;

    /**
     * Creates the task and builds (but does not initialize) its stores.
     *
     * @param globalStores looks up global stores by name ({@code null} if absent), for processors of any task
     * @param streamsMetrics what the task's processors and stores see as {@code context.metrics()}
     */
    public StreamTask(TaskId id, ProcessorTopology topology, StreamsConfig config, Time time,
        RecordCollector collector, Function<String, StateStore> globalStores, StreamsMetrics streamsMetrics) {
        this(id, topology, config, time, collector, globalStores, streamsMetrics, config.processingExceptionHandler(),
            config.deserializationExceptionHandler());
    }

    /**
     * Creates the task of a global sub-topology, which updates global stores. Its processors' failures go to the
     * processing exception handler only if {@code processing.exception.handler.global.enabled} (KIP-1270); otherwise
     * they fail the task, and so end the global thread, as in Kafka Streams by default.
     */
    static StreamTask global(ProcessorTopology topology, StreamsConfig config, Time time,
        RecordCollector collector, Function<String, StateStore> globalStores, StreamsMetrics streamsMetrics) {
        return global(topology, config, time, collector, globalStores, streamsMetrics,
            config.deserializationExceptionHandler());
    }

    /**
     * As {@link #global(ProcessorTopology, StreamsConfig, Time, RecordCollector, Function, StreamsMetrics)}, with its
     * own deserialization handler: the test driver's skips, as Kafka's driver does.
     */
    public static StreamTask global(ProcessorTopology topology, StreamsConfig config, Time time,
        RecordCollector collector, Function<String, StateStore> globalStores, StreamsMetrics streamsMetrics,
        DeserializationExceptionHandler deserializationExceptionHandler) {
        boolean handled = config.getBoolean(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG);
        return new StreamTask(GLOBAL_TASK_ID, topology, config, time, collector, globalStores, streamsMetrics,
            handled ? config.processingExceptionHandler() : null, deserializationExceptionHandler);
    }

    private StreamTask(TaskId id, ProcessorTopology topology, StreamsConfig config, Time time,
        RecordCollector collector, Function<String, StateStore> globalStores, StreamsMetrics streamsMetrics,
        ProcessingExceptionHandler processingExceptionHandler,
        DeserializationExceptionHandler deserializationExceptionHandler) {
        this.id = Objects.requireNonNull(id, "id");
        this.topology = Objects.requireNonNull(topology, "topology");
        this.config = Objects.requireNonNull(config, "config");
        this.time = Objects.requireNonNull(time, "time");
        this.collector = Objects.requireNonNull(collector, "collector");
        this.globalStores = Objects.requireNonNull(globalStores, "globalStores");
        this.streamsMetrics = Objects.requireNonNull(streamsMetrics, "streamsMetrics");
        this.context = new ProcessorContextImpl(this);
        this.defaultTimestampExtractor = config.defaultTimestampExtractor();
        this.deserializationExceptionHandler = deserializationExceptionHandler;
        this.processingExceptionHandler = processingExceptionHandler;
        this.productionExceptionHandler = config.productionExceptionHandler();
        this.defaultKeySerde = configuredSerde(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, true);
        this.defaultValueSerde = configuredSerde(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, false);
        this.maxTaskIdleMs = config.getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG);
        for (Map.Entry<String, StoreBuilder<?>> store : topology.storeBuilders().entrySet()) {
            stores.put(store.getKey(), store.getValue().build());
        }
    }

    private Serde<?> configuredSerde(String key, boolean isKey) {
        Serde<?> serde = config.getConfiguredInstance(key, Serde.class);
        if (serde != null) {
            serde.configure(config.originals(), isKey);
        }
        return serde;
    }

    /** Gives the task's caching store layers the thread's record cache; call before {@link #initializeStateStores}. */
    public void setThreadCache(dev.runnel.streams.internal.state.ThreadCache cache) {
        this.threadCache = cache;
    }

    dev.runnel.streams.internal.state.ThreadCache threadCache() {
        return threadCache;
    }

    StreamsMetrics streamsMetrics() {
        return streamsMetrics;
    }

    /** Initializes every store, which registers itself (see {@link #restoreCallbacks()}). */
    public void initializeStateStores() {
        for (StateStore store : stores.values()) {
            store.init(context, store);
            if (!restoreCallbacks.containsKey(store.name())) {
                throw new IllegalStateException("Store " + store.name() + " did not register itself during init;"
                    + " StateStore#init must call StateStoreContext#register");
            }
        }
    }

    /**
     * Resumes what the task committed with its input offsets, as Kafka Streams does before the processors initialize:
     * each partition's time (and so stream time, which the extractors, punctuations and grace periods go by) and the
     * processor metadata, each key's largest value over the partitions. A partition without a committed offset, or
     * whose offset carries no metadata (a new application, offsets reset by a tool), keeps an unknown partition time.
     *
     * @param committed the group's committed offset of each of the task's input partitions (null for one without),
     *     in the order of the partitions, which breaks ties between their records' timestamps
     */
    public void restoreCommitted(Map<TopicPartition, OffsetAndMetadata> committed) {
        for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
            PartitionQueue queue = queueOf(entry.getKey());
            OffsetAndMetadata offset = entry.getValue();
            if (offset != null) {
                TopicPartitionMetadata metadata = TopicPartitionMetadata.decode(offset.metadata());
                queue.committedOffset = offset.offset();
                queue.partitionTime = metadata.partitionTime();
                streamTime = Math.max(streamTime, metadata.partitionTime());
                processorMetadata.update(metadata.processorMetadata());
            }
        }
    }

    /** Initializes every processor, parents first. */
    public void initializeTopology() {
        topologyInitialized = true;
        processSensors = topology.global() ? TaskProcessSensors.addGlobal(streamsMetrics, id, topology.nodes())
            : TaskProcessSensors.add(streamsMetrics, id, topology.nodes());
        for (PartitionQueue queue : queues) {
            queue.processedAtSource = processSensors.bySource.get(queue.source.name());
        }
        for (ProcessorNode<?, ?, ?, ?> node : topology.nodes()) {
            context.setCurrentNode(node);
            // As in Kafka Streams, a task's processor (not a global one) initializes in a record context of no
            // record, stamped with the wall-clock time.
            context.setInitializing(topology.global() ? null
                : ProcessorRecordContext.punctuation(time.milliseconds()));
            try {
                node.init(context);
            } catch (StreamsException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new StreamsException("failed to initialize processor " + node.name(), e, id);
            } finally {
                context.setInitializing(null);
                context.setCurrentNode(null);
            }
        }
    }

    /**
     * Declares {@code partition} one of the task's inputs before any record of it is buffered, so that the task idles
     * while it is empty and may still have records (see {@link #updateFetchedLag}).
     */
    public void addInputPartition(TopicPartition partition) {
        queueOf(partition);
        idles = true;
    }

    /**
     * Tells how many records of input {@code partition} its thread's consumer had not yet fetched at its last poll
     * (empty if not known yet), for the task's idling.
     */
    public void updateFetchedLag(TopicPartition partition, OptionalLong lag) {
        PartitionQueue queue = queueByPartition.get(partition);
        if (queue != null) {
            queue.fetchedLag = lag.orElse(PartitionQueue.UNKNOWN_LAG);
        }
    }

    /** Buffers raw records of one input partition, in offset order. */
    public void addRecords(TopicPartition partition, Iterable<ConsumerRecord<byte[], byte[]>> records) {
        ArrayDeque<ConsumerRecord<byte[], byte[]>> buffer = queueOf(partition).buffer;
        if (records instanceof Collection<ConsumerRecord<byte[], byte[]>> collection) {
            buffer.addAll(collection);
        } else {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                buffer.add(record);
            }
        }
    }

    private PartitionQueue queueOf(TopicPartition partition) {
        PartitionQueue queue = queueByPartition.get(partition);
        if (queue == null) {
            @SuppressWarnings("unchecked")
            SourceNode<Object, Object> source = (SourceNode<Object, Object>) topology.source(partition.topic());
            if (source == null) {
                throw new IllegalArgumentException("Task " + id + " does not read topic " + partition.topic());
            }
            queue = new PartitionQueue(partition, source, consumedFrom(partition.topic()));
            queue.sourceLatency = sourceLatencies.get(source.name());
            queue.processedAtSource = processSensors.bySource.get(source.name());
            queueByPartition.put(partition, queue);
            queues = Arrays.copyOf(queues, queues.length + 1);
            queues[queues.length - 1] = queue;
        }
        return queue;
    }

    /** Returns the number of buffered, unprocessed records. */
    public int bufferedRecords() {
        int count = 0;
        for (PartitionQueue queue : queues) {
            count += queue.buffer.size();
        }
        return count;
    }

    /** Returns whether any record is buffered. */
    public boolean hasBufferedRecords() {
        for (PartitionQueue queue : queues) {
            if (!queue.buffer.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Processes the next buffered record through the graph, depth-first, before returning.
     *
     * @param wallClockTime the runtime's current time, in ms
     * @return whether a record was taken from the buffer (processed or dropped)
     * @throws StreamsException if a processor, serde or extractor fails, naming the task and input position
     */
    public boolean process(long wallClockTime) {
        PartitionQueue queue = nextQueue(wallClockTime);
        if (queue == null) {
            return false;
        }
        roundTimeMs = wallClockTime;
        ConsumerRecord<byte[], byte[]> raw = queue.buffer.poll();
        queue.nextOffset = raw.offset() + 1;
        // Counted when taken, as Kafka counts it: a record a handler then drops was consumed all the same.
        queue.consumed.add(raw.serializedKeySize(), raw.serializedValueSize(), raw.headers().toArray());
        Sensor processLatency = processSensors.processLatency;
        long started = processLatency == null ? 0L : time.nanoseconds();
        processTaken(queue, raw);
        if (processLatency != null) {
            processLatency.record(time.nanoseconds() - started, wallClockTime);
        }
        queue.markProcessed(raw.offset());
        return true;
    }

    /** Processes (or, as its handlers say, drops) {@code raw}, just taken from {@code queue}. */
    private void processTaken(PartitionQueue queue, ConsumerRecord<byte[], byte[]> raw) {
        SourceNode<Object, Object> source = queue.source;
        Headers headers = raw.headers();
        context.setSourceRecord(raw);
        try {
            Object key;
            Object value;
            try {
                key = source.deserializeKey(raw.topic(), headers, raw.key());
                value = source.deserializeValue(raw.topic(), headers, raw.value());
            } catch (RuntimeException e) {
                context.setRecordContext(new ProcessorRecordContext(raw.timestamp(), raw.offset(), raw.partition(),
                    raw.topic(), headers));
                handleDeserializationError(source, raw, e);
                return;
            }
            long partitionTime = queue.partitionTime;
            TimestampExtractor extractor = extractorOf(source);
            long timestamp = raw.timestamp();
            if (timestamp < 0 || !isMetadataTimestampExtractor(extractor)) {
                timestamp = extractTimestamp(extractor, withDeserialized(raw, key, value), partitionTime);
            }
            if (timestamp < 0) {
                LOG.warn("Skipping record due to negative extracted timestamp. topic=[{}] partition=[{}] offset=[{}]"
                    + " extractedTimestamp=[{}] extractor=[{}]", raw.topic(), raw.partition(), raw.offset(),
                    timestamp, extractorOf(source).getClass().getName());
                recordDropped();
                return;
            }
            queue.partitionTime = Math.max(partitionTime, timestamp);
            Sensor recordLateness = processSensors.recordLateness;
            if (recordLateness != null) {
                recordLateness.record(timestamp > streamTime ? 0.0 : streamTime - timestamp, roundTimeMs);
            }
            streamTime = Math.max(streamTime, timestamp);
            Record<Object, Object> record = new Record<>(key, value, timestamp, headers);
            // The context holds the record's own headers, so forwarding it unchanged needs no new context.
            context.setRecordContext(new ProcessorRecordContext(timestamp, raw.offset(), raw.partition(),
                raw.topic(), record.headers()));
            context.setCurrentNode(source);
            EndToEndLatency sourceLatency = queue.sourceLatency;
            if (sourceLatency != null) {
                sourceLatency.record(roundTimeMs - timestamp);
            }
            Sensor processedAtSource = queue.processedAtSource;
            if (processedAtSource != null) {
                processedAtSource.record(1.0, roundTimeMs);
            }
            source.process(record);
        } catch (RuntimeException e) {
            boolean handled = context.isHandledFailure(e);
            String node = context.takeFailedNode();
            if (e instanceof StreamsException && !handled) {
                throw e;
            }
            // A processor's failure, a StreamsException of its own included, as Kafka Streams reports it.
            throw new StreamsException(String.format(Locale.ROOT,
                "Exception caught in process. taskId=%s, processor=%s, topic=%s, partition=%d, offset=%d", id,
                node == null ? source.name() : node, raw.topic(), raw.partition(), raw.offset()), e, id);
        } finally {
            context.setCurrentNode(null);
            context.setRecordContext(null);
            context.setSourceRecord(null);
        }
    }

    /** Returns the queue to take the next record from, or {@code null} if none is buffered or the task idles. */
    private PartitionQueue nextQueue(long wallClockTime) {
        PartitionQueue[] all = queues;
        if (all.length == 1) {
            return all[0].buffer.isEmpty() ? null : all[0];
        }
        PartitionQueue next = null;
        long nextTimestamp = Long.MAX_VALUE;
        boolean someEmpty = false;
        for (PartitionQueue queue : all) {
            ConsumerRecord<byte[], byte[]> head = queue.buffer.peek();
            if (head == null) {
                someEmpty = true;
            } else {
                if (queue.idleDeadline != PartitionQueue.NO_DEADLINE) {
                    queue.idleDeadline = PartitionQueue.NO_DEADLINE;
                }
                if (next == null || head.timestamp() < nextTimestamp) {
                    next = queue;
                    nextTimestamp = head.timestamp();
                }
            }
        }
        if (next == null || someEmpty && idles && !idlingDone(all, wallClockTime)) {
            return null;
        }
        if (idlingSince >= 0) {
            idlingSince = -1L;
        }
        return next;
    }

    /**
     * Returns whether the task may process although some of {@code queues} are empty: each of them is known to hold
     * nothing unfetched and has stayed empty for max.task.idle.ms (then the processing is enforced, and counted).
     */
    private boolean idlingDone(PartitionQueue[] queues, long wallClockTime) {
        if (maxTaskIdleMs == StreamsConfig.MAX_TASK_IDLE_MS_DISABLED) {
            return true;
        }
        for (PartitionQueue queue : queues) {
            if (!queue.buffer.isEmpty()) {
                continue;
            }
            if (queue.fetchedLag > 0L || queue.fetchedLag == PartitionQueue.UNKNOWN_LAG) {
                // Unfetched records, or not known yet: wait for the next poll.
                queue.idleDeadline = PartitionQueue.NO_DEADLINE;
                return startIdling(wallClockTime);
            }
            if (maxTaskIdleMs == 0L) {
                continue; // caught up, and no wait for new records: the common case, no deadline to keep
            }
            if (queue.idleDeadline == PartitionQueue.NO_DEADLINE) {
                queue.idleDeadline = wallClockTime + maxTaskIdleMs;
            }
            if (wallClockTime < queue.idleDeadline) {
                return startIdling(wallClockTime);
            }
        }
        enforcedProcessing++;
        return true;
    }

    private boolean startIdling(long wallClockTime) {
        if (idlingSince < 0) {
            idlingSince = wallClockTime;
        }
        return false;
    }

    /**
     * Starts recording the end-to-end latency of the task's source nodes (when a record reaches them) and terminal
     * nodes (when they have processed it), as Kafka Streams does at level INFO; returns them by node name.
     */
    public Map<String, EndToEndLatency> endToEndLatencies() {
        Map<String, EndToEndLatency> latencies = new LinkedHashMap<>();
        Map<String, EndToEndLatency> sources = new HashMap<>();
        for (ProcessorNode<?, ?, ?, ?> node : topology.nodes()) {
            if (node instanceof SourceNode<?, ?>) {
                sources.put(node.name(), latencies.computeIfAbsent(node.name(), name -> new EndToEndLatency()));
            } else if (node.children().isEmpty()) {
                EndToEndLatency latency = latencies.computeIfAbsent(node.name(), name -> new EndToEndLatency());
                node.recordEndToEndLatency(latency, this);
            }
        }
        sourceLatencies = sources;
        for (PartitionQueue queue : queues) {
            queue.sourceLatency = sources.get(queue.source.name());
        }
        return latencies;
    }

    /** Returns the wall-clock time (ms) of the current processing round. */
    long roundTimeMs() {
        return roundTimeMs;
    }

    /** Returns whether the task waits for records on an empty input partition before it processes its others. */
    public boolean isIdling() {
        return idlingSince >= 0;
    }

    /** Returns since when (ms) the task has been idling, or -1 if it is not; any thread. */
    public long idlingSince() {
        return idlingSince;
    }

    /** Returns how many records the task processed while an input partition was empty (Kafka's enforced processing). */
    public long enforcedProcessing() {
        return enforcedProcessing;
    }

    /** Adds {@code offsets} changelog offsets to what the task's restoration has left to replay. */
    void restoreAhead(long offsets) {
        restoreRemaining += offsets;
    }

    /** Records a restored batch: {@code records} applied, over {@code offsets} changelog offsets. */
    void restoredBatch(int records, long offsets) {
        restoredRecords += records;
        restoreRemaining -= offsets;
    }

    /** Returns the changelog records restored into the task's stores, for {@code restore-total}. */
    long restoredRecords() {
        return restoredRecords;
    }

    /** Returns the changelog offsets its restoration has left, for {@code restore-remaining-records-total}. */
    long restoreRemaining() {
        return restoreRemaining;
    }

    /** Whether {@code extractor} is a built-in one that returns a record's own timestamp when it is not negative. */
    private static boolean isMetadataTimestampExtractor(TimestampExtractor extractor) {
        Class<?> type = extractor.getClass();
        return type == FailOnInvalidTimestamp.class || type == LogAndSkipOnInvalidTimestamp.class
            || type == UsePartitionTimeOnInvalidTimestamp.class;
    }

    private static ConsumerRecord<Object, Object> withDeserialized(ConsumerRecord<byte[], byte[]> raw, Object key,
        Object value) {
        return new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.timestamp(), raw.timestampType(),
            raw.serializedKeySize(), raw.serializedValueSize(), key, value, raw.headers(), raw.leaderEpoch());
    }

    private void handleDeserializationError(SourceNode<Object, Object> source, ConsumerRecord<byte[], byte[]> raw,
        RuntimeException e) {
        DeserializationExceptionHandler.Response response;
        try {
            response = Objects.requireNonNull(deserializationExceptionHandler.handleError(
                context.errorHandlerContext(source.name()), raw, e),
                "Invalid DeserializationExceptionHandler response");
        } catch (RuntimeException fatal) {
            throw new StreamsException("Fatal user code error in deserialization error callback", fatal, id);
        }
        sendToDeadLetterQueue(response.deadLetterQueueRecords(), source.name());
        if (response.result() == DeserializationExceptionHandler.Result.RESUME) {
            recordDropped();
            return;
        }
        throw new StreamsException(String.format(Locale.ROOT,
            "Deserialization exception handler is set to fail upon a deserialization error of the record at"
                + " topic %s, partition %d, offset %d (task %s): %s. To skip such records instead, set %s to"
                + " LogAndContinueExceptionHandler.", raw.topic(), raw.partition(), raw.offset(), id, e,
            StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG), e, id);
    }

    private TimestampExtractor extractorOf(SourceNode<?, ?> source) {
        return source.timestampExtractor() != null ? source.timestampExtractor() : defaultTimestampExtractor;
    }

    private long extractTimestamp(TimestampExtractor extractor, ConsumerRecord<Object, Object> record,
        long partitionTime) {
        try {
            return extractor.extract(record, partitionTime);
        } catch (StreamsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StreamsException("Fatal user code error in TimestampExtractor callback for record at topic "
                + record.topic() + ", partition " + record.partition() + ", offset " + record.offset(), e, id);
        }
    }

    /** Fires the stream-time punctuations due at the current stream time; returns whether any fired. */
    public boolean maybePunctuateStreamTime() {
        return streamTime >= 0 && streamTimePunctuations.mayPunctuate(streamTime, punctuateCallback);
    }

    /** Fires the wall-clock punctuations due at the current time; returns whether any fired. */
    public boolean maybePunctuateSystemTime() {
        return systemTimePunctuations.mayPunctuate(time.milliseconds(), punctuateCallback);
    }

    private void punctuate(ProcessorNode<?, ?, ?, ?> node, long timestamp, Punctuator punctuator) {
        // What the punctuator forwards reaches terminal nodes now, as Kafka Streams times it, not at the last round.
        roundTimeMs = time.milliseconds();
        context.setCurrentNode(node);
        context.setRecordContext(ProcessorRecordContext.punctuation(timestamp));
        Sensor punctuated = processSensors.punctuate;
        long started = punctuated == null ? 0L : time.nanoseconds();
        try {
            punctuator.punctuate(timestamp);
        } catch (RuntimeException e) {
            boolean handled = context.isHandledFailure(e);
            context.takeFailedNode();
            if (ProcessorContextImpl.isRuntimeFailure(e)) {
                throw e;
            }
            // What the punctuator throws, a StreamsException included, goes to the handler, as in Kafka Streams.
            if (!handled && continueAfterProcessingError(node.name(), null, e)) {
                return;
            }
            throw new StreamsException(logPrefix() + "Exception caught while punctuating processor '" + node.name()
                + "'", e, id);
        } finally {
            if (punctuated != null) {
                punctuated.record(time.nanoseconds() - started, roundTimeMs);
            }
            context.setCurrentNode(null);
            context.setRecordContext(null);
        }
    }

    Cancellable schedule(ProcessorNode<?, ?, ?, ?> node, long intervalMs, PunctuationType type,
        Punctuator punctuator) {
        // Stream-time schedules are aligned to 0, so they fire as soon as data arrives (as in Kafka Streams).
        return type == PunctuationType.STREAM_TIME
            ? streamTimePunctuations.schedule(node, 0L, intervalMs, punctuator)
            : systemTimePunctuations.schedule(node, time.milliseconds() + intervalMs, intervalMs, punctuator);
    }

    /**
     * Schedules punctuations at {@code startMs} plus multiples of the interval (KIP-1146). A stream-time schedule is
     * first due at {@code startMs}, as the unanchored ones are at 0; a wall-clock schedule whose start has passed is
     * first due at the next aligned time, so that scheduling does not fire at once.
     */
    Cancellable schedule(ProcessorNode<?, ?, ?, ?> node, long startMs, long intervalMs, PunctuationType type,
        Punctuator punctuator) {
        if (type == PunctuationType.STREAM_TIME) {
            return streamTimePunctuations.schedule(node, startMs, intervalMs, punctuator);
        }
        long now = time.milliseconds();
        long firstDue = startMs >= now ? startMs
            : startMs + ((now - startMs + intervalMs - 1) / intervalMs) * intervalMs;
        return systemTimePunctuations.schedule(node, firstDue, intervalMs, punctuator);
    }

    /**
     * Writes the stores' record caches down, flushes the collector and returns, per input partition, the next offset
     * to consume: of each partition the task consumed from, or, when the processor metadata changed since the last
     * commit, of each that has one (its first buffered record, else its committed offset), so that every partition's
     * commit carries the new metadata, as in Kafka Streams. Commit each with {@link #offsetMetadata}. The stores
     * themselves are committed after the commit, by {@link #commitStores}.
     */
    public Map<TopicPartition, Long> prepareCommit() {
        flushCaches();
        collector.flush();
        commitRequested = false;
        boolean everyPartition = processorMetadata.needsCommit();
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        for (PartitionQueue queue : queues) {
            long offset = queue.nextOffset >= 0 || !everyPartition ? queue.nextOffset : queue.unconsumedOffset();
            if (offset >= 0) {
                offsets.put(queue.partition, offset);
            }
        }
        return Collections.unmodifiableMap(offsets);
    }

    /**
     * Returns the metadata to commit with the offset of input {@code partition}: its partition time and the processor
     * metadata, in Kafka Streams' format (see {@link TopicPartitionMetadata}). Encoded per commit, never per record.
     */
    public String offsetMetadata(TopicPartition partition) {
        PartitionQueue queue = queueByPartition.get(partition);
        long partitionTime = queue == null ? TopicPartitionMetadata.UNKNOWN_PARTITION_TIME : queue.partitionTime;
        return new TopicPartitionMetadata(partitionTime, processorMetadata).encode();
    }

    /**
     * Writes every store's record cache down, forwarding what it held. As in Kafka Streams, a failure fails the task
     * after the other caches are written down: a processor's failure (one the processing exception handler chose to
     * fail on) or any exception but the runtime's own StreamsExceptions comes wrapped in a ProcessorStateException
     * naming the store.
     */
    private void flushCaches() {
        RuntimeException firstFailure = null;
        for (StateStore store : stores.values()) {
            if (store instanceof WrappedStateStore<?> layered) {
                try {
                    layered.flushCache();
                } catch (RuntimeException e) {
                    boolean handled = context.isHandledFailure(e);
                    context.takeFailedNode();
                    if (firstFailure == null) {
                        firstFailure = e instanceof StreamsException && !handled ? e : new ProcessorStateException(
                            logPrefix() + "Failed to flush cache of store " + store.name(), e);
                    }
                }
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
    }

    /** Returns the prefix of the task's errors, as Kafka Streams writes it: the running thread's name and the task. */
    private String logPrefix() {
        return "stream-thread [" + Thread.currentThread().getName() + "] task [" + id + "] ";
    }

    /** Returns whether {@code partition} is one of the task's input partitions. */
    public boolean isInput(TopicPartition partition) {
        return queueByPartition.containsKey(partition);
    }

    /** Returns whether the task holds records of {@code partition} not yet processed. */
    public boolean hasBuffered(TopicPartition partition) {
        PartitionQueue queue = queueByPartition.get(partition);
        return queue != null && !queue.buffer.isEmpty();
    }

    /** Returns whether a processor asked for a commit since the last one. */
    public boolean commitRequested() {
        return commitRequested;
    }

    void requestCommit() {
        commitRequested = true;
    }

    /** Returns the task id. */
    public TaskId id() {
        return id;
    }

    /** Returns the stream time: the largest extracted timestamp so far, or -1. */
    public long streamTime() {
        return streamTime;
    }

    /**
     * Moves stream time up to {@code timestamp} if that is later. For the test driver, which, like Kafka's, runs all
     * sub-topologies under one stream time; the runtime's tasks keep their own.
     */
    public void advanceStreamTime(long timestamp) {
        streamTime = Math.max(streamTime, timestamp);
    }

    /** Returns how many input records were dropped (deserialization CONTINUE, negative timestamp, ...). */
    public long droppedRecords() {
        return droppedRecords;
    }

    void recordDropped() {
        droppedRecords++;
    }

    /** Returns the processor metadata committed with this task's offsets. */
    ProcessorMetadata processorMetadata() {
        return processorMetadata;
    }

    /**
     * Asks the processing exception handler about a processor's failure; returns true to skip the record (counted as
     * dropped), false to fail the task.
     *
     * @throws StreamsException if the handler itself throws
     */
    boolean continueAfterProcessingError(String nodeName, Record<?, ?> record, RuntimeException failure) {
        if (processingExceptionHandler == null) {
            return false;
        }
        ProcessingExceptionHandler.Response response;
        try {
            response = Objects.requireNonNull(processingExceptionHandler.handleError(
                context.errorHandlerContext(nodeName), record, failure), "Invalid ProcessingExceptionHandler response");
        } catch (RuntimeException fatal) {
            throw new FailedProcessingException("Fatal user code error in processing error callback", fatal, id);
        }
        sendToDeadLetterQueue(response.deadLetterQueueRecords(), nodeName);
        if (response.result() == ProcessingExceptionHandler.Result.RESUME) {
            recordDropped();
            return true;
        }
        return false;
    }

    /**
     * Sends the dead letter queue records an exception handler returned, through the task's collector (so in the
     * open transaction under exactly-once), before the task goes on or fails.
     */
    void sendToDeadLetterQueue(List<ProducerRecord<byte[], byte[]>> records, String nodeName) {
        if (!records.isEmpty()) {
            collector.sendDeadLetterQueueRecords(records, time.milliseconds(), nodeName);
        }
    }

    /** Returns the named topics this task reads (not those it reads by pattern). */
    public java.util.Set<String> sourceTopics() {
        return topology.sourceByTopic().keySet();
    }

    /**
     * Returns the counter of what the source reading {@code topic} consumed from it, made (and announced to the
     * listener) on first use; stream thread only.
     */
    TopicTraffic consumedFrom(String topic) {
        return consumedByTopic.computeIfAbsent(topic, name -> {
            TopicTraffic traffic = new TopicTraffic(name);
            consumedTrafficListener.accept(name, traffic);
            return traffic;
        });
    }

    /** Sets what is told of each input topic's traffic counter: the ones made already, then each one made later. */
    void onConsumedTraffic(BiConsumer<String, TopicTraffic> listener) {
        this.consumedTrafficListener = listener;
        consumedByTopic.forEach(listener);
    }

    /** Returns the name of the source node reading {@code topic}. */
    String sourceNameOf(String topic) {
        return topology.source(topic).name();
    }

    /** Returns whether one of the task's sources reads {@code topic}, by name or by pattern. */
    public boolean readsTopic(String topic) {
        return topology.source(topic) != null;
    }

    /** Returns the task's stores by name (outermost layer). */
    public Map<String, StateStore> stores() {
        return Collections.unmodifiableMap(stores);
    }

    /** Returns one of the task's stores, or {@code null}. */
    public StateStore store(String name) {
        return stores.get(name);
    }

    /** Returns the restore callback of each registered store, for restoring from its changelog. */
    public Map<String, StateRestoreCallback> restoreCallbacks() {
        return Collections.unmodifiableMap(restoreCallbacks);
    }

    /**
     * Returns the layout of {@code storeName}'s values: the one its change-logging layer declared, which the
     * changelog's records follow, or, for a store without one (a source table's, restored from its topic), the one its
     * type tells.
     */
    public StoreValueLayout valueLayout(String storeName) {
        StoreValueLayout declared = valueLayouts.get(storeName);
        return declared != null ? declared : StoreValueLayout.of(store(storeName));
    }

    /** Returns whether {@code processorName} may only read {@code storeName} (a read-only store, KIP-813). */
    boolean isReadOnlyFor(String storeName, String processorName) {
        return topology.isReadOnlyFor(storeName, processorName);
    }

    StateStore globalStore(String name) {
        return globalStores.apply(name);
    }

    void registerStore(StateStore store, StateRestoreCallback callback, CommitCallback commitCallback) {
        if (restoreCallbacks.putIfAbsent(store.name(), Objects.requireNonNull(callback, "callback")) != null) {
            throw new IllegalArgumentException("Store " + store.name() + " has already been registered.");
        }
        if (commitCallback != null) {
            commitCallbacks.put(store.name(), commitCallback);
        }
    }

    /**
     * Commits every store (KIP-1035) with the changelog offsets its state now covers; call once the task's writes
     * are committed, before {@link #postCommit()}.
     *
     * @param changelogOffsets gives the offsets of a store by its name: its changelog partition's (each partition of
     *     a global store's topic), or none for a store without a changelog
     * @throws StreamsException if a store fails
     */
    public void commitStores(Function<String, Map<TopicPartition, Long>> changelogOffsets) {
        for (StateStore store : stores.values()) {
            try {
                store.commit(changelogOffsets.apply(store.name()));
            } catch (RuntimeException e) {
                throw new StreamsException("Could not commit store " + store.name() + " of task " + id + ": " + e, e,
                    id);
            }
        }
    }

    /**
     * Once the task's writes and offsets are committed: marks the processor metadata committed and runs the commit
     * callbacks of the stores registered with one.
     *
     * @throws StreamsException if a callback fails
     */
    public void postCommit() {
        processorMetadata.setNeedsCommit(false);
        for (Map.Entry<String, CommitCallback> callback : commitCallbacks.entrySet()) {
            try {
                callback.getValue().onCommit();
            } catch (IOException | RuntimeException e) {
                throw new StreamsException("The commit callback of store " + callback.getKey() + " in task " + id
                    + " failed: " + e, e, id);
            }
        }
    }

    ChangeLogger changeLogger(String storeName, StoreValueLayout layout) {
        valueLayouts.put(storeName, layout);
        String topic = InternalStateStoreContext.changelogTopic(applicationId(), storeName);
        int partition = id.partition();
        ChangeLogger changelog = (key, value, timestamp, headers) -> collector.send(topic, partition, timestamp,
            key.get(), value, headers, storeName);
        return PlainValueChangeLogger.of(changelog, layout);
    }

    String applicationId() {
        return config.getString(StreamsConfig.APPLICATION_ID_CONFIG);
    }

    StreamsConfig config() {
        return config;
    }

    Time time() {
        return time;
    }

    RecordCollector collector() {
        return collector;
    }

    ProductionExceptionHandler productionExceptionHandler() {
        return productionExceptionHandler;
    }

    File stateDir() {
        // Global stores keep their state in one folder, beside their checkpoint, as in Kafka Streams.
        String name = topology.global() ? GlobalStateCheckpoint.DIRECTORY : id.toString();
        return new File(new File(config.getString(StreamsConfig.STATE_DIR_CONFIG), applicationId()), name);
    }

    Serde<?> defaultSerdeOrNull(boolean isKey) {
        return isKey ? defaultKeySerde : defaultValueSerde;
    }

    Serde<?> requiredDefaultSerde(boolean isKey) {
        Serde<?> serde = defaultSerdeOrNull(isKey);
        return serde != null ? serde : isKey ? config.defaultKeySerde() : config.defaultValueSerde();
    }

    /** Closes the processors, then the stores; the first failure is thrown after everything is closed. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        // A standby task's processors were never initialized, so there is nothing of theirs to close.
        for (ProcessorNode<?, ?, ?, ?> node : topologyInitialized ? topology.nodes()
            : java.util.List.<ProcessorNode<?, ?, ?, ?>>of()) {
            context.setCurrentNode(node);
            try {
                node.close();
            } catch (RuntimeException e) {
                failure = failure == null ? new StreamsException("failed to close processor " + node.name(), e, id)
                    : failure;
            } finally {
                context.setCurrentNode(null);
            }
        }
        for (StateStore store : stores.values()) {
            try {
                store.close();
            } catch (RuntimeException e) {
                failure = failure == null ? new StreamsException("Failed to close state store " + store.name(), e, id)
                    : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Returns the task's position for interactive queries: per input partition, the offset of the last record it
     * processed (its stores reflect every record up to it); any thread.
     */
    public Position position() {
        Position position = Position.emptyPosition();
        for (PartitionQueue queue : queues) {
            long processed = queue.lastProcessed();
            if (processed >= 0) {
                position = position.withComponent(queue.partition.topic(), queue.partition.partition(), processed);
            }
        }
        return position;
    }

    /** One input partition's buffered records, position and partition time. */
    private static final class PartitionQueue {
        private static final VarHandle PROCESSED;

        static {
            try {
                PROCESSED = MethodHandles.lookup().findVarHandle(PartitionQueue.class, "processed", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        static final long UNKNOWN_LAG = Long.MIN_VALUE;
        static final long NO_DEADLINE = Long.MIN_VALUE;

        final TopicPartition partition;
        final SourceNode<Object, Object> source;
        final TopicTraffic consumed;
        /** The source node's end-to-end latency, or null while no metric reads it. */
        EndToEndLatency sourceLatency;
        /** The source node's process-rate/total sensor, or null while DEBUG metrics do not record. */
        Sensor processedAtSource;
        final ArrayDeque<ConsumerRecord<byte[], byte[]>> buffer = new ArrayDeque<>();
        /** The records the consumer had not fetched at its last poll, or {@link #UNKNOWN_LAG}. */
        long fetchedLag = UNKNOWN_LAG;
        /** While the buffer is empty and nothing is unfetched: when the task stops waiting for it. */
        long idleDeadline = NO_DEADLINE;
        long partitionTime = -1L;
        /** The offset after the last record taken from the buffer, or -1 before the first. */
        long nextOffset = -1L;
        /** The group's committed offset when the task was created, or -1 (see {@link #restoreCommitted}). */
        long committedOffset = -1L;
        /** The offset of the last record processed, or -1; read by query threads (see lastProcessed()). */
        @SuppressWarnings("unused")
        private long processed = -1L;

        PartitionQueue(TopicPartition partition, SourceNode<Object, Object> source, TopicTraffic consumed) {
            this.partition = partition;
            this.source = source;
            this.consumed = consumed;
        }

        /**
         * Records that the record at {@code offset} is processed. A release store, which costs the stream thread no
         * fence: a query thread that reads the offset with {@link #lastProcessed()} also sees the stores' updates for
         * it.
         */
        void markProcessed(long offset) {
            PROCESSED.setRelease(this, offset);
        }

        long lastProcessed() {
            return (long) PROCESSED.getAcquire(this);
        }

        /** Returns the offset of the first buffered record, else the committed offset, else -1. */
        long unconsumedOffset() {
            ConsumerRecord<byte[], byte[]> head = buffer.peek();
            return head != null ? head.offset() : committedOffset;
        }
    }
}
