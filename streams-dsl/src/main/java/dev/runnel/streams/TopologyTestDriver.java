package dev.runnel.streams;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.header.Headers;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.serialization.Deserializer;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.common.utils.ManualTime;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.errors.LogAndContinueExceptionHandler;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.internal.metrics.StreamsMetricsRegistry;
import dev.runnel.streams.internal.runtime.ProcessorTopology;
import dev.runnel.streams.internal.runtime.RecordCollector;
import dev.runnel.streams.internal.runtime.StreamTask;
import dev.runnel.streams.internal.runtime.TaskMetrics;
import dev.runnel.streams.internal.state.KeyValueStoreFacade;
import dev.runnel.streams.internal.state.ThreadCache;
import dev.runnel.streams.internal.state.SessionStoreFacade;
import dev.runnel.streams.internal.state.TimestampedKeyValueStoreFacade;
import dev.runnel.streams.internal.state.TimestampedWindowStoreFacade;
import dev.runnel.streams.internal.state.WindowStoreFacade;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.ReadOnlyKeyValueStore;
import dev.runnel.streams.state.ReadOnlySessionStore;
import dev.runnel.streams.state.ReadOnlyWindowStore;
import dev.runnel.streams.state.SessionStore;
import dev.runnel.streams.state.SessionStoreWithHeaders;
import dev.runnel.streams.state.TimestampedKeyValueStore;
import dev.runnel.streams.state.TimestampedKeyValueStoreWithHeaders;
import dev.runnel.streams.state.TimestampedWindowStore;
import dev.runnel.streams.state.TimestampedWindowStoreWithHeaders;
import dev.runnel.streams.state.ValueTimestampHeaders;
import dev.runnel.streams.state.VersionedKeyValueStore;
import dev.runnel.streams.state.WindowStore;
import dev.runnel.streams.test.TestRecord;
import java.io.Closeable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;

/**
 * Runs a {@link Topology} in the calling thread, without a log, threads or a broker, for fast and deterministic unit
 * tests. It runs the same task code ({@code StreamTask}) as the runtime, with one task per sub-topology, all on
 * partition 0 and under one stream time (see below).
 *
 * <pre>{@code
 * try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
 *     TestInputTopic<String, String> input =
 *         driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer());
 *     TestOutputTopic<String, Long> output =
 *         driver.createOutputTopic("output", Serdes.String().deserializer(), Serdes.Long().deserializer());
 *     input.pipeInput("alice", "/home");
 *     assertEquals(KeyValue.pair("alice", 1L), output.readKeyValue());
 * }
 * }</pre>
 *
 * <p>How it runs:
 * <ul>
 * <li>Each piped record is processed completely, then the tasks commit (stores flush) and every record the topology
 * wrote is captured per topic. A captured record whose topic the topology itself reads (a repartition topic, or
 * {@code to("a")} plus {@code stream("a")}) is processed next, before the pipe call returns.</li>
 * <li>Stores are cached as in the runtime, in one record cache of {@code statestore.cache.max.bytes} (0 switches it
 * off). Since every record ends in a commit, the updates of one key that one input record causes (a {@code flatMap}
 * into a count, say) reach downstream as one record, while consecutive input records each produce their own, as in
 * Kafka's driver.</li>
 * <li>As in Kafka's driver, which runs all sub-topologies in one task, every sub-topology shares one stream time:
 * the largest timestamp piped or re-read from an internal topic. Stream-time punctuations fire after each record, in
 * every sub-topology, task by task; wall-clock punctuations fire only in
 * {@link #advanceWallClockTime}, which moves the driver's mock clock (starting at {@code initialWallClockTime}, or the
 * system time when it is not given).</li>
 * <li>State stores are real: {@link #getKeyValueStore} reads and writes them. Changelog writes are captured like any
 * output, as topic {@code <application.id>-<store>-changelog}, and appear in {@link #producedTopicNames()}.</li>
 * <li>If {@code application.id} is not set it is {@code dummy-topology-test-driver-app-id}.</li>
 * <li>{@link #metrics()} holds each task's {@code dropped-records-total} and the metrics of sensors processors add
 * through {@code context.metrics()}, tagged with the calling thread's name as {@code thread-id}; nothing goes to
 * JMX.</li>
 * </ul>
 *
 * Not thread-safe; {@link #close()} closes processors and stores.
 */
public class TopologyTestDriver implements Closeable {
    private static final String DEFAULT_APPLICATION_ID = "dummy-topology-test-driver-app-id";
    private static final int PARTITION = 0;
    /**
     * Kafka's driver runs all sub-topologies in one task, {@code 0_0}: their processors see that id, and the task's
     * metrics carry it. This driver runs a task per sub-topology, all with that id.
     */
    private static final TaskId TASK_ID = new TaskId(0, PARTITION);

    private final ManualTime time;
    private final StreamsMetricsRegistry metrics;
    private final InternalTopologyBuilder builder;
    private final Map<String, StreamTask> taskByTopic = new HashMap<>();
    private final List<StreamTask> tasks = new ArrayList<>();
    private final List<StreamTask> streamTasks = new ArrayList<>();
    private final Map<String, StateStore> globalStores = new HashMap<>();
    private final Map<String, Long> nextOffsets = new HashMap<>();
    private final Queue<ProducerRecord<byte[], byte[]>> pending = new ArrayDeque<>();
    private final Map<String, Queue<ProducerRecord<byte[], byte[]>>> outputs = new HashMap<>();
    private boolean closed;

    /** Creates a driver with default configs and the system time as wall-clock start. */
    public TopologyTestDriver(Topology topology) {
        this(topology, new Properties());
    }

    /** Creates a driver with the given configs. */
    public TopologyTestDriver(Topology topology, Properties config) {
        this(topology, config, null);
    }

    /** Creates a driver whose mock wall clock starts at {@code initialWallClockTime}. */
    public TopologyTestDriver(Topology topology, Instant initialWallClockTime) {
        this(topology, new Properties(), initialWallClockTime);
    }

    /**
     * Creates a driver with the given configs whose mock wall clock starts at {@code initialWallClockTime}
     * ({@code null} for the system time).
     */
    public TopologyTestDriver(Topology topology, Properties config, Instant initialWallClockTime) {
        Properties copy = new Properties();
        copy.putAll(config);
        copy.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        // As Kafka's driver does: a left or outer stream-stream join, and an emitStrategy(onWindowClose)
        // aggregation, may emit closed windows' results on every record.
        copy.putIfAbsent(StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_OUTER_JOIN_SPURIOUS_RESULTS_FIX, 0L);
        copy.putIfAbsent(StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_WINDOWED_AGGREGATION, 0L);
        // Without logging the values, as Kafka's driver does.
        StreamsConfig streamsConfig = new StreamsConfig(copy, false);
        this.time = new ManualTime(initialWallClockTime == null
            ? Time.SYSTEM.milliseconds()
            : initialWallClockTime.toEpochMilli());
        this.metrics = new StreamsMetricsRegistry(time, streamsConfig, false, List.of());
        this.builder = topology.internalTopologyBuilder();
        builder.dslStoreChoice().configure(streamsConfig);
        builder.setApplicationId(streamsConfig.getString(StreamsConfig.APPLICATION_ID_CONFIG));
        RecordCollector collector = new CapturingCollector();
        long cacheBytes = streamsConfig.getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG);
        // The whole budget, as for a client of one stream thread; global stores stay uncached, as in the runtime.
        ThreadCache cache = cacheBytes > 0 ? new ThreadCache(cacheBytes) : null;
        List<StreamTask> globalTasks = new ArrayList<>();
        for (Map.Entry<Integer, Set<String>> group : builder.nodeGroups().entrySet()) {
            ProcessorTopology subtopology = builder.buildSubtopology(group.getKey());
            // As Kafka's driver does: a global store skips the records that fail to deserialize, whatever the config.
            StreamTask task = subtopology.global()
                ? StreamTask.global(subtopology, streamsConfig, time, collector, globalStores::get,
                    metrics.streamsMetrics(), new LogAndContinueExceptionHandler())
                : new StreamTask(TASK_ID, subtopology, streamsConfig, time, collector, globalStores::get,
                    metrics.streamsMetrics());
            if (subtopology.global()) {
                globalTasks.add(task);
            } else {
                task.setThreadCache(cache);
                streamTasks.add(task);
            }
            for (String topic : task.sourceTopics()) {
                taskByTopic.put(topic, task);
            }
            for (Map.Entry<String, StateStore> store : task.stores().entrySet()) {
                if (builder.isGlobalStore(store.getKey())) {
                    globalStores.put(store.getKey(), store.getValue());
                }
            }
        }
        if (!streamTasks.isEmpty()) {
            TaskMetrics.registerSharingId(metrics, Thread.currentThread().getName(), streamTasks);
        }
        if (!globalTasks.isEmpty()) {
            TaskMetrics.registerGlobal(metrics, Thread.currentThread().getName(), globalTasks);
        }
        tasks.addAll(globalTasks);
        tasks.addAll(streamTasks);
        for (StreamTask task : tasks) {
            task.initializeStateStores();
            task.initializeTopology();
        }
        captureOutputs();
    }

    /** Returns an input topic whose records without a time get the current system time (Kafka's driver does too). */
    public final <K, V> TestInputTopic<K, V> createInputTopic(String topicName, Serializer<K> keySerializer,
        Serializer<V> valueSerializer) {
        // As in Kafka's driver: records without a time get the current system time, not the mock wall clock.
        return new TestInputTopic<>(this, topicName, keySerializer, valueSerializer, Instant.now(), Duration.ZERO);
    }

    /** Returns an input topic whose records without time get {@code startTimestamp}, then + {@code autoAdvance}. */
    public final <K, V> TestInputTopic<K, V> createInputTopic(String topicName, Serializer<K> keySerializer,
        Serializer<V> valueSerializer, Instant startTimestamp, Duration autoAdvance) {
        return new TestInputTopic<>(this, topicName, keySerializer, valueSerializer, startTimestamp, autoAdvance);
    }

    /** Returns a reader of what the topology writes to {@code topicName}. */
    public final <K, V> TestOutputTopic<K, V> createOutputTopic(String topicName, Deserializer<K> keyDeserializer,
        Deserializer<V> valueDeserializer) {
        return new TestOutputTopic<>(this, topicName, keyDeserializer, valueDeserializer);
    }

    <K, V> void pipeRecord(String topic, TestRecord<K, V> record, Serializer<K> keySerializer,
        Serializer<V> valueSerializer, Instant recordTime) {
        requireOpen();
        StreamTask task = readerOf(topic);
        if (task == null) {
            throw new IllegalArgumentException("Unknown topic: " + topic);
        }
        byte[] key = keySerializer.serialize(topic, record.headers(), record.key());
        byte[] value = valueSerializer.serialize(topic, record.headers(), record.value());
        // If the input fails, what it sent (a dead letter queue record, say) waits for the next input or wall-clock
        // advance to be output, as in Kafka's driver.
        deliver(task, topic, recordTime.toEpochMilli(), key, value, record.headers());
        captureOutputs();
    }

    private void deliver(StreamTask task, String topic, long timestamp, byte[] key, byte[] value, Headers headers) {
        long offset = nextOffsets.merge(topic, 1L, Long::sum) - 1;
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(topic, PARTITION, offset, timestamp,
            TimestampType.CREATE_TIME, key == null ? ConsumerRecord.NULL_SIZE : key.length,
            value == null ? ConsumerRecord.NULL_SIZE : value.length, key, value, headers, Optional.empty());
        task.addRecords(new TopicPartition(topic, PARTITION), List.of(record));
        while (task.process(time.milliseconds())) {
            if (streamTasks.contains(task)) {
                punctuateStreamTime(task.streamTime());
            } else {
                task.maybePunctuateStreamTime();
            }
        }
        commit(task);
    }

    /**
     * Brings every stream task to {@code streamTime} and fires its due stream-time punctuations, committing the tasks
     * that fired. Kafka's driver runs all sub-topologies in one task, so a record moves the stream time that the
     * punctuators of every sub-topology see, even of those it never reaches.
     */
    private void punctuateStreamTime(long streamTime) {
        for (StreamTask task : streamTasks) {
            task.advanceStreamTime(streamTime);
            if (task.maybePunctuateStreamTime()) {
                commit(task);
            }
        }
    }

    /** Commits like a stream thread; the driver has no changelog, so the stores are committed without offsets. */
    private static void commit(StreamTask task) {
        task.prepareCommit();
        task.commitStores(store -> Map.of());
        task.postCommit();
    }

    private void captureOutputs() {
        while (!pending.isEmpty()) {
            ProducerRecord<byte[], byte[]> record = pending.poll();
            outputs.computeIfAbsent(record.topic(), topic -> new ArrayDeque<>()).add(record);
            StreamTask reader = readerOf(record.topic());
            if (reader != null) {
                deliver(reader, record.topic(), record.timestamp(), record.key(), record.value(), record.headers());
            }
        }
    }

    /**
     * Returns the task reading {@code topic}, or {@code null}: the one naming it, else the one whose pattern source
     * matches it (found once per topic; the application's internal topics never match a pattern).
     */
    private StreamTask readerOf(String topic) {
        StreamTask task = taskByTopic.get(topic);
        if (task != null || builder.patternMatches(List.of(topic)).isEmpty()) {
            return task;
        }
        for (StreamTask candidate : tasks) {
            if (candidate.readsTopic(topic)) {
                taskByTopic.put(topic, candidate);
                return candidate;
            }
        }
        return null;
    }

    /**
     * Advances the mock wall clock, fires the wall-clock punctuations now due (each at most once), and commits.
     */
    public void advanceWallClockTime(Duration advance) {
        requireOpen();
        if (Objects.requireNonNull(advance, "advance cannot be null").isNegative()) {
            // test-utils' message is its mock time's
            throw new IllegalArgumentException("Sleep ms cannot be negative.");
        }
        time.sleep(advance.toMillis());
        for (StreamTask task : tasks) {
            task.maybePunctuateSystemTime();
            commit(task);
            captureOutputs();
        }
    }

    <K, V> TestRecord<K, V> readRecord(String topic, Deserializer<K> keyDeserializer,
        Deserializer<V> valueDeserializer) {
        Queue<ProducerRecord<byte[], byte[]>> queue = outputs.get(topic);
        if (queue == null) {
            throw new NoSuchElementException("Uninitialized topic: " + topic);
        }
        ProducerRecord<byte[], byte[]> record = queue.poll();
        if (record == null) {
            throw new NoSuchElementException("Empty topic: " + topic);
        }
        K key = keyDeserializer.deserialize(topic, record.headers(), record.key());
        V value = valueDeserializer.deserialize(topic, record.headers(), record.value());
        return new TestRecord<>(key, value, record.headers(), record.timestamp());
    }

    long getQueueSize(String topic) {
        Queue<ProducerRecord<byte[], byte[]>> queue = outputs.get(topic);
        return queue == null ? 0 : queue.size();
    }

    /** Returns the topics the topology has written to so far: sinks, repartition and changelog topics. */
    public final Set<String> producedTopicNames() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(outputs.keySet()));
    }

    /**
     * Returns the number of input records dropped so far (failed deserialization with a CONTINUE handler, negative
     * timestamps, serialization errors with CONTINUE). Runnel's stand-in for Kafka's {@code dropped-records-total}
     * metric, which {@link #metrics()} also holds per task.
     */
    public long droppedRecordsTotal() {
        long dropped = 0;
        for (StreamTask task : tasks) {
            dropped += task.droppedRecords();
        }
        return dropped;
    }

    /**
     * Returns a snapshot of the driver's metrics: each task's {@code dropped-records-total} in group {@code
     * stream-task-metrics}, and the metrics of the sensors processors and stores have added.
     */
    public Map<MetricName, ? extends Metric> metrics() {
        return metrics.metrics();
    }

    /** Returns every state store, local and global, by name. */
    public Map<String, StateStore> getAllStateStores() {
        // A HashMap, as Kafka's driver returns: a ported test listing the names sees them in the same order.
        Map<String, StateStore> stores = new HashMap<>();
        for (StreamTask task : tasks) {
            stores.putAll(task.stores());
        }
        return stores;
    }

    /**
     * Returns the custom store named {@code name}, or {@code null}; as in Kafka's driver, built-in stores are read
     * through the typed getters ({@link #getKeyValueStore} and the others).
     *
     * @throws IllegalArgumentException if the store is a key-value, versioned, window or session store
     */
    public StateStore getStateStore(String name) {
        StateStore store = store(name);
        String kind = builtInKindOf(store);
        if (kind != null) {
            throw new IllegalArgumentException("Store " + name + " is " + kind);
        }
        return store;
    }

    /**
     * Returns what kind of built-in store {@code store} is and which getter reads it, as Kafka's driver words it, or
     * {@code null} for a custom store. As there, a headers-aware store counts as a plain one of its kind.
     */
    private static String builtInKindOf(StateStore store) {
        if (store instanceof VersionedKeyValueStore<?, ?>) {
            return "a versioned key-value store and should be accessed via `getVersionedKeyValueStore()`";
        }
        if (store instanceof TimestampedKeyValueStore<?, ?>) {
            return "a timestamped key-value store and should be accessed via `getTimestampedKeyValueStore()`";
        }
        if (store instanceof ReadOnlyKeyValueStore<?, ?>) {
            return "a key-value store and should be accessed via `getKeyValueStore()`";
        }
        if (store instanceof TimestampedWindowStore<?, ?>) {
            return "a timestamped window store and should be accessed via `getTimestampedWindowStore()`";
        }
        if (store instanceof ReadOnlyWindowStore<?, ?>) {
            return "a window store and should be accessed via `getWindowStore()`";
        }
        return store instanceof ReadOnlySessionStore<?, ?>
            ? "a session store and should be accessed via `getSessionStore()`"
            : null;
    }

    /** Returns the store named {@code name} (its outermost, typed layer), or {@code null}. */
    private StateStore store(String name) {
        return getAllStateStores().get(name);
    }

    /**
     * Returns a key-value store, or {@code null} if there is none by that name. A timestamped store (with or without
     * headers) is returned as a plain key-value view of its values, as Kafka's driver does.
     */
    @SuppressWarnings("unchecked")
    public <K, V> KeyValueStore<K, V> getKeyValueStore(String name) {
        StateStore store = store(name);
        KeyValueStore<K, V> plainView = KeyValueStoreFacade.plainViewOrNull(store);
        if (plainView != null) {
            return plainView;
        }
        return store instanceof KeyValueStore<?, ?> keyValue ? (KeyValueStore<K, V>) keyValue : null;
    }

    /**
     * Returns a timestamped key-value store, or {@code null} if there is none by that name. A headers-aware store (a
     * DSL store under {@code dsl.store.format=HEADERS}) is returned as a timestamped view without its headers.
     */
    public <K, V> TimestampedKeyValueStore<K, V> getTimestampedKeyValueStore(String name) {
        return TimestampedKeyValueStoreFacade.timestampedView(store(name));
    }

    /** Returns a headers-aware timestamped key-value store (KIP-1271), or {@code null} if none has that name. */
    @SuppressWarnings("unchecked")
    public <K, V> KeyValueStore<K, ValueTimestampHeaders<V>> getTimestampedKeyValueStoreWithHeaders(String name) {
        StateStore store = store(name);
        return store instanceof TimestampedKeyValueStoreWithHeaders<?, ?> headers
            ? (TimestampedKeyValueStoreWithHeaders<K, V>) headers
            : null;
    }

    /**
     * Returns a window store, or {@code null} if there is none by that name. A timestamped window store (what the DSL
     * creates) is returned as a plain window-store view of its values, as Kafka's driver does.
     */
    @SuppressWarnings("unchecked")
    public <K, V> WindowStore<K, V> getWindowStore(String name) {
        StateStore store = store(name);
        WindowStore<K, V> plainView = WindowStoreFacade.plainViewOrNull(store);
        if (plainView != null) {
            return plainView;
        }
        return store instanceof WindowStore<?, ?> window ? (WindowStore<K, V>) window : null;
    }

    /**
     * Returns a timestamped window store, or {@code null} if there is none by that name. A headers-aware store (a
     * DSL store under {@code dsl.store.format=HEADERS}) is returned as a timestamped view without its headers.
     */
    public <K, V> TimestampedWindowStore<K, V> getTimestampedWindowStore(String name) {
        return TimestampedWindowStoreFacade.timestampedView(store(name));
    }

    /** Returns a headers-aware timestamped window store (KIP-1271), or {@code null} if there is none by that name. */
    @SuppressWarnings("unchecked")
    public <K, V> WindowStore<K, ValueTimestampHeaders<V>> getTimestampedWindowStoreWithHeaders(String name) {
        StateStore store = store(name);
        return store instanceof TimestampedWindowStoreWithHeaders<?, ?> headers
            ? (TimestampedWindowStoreWithHeaders<K, V>) headers
            : null;
    }

    /** Returns a versioned key-value store, or {@code null} if there is none by that name. */
    @SuppressWarnings("unchecked")
    public <K, V> VersionedKeyValueStore<K, V> getVersionedKeyValueStore(String name) {
        StateStore store = store(name);
        return store instanceof VersionedKeyValueStore<?, ?> versioned
            ? (VersionedKeyValueStore<K, V>) versioned
            : null;
    }

    /** Returns a session store, or {@code null} if there is none by that name. */
    @SuppressWarnings("unchecked")
    public <K, V> SessionStore<K, V> getSessionStore(String name) {
        StateStore store = store(name);
        SessionStore<K, V> plainView = SessionStoreFacade.plainViewOrNull(store);
        if (plainView != null) {
            return plainView;
        }
        return store instanceof SessionStore<?, ?> session ? (SessionStore<K, V>) session : null;
    }

    /**
     * Returns a headers-aware session store (KIP-1271), or {@code null} if there is none by that name. Typed as
     * {@link SessionStoreWithHeaders}, as in Kafka's driver.
     */
    @SuppressWarnings("unchecked")
    public <K, V> SessionStoreWithHeaders<K, V> getSessionStoreWithHeaders(String name) {
        StateStore store = store(name);
        return store instanceof SessionStoreWithHeaders<?, ?> headers ? (SessionStoreWithHeaders<K, V>) headers : null;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("TopologyTestDriver is closed");
        }
    }

    /** Closes every task's processors and stores; the first failure is thrown after all are closed. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (StreamTask task : tasks) {
            try {
                task.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Keeps what tasks send until the driver captures it after the current record. */
    private final class CapturingCollector implements RecordCollector {
        @Override
        public void send(String topic, Integer partition, long timestamp, byte[] key, byte[] value, Headers headers,
            String processorNodeId) {
            pending.add(new ProducerRecord<>(topic, partition, timestamp, key, value, headers));
        }

        @Override
        public int partitionsFor(String topic) {
            return 1;
        }
    }
}
