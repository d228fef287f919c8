package dev.runnel.clients.consumer;

import dev.runnel.clients.internals.ClientMetrics;
import dev.runnel.common.config.internals.ConfigReader;
import dev.runnel.common.utils.ClientTelemetry;
import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.PartitionInfo;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.Uuid;
import dev.runnel.common.errors.InterruptException;
import dev.runnel.common.config.ConfigException;
import dev.runnel.common.errors.WakeupException;
import dev.runnel.common.metrics.KafkaMetric;
import dev.runnel.common.metrics.Metrics;
import dev.runnel.common.metrics.MetricsReporter;
import dev.runnel.common.serialization.Deserializer;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.RunnelLogConfig;
import dev.runnel.log.internal.AppendNotifier;
import dev.runnel.log.internal.TimestampLookup;
import dev.runnel.log.internal.segment.PartitionLog;
import java.time.Duration;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads records from the embedded log, as Kafka's consumer reads them from a cluster: assign partitions (or, with a
 * {@code group.id}, subscribe and let the group assign them), optionally seek, then {@code poll}. Without a sought
 * position a partition starts at the group's committed offset, else at {@code auto.offset.reset} (latest by
 * default). Rebalance listener callbacks and {@code commitAsync} callbacks run on the polling thread, inside
 * {@code poll}. Every batch's CRC is checked before its records are returned. Not thread-safe, as in Kafka:
 * one thread polls; only {@link #wakeup()} may be called from another.
 *
 * <pre>{@code
 * try (Consumer<String, String> consumer = new KafkaConsumer<>(Map.of("log.dir", "runnel-data",
 *         "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
 *     consumer.assign(List.of(new TopicPartition("clicks", 0)));
 *     for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
 *         System.out.println(record.offset() + ": " + record.value());
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #metrics()} returns Kafka's consumer metrics, which are also in JMX as {@code
 * kafka.consumer:type=consumer-fetch-manager-metrics,client-id=<client.id>} and so on.
 */
public class KafkaConsumer<K, V> implements Consumer<K, V> {
    /** The JMX domain of consumer metrics, Kafka's. */
    public static final String JMX_PREFIX = "kafka.consumer";
    private static final long NO_CURRENT_THREAD = -1L;
    private static final String MUTUALLY_EXCLUSIVE = "Subscription to topics, partitions and pattern are mutually "
        + "exclusive";

    private final RunnelLog log;
    private final ConsumerSettings settings;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final Fetcher<K, V> fetcher;
    private final GroupSettings groupSettings;
    private final ConsumerCoordinator coordinator;
    /** Null without {@code interceptor.classes}, so that a poll without interceptors costs one null check. */
    private final ConsumerInterceptors<K, V> interceptors;
    private final Metrics metrics;
    private final PollMetrics pollMetrics;
    private final Map<TopicPartition, PartitionFetchState> assignment = new LinkedHashMap<>();
    private final AtomicLong currentThread = new AtomicLong(NO_CURRENT_THREAD);
    private volatile boolean wakeupRequested;
    private int acquisitions;
    private volatile boolean closed;

    public KafkaConsumer(Map<String, Object> configs) {
        this(configs, null, null);
    }

    public KafkaConsumer(Properties properties) {
        this(ConfigReader.toMap(properties), null, null);
    }

    public KafkaConsumer(Properties properties, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        this(ConfigReader.toMap(properties), keyDeserializer, valueDeserializer);
    }

    /**
     * Creates a consumer from {@code configs}, checked against {@link ConsumerConfig}'s definition: a bad value fails
     * with a {@link ConfigException} naming the key. Deserializers given here are used as they are; those named in
     * the configs are created and configured, as in Kafka.
     */
    public KafkaConsumer(Map<String, Object> configs, Deserializer<K> keyDeserializer,
                         Deserializer<V> valueDeserializer) {
        ConsumerConfig config = new ConsumerConfig(
            ConsumerConfig.appendDeserializerToConfig(configs, keyDeserializer, valueDeserializer));
        this.settings = ConsumerSettings.of(config);
        this.groupSettings = GroupSettings.of(config);
        String clientId = settings.clientId();
        Map<String, Object> withClientId = config.originals(Map.of(ConsumerConfig.CLIENT_ID_CONFIG, clientId));
        this.keyDeserializer = keyDeserializer != null ? keyDeserializer
            : configured(config, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, withClientId, true);
        this.valueDeserializer = valueDeserializer != null ? valueDeserializer
            : configured(config, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, withClientId, false);
        this.interceptors = interceptors(config, clientId);
        // Before the log opens: a reporter that cannot be created fails the constructor with nothing to release.
        List<MetricsReporter> reporters = ClientMetrics.reporters(config, clientId);
        this.log = RunnelLog.open(RunnelLogConfig.parse(configs));
        this.metrics = ClientMetrics.create(config, log.time(), JMX_PREFIX, clientId, reporters);
        this.fetcher = new Fetcher<>(log, settings, this.keyDeserializer, this.valueDeserializer,
            new FetchMetrics(metrics, clientId));
        CoordinatorMetrics coordinatorMetrics = groupSettings.groupId() == null ? null
            : new CoordinatorMetrics(metrics, clientId, log.time(), assignment::size);
        this.coordinator = new ConsumerCoordinator(log, groupSettings, clientId, assignment, interceptors,
            coordinatorMetrics);
        this.pollMetrics = new PollMetrics(metrics, clientId, log.time());
        config.logUnused();
    }

    @SuppressWarnings("unchecked")
    private static <T> Deserializer<T> configured(ConsumerConfig config, String key, Map<String, Object> configs,
                                                  boolean isKey) {
        Deserializer<T> deserializer = config.getConfiguredInstance(key, Deserializer.class);
        deserializer.configure(configs, isKey);
        return deserializer;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <K, V> ConsumerInterceptors<K, V> interceptors(ConsumerConfig config, String clientId) {
        List<ConsumerInterceptor> list = config.getConfiguredInstances(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG,
            ConsumerInterceptor.class, Map.of(ConsumerConfig.CLIENT_ID_CONFIG, clientId));
        return list.isEmpty() ? null : new ConsumerInterceptors<>((List) list);
    }

    @Override
    public Set<TopicPartition> assignment() {
        acquire();
        try {
            return Set.copyOf(assignment.keySet());
        } finally {
            release();
        }
    }

    /**
     * Reads exactly these partitions from now on. Partitions kept from the previous assignment keep their position.
     * Throws {@code UnknownTopicOrPartitionException} for a partition the log does not have.
     */
    @Override
    public void assign(Collection<TopicPartition> partitions) {
        acquire();
        try {
            if (coordinator.isSubscribed()) {
                throw new IllegalStateException(MUTUALLY_EXCLUSIVE);
            }
            for (TopicPartition tp : partitions) {
                log.partition(tp);
            }
            assignment.keySet().retainAll(partitions);
            for (TopicPartition tp : partitions) {
                assignment.computeIfAbsent(tp, ignored -> new PartitionFetchState());
            }
        } finally {
            release();
        }
    }

    @Override
    public void unsubscribe() {
        acquire();
        try {
            coordinator.leave(false);
            assignment.clear();
        } finally {
            release();
        }
    }

    /**
     * Joins the consumer's group ({@code group.id}) and reads the partitions the group assigns it from these topics.
     * The group rebalances on the next {@code poll}; the listener's callbacks run inside it. An empty collection
     * unsubscribes.
     *
     * @throws dev.runnel.common.errors.InvalidGroupIdException without a {@code group.id}
     * @throws IllegalStateException if partitions were assigned with {@link #assign}
     */
    @Override
    public void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
        Objects.requireNonNull(topics, "Topic collection to subscribe to cannot be null");
        Objects.requireNonNull(listener, "RebalanceListener cannot be null");
        acquire();
        try {
            if (topics.isEmpty()) {
                unsubscribe();
                return;
            }
            for (String topic : topics) {
                if (topic == null || topic.isBlank()) {
                    throw new IllegalArgumentException("Topic collection to subscribe to cannot contain null or empty "
                        + "topic");
                }
            }
            subscribeChecked(topics, null, listener);
        } finally {
            release();
        }
    }

    @Override
    public void subscribe(Collection<String> topics) {
        subscribe(topics, NoOpRebalanceListener.INSTANCE);
    }

    /** Subscribes to every topic, now or later, whose whole name matches the pattern (internal topics excluded). */
    @Override
    public void subscribe(Pattern pattern, ConsumerRebalanceListener listener) {
        Objects.requireNonNull(pattern, "Topic pattern to subscribe to cannot be null");
        Objects.requireNonNull(listener, "RebalanceListener cannot be null");
        acquire();
        try {
            subscribeChecked(List.of(), pattern, listener);
        } finally {
            release();
        }
    }

    @Override
    public void subscribe(Pattern pattern) {
        subscribe(pattern, NoOpRebalanceListener.INSTANCE);
    }

    /**
     * Subscribes to every topic, now or later, whose whole name matches {@code pattern} (KIP-848's broker-side
     * regular expressions, which the embedded group evaluates).
     *
     * @throws dev.runnel.common.errors.InvalidRegularExpression if the expression does not compile
     */
    @Override
    public void subscribe(SubscriptionPattern pattern, ConsumerRebalanceListener callback) {
        Objects.requireNonNull(pattern, "Topic pattern to subscribe to cannot be null");
        subscribe(pattern.compile(), callback);
    }

    @Override
    public void subscribe(SubscriptionPattern pattern) {
        subscribe(pattern, NoOpRebalanceListener.INSTANCE);
    }

    private void subscribeChecked(Collection<String> topics, Pattern pattern, ConsumerRebalanceListener listener) {
        ConsumerCoordinator.requireGroup(groupSettings);
        if (!coordinator.isSubscribed() && !assignment.isEmpty()) {
            throw new IllegalStateException(MUTUALLY_EXCLUSIVE);
        }
        coordinator.subscribe(topics, pattern, listener);
    }

    /** The topics of the current subscription (for a pattern, the topics it matches now). */
    @Override
    public Set<String> subscription() {
        acquire();
        try {
            return Set.copyOf(coordinator.subscription());
        } finally {
            release();
        }
    }

    /** Commits the positions of all assigned partitions: the offsets after the records returned so far. */
    @Override
    public void commitSync() {
        acquire();
        try {
            coordinator.commitSync(coordinator.allConsumed());
        } finally {
            release();
        }
    }

    @Override
    public void commitSync(Duration timeout) {
        commitSync();
    }

    /**
     * Commits the given offsets (the next offset to read, per partition).
     *
     * @throws CommitFailedException if the group rebalanced and the member's generation is old, or it was removed
     * @throws dev.runnel.common.errors.RebalanceInProgressException while a rebalance the member joined completes
     */
    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        acquire();
        try {
            coordinator.commitSync(Map.copyOf(offsets));
        } finally {
            release();
        }
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        commitSync(offsets);
    }

    @Override
    public void commitAsync() {
        commitAsync(null);
    }

    /** Commits all positions; the callback runs on this thread in a later poll, commit or close. */
    @Override
    public void commitAsync(OffsetCommitCallback callback) {
        acquire();
        try {
            coordinator.commitAsync(coordinator.allConsumed(), callback);
        } finally {
            release();
        }
    }

    @Override
    public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        acquire();
        try {
            coordinator.commitAsync(Map.copyOf(offsets), callback);
        } finally {
            release();
        }
    }

    /** The group's committed offsets for the partitions; a partition without one maps to null, as in Kafka. */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
        acquire();
        try {
            return coordinator.committed(partitions);
        } finally {
            release();
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions, Duration timeout) {
        return committed(partitions);
    }

    /** The group, generation, member id and instance id, for {@code sendOffsetsToTransaction}. */
    @Override
    public ConsumerGroupMetadata groupMetadata() {
        acquire();
        try {
            return coordinator.groupMetadata();
        } finally {
            release();
        }
    }

    /** Makes the group rebalance; the member rejoins on its next poll. */
    @Override
    public void enforceRebalance() {
        acquire();
        try {
            coordinator.enforceRebalance();
        } finally {
            release();
        }
    }

    @Override
    public void enforceRebalance(String reason) {
        enforceRebalance();
    }

    /**
     * Returns the next records of the assigned partitions, waiting up to {@code timeout} for some to arrive.
     *
     * @throws dev.runnel.common.errors.CorruptRecordException      for a batch that fails its CRC, naming it
     * @throws dev.runnel.common.errors.RecordDeserializationException for a record that does not deserialize; the
     *                                                              position stays at it
     * @throws NoOffsetForPartitionException under {@code auto.offset.reset=none} with no position
     * @throws WakeupException if {@link #wakeup()} was called
     */
    @Override
    public ConsumerRecords<K, V> poll(Duration timeout) {
        acquire();
        try {
            boolean subscribed = coordinator.isSubscribed();
            if (assignment.isEmpty() && !subscribed) {
                throw new IllegalStateException("Consumer is not subscribed to any topics or assigned any partitions");
            }
            pollMetrics.recordPoll();
            AppendNotifier notifier = log.appendNotifier();
            long deadline = log.time().nanoseconds() + timeout.toNanos();
            long deadlineMs = log.time().milliseconds() + timeout.toMillis();
            coordinator.poll(deadlineMs);
            while (true) {
                checkWakeup();
                long seenAppends = notifier.appendCount();
                if (subscribed && coordinator.needsAttention()) {
                    coordinator.poll(deadlineMs);
                }
                ConsumerRecords<K, V> polled = fetcher.collect(assignment, this::resolve);
                // A poll that only skipped control or aborted batches returns too, as Kafka's does, so that
                // committing nextOffsets() moves the group past them.
                if (!polled.nextOffsets().isEmpty()) {
                    return interceptors == null ? polled : interceptors.onConsume(polled);
                }
                long remaining = deadline - log.time().nanoseconds();
                if (remaining <= 0) {
                    return ConsumerRecords.empty();
                }
                // A group member wakes at least every heartbeat.interval.ms to notice rebalances.
                notifier.awaitAppendAfter(seenAppends,
                    subscribed ? Math.min(remaining, groupSettings.heartbeatIntervalMs() * 1_000_000L) : remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException("Interrupted while polling", e);
        } finally {
            release();
        }
    }

    private void checkWakeup() {
        if (wakeupRequested) {
            wakeupRequested = false;
            throw new WakeupException();
        }
    }

    /** Gives a partition a position from a pending seek-to-beginning/end or from {@code auto.offset.reset}. */
    private void resolve(TopicPartition tp, PartitionFetchState state) {
        PartitionLog partition = log.partition(tp);
        if (state.pendingReset == null && state.position == PartitionFetchState.UNKNOWN) {
            // A group's committed offset comes before auto.offset.reset, as in Kafka.
            coordinator.committedOffset(tp).ifPresent(committed -> state.seek(committed.offset()));
        }
        if (state.pendingReset != null) {
            state.seek(resetOffset(partition, state.pendingReset));
        } else if (state.position == PartitionFetchState.UNKNOWN) {
            if (settings.autoOffsetReset().strategy() == OffsetResetStrategy.NONE) {
                throw new NoOffsetForPartitionException(tp);
            }
            state.seek(autoResetOffset(partition));
        } else if (state.position < partition.logStartOffset() || state.position > partition.logEndOffset()) {
            if (settings.autoOffsetReset().strategy() == OffsetResetStrategy.NONE) {
                throw new OffsetOutOfRangeException("Fetch position " + state.position + " is out of range for "
                    + "partition " + tp + " (valid: " + partition.logStartOffset() + " to "
                    + partition.logEndOffset() + ") and auto.offset.reset is none", Map.of(tp, state.position));
            }
            state.seek(autoResetOffset(partition));
        }
    }

    /** Where {@code auto.offset.reset} puts a partition: by_duration's first record that recent, else the end. */
    private long autoResetOffset(PartitionLog partition) {
        AutoOffsetReset reset = settings.autoOffsetReset();
        if (reset.byDuration() != null) {
            TimestampLookup.Match match =
                TimestampLookup.find(partition, log.time().milliseconds() - reset.byDuration().toMillis());
            if (match != null && match.offset() < endOffset(partition)) {
                return match.offset();
            }
        }
        return resetOffset(partition, reset.strategy());
    }

    private long resetOffset(PartitionLog partition, OffsetResetStrategy strategy) {
        return strategy == OffsetResetStrategy.EARLIEST ? partition.logStartOffset() : endOffset(partition);
    }

    /** The log end offset, or under read_committed the last stable offset, as Kafka's consumer reports them. */
    private long endOffset(PartitionLog partition) {
        return settings.readCommitted() ? partition.lastStableOffset() : partition.logEndOffset();
    }

    @Override
    public void seek(TopicPartition partition, long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("seek offset must not be a negative number");
        }
        acquire();
        try {
            state(partition).seek(offset);
        } finally {
            release();
        }
    }

    @Override
    public void seekToBeginning(Collection<TopicPartition> partitions) {
        requestReset(partitions, OffsetResetStrategy.EARLIEST);
    }

    @Override
    public void seekToEnd(Collection<TopicPartition> partitions) {
        requestReset(partitions, OffsetResetStrategy.LATEST);
    }

    /** Resets lazily, as Kafka does: the offset is looked up at the next poll or position call. */
    private void requestReset(Collection<TopicPartition> partitions, OffsetResetStrategy strategy) {
        acquire();
        try {
            Collection<TopicPartition> targets = partitions.isEmpty() ? assignment.keySet() : partitions;
            for (TopicPartition tp : targets) {
                PartitionFetchState state = state(tp);
                state.clearBuffer();
                state.pendingReset = strategy;
            }
        } finally {
            release();
        }
    }

    @Override
    public long position(TopicPartition partition) {
        acquire();
        try {
            PartitionFetchState state = state(partition);
            resolve(partition, state);
            return state.position;
        } finally {
            release();
        }
    }

    /** Computed from the log at the call, where Kafka's consumer uses the end offset its last fetch saw. */
    @Override
    public OptionalLong currentLag(TopicPartition partition) {
        acquire();
        try {
            PartitionFetchState state = state(partition);
            if (state.position == PartitionFetchState.UNKNOWN || state.pendingReset != null) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(endOffset(log.partition(partition)) - state.position);
        } finally {
            release();
        }
    }

    private PartitionFetchState state(TopicPartition tp) {
        PartitionFetchState state = assignment.get(tp);
        if (state == null) {
            throw new IllegalStateException("No current assignment for partition " + tp);
        }
        return state;
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        int count = log.partitionCount(topic);
        return java.util.stream.IntStream.range(0, count).mapToObj(p -> PartitionInfo.embedded(topic, p)).toList();
    }

    @Override
    public Map<String, List<PartitionInfo>> listTopics() {
        Map<String, List<PartitionInfo>> topics = new TreeMap<>();
        for (String topic : log.topicNames()) {
            topics.put(topic, partitionsFor(topic));
        }
        return topics;
    }

    @Override
    public Set<TopicPartition> paused() {
        acquire();
        try {
            return assignment.entrySet().stream().filter(e -> e.getValue().paused).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
        } finally {
            release();
        }
    }

    @Override
    public void pause(Collection<TopicPartition> partitions) {
        setPaused(partitions, true);
    }

    @Override
    public void resume(Collection<TopicPartition> partitions) {
        setPaused(partitions, false);
    }

    private void setPaused(Collection<TopicPartition> partitions, boolean paused) {
        acquire();
        try {
            for (TopicPartition tp : partitions) {
                state(tp).paused = paused;
            }
        } finally {
            release();
        }
    }

    /**
     * Finds, per partition, the earliest offset whose timestamp is at or after the given one, or null if none. The
     * time index finds the batch; only that batch's records are scanned.
     */
    @Override
    public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch) {
        Map<TopicPartition, OffsetAndTimestamp> result = new HashMap<>();
        for (Map.Entry<TopicPartition, Long> entry : timestampsToSearch.entrySet()) {
            if (entry.getValue() < 0) {
                throw new IllegalArgumentException("The target time for partition " + entry.getKey() + " is "
                    + entry.getValue() + ". The target time cannot be negative.");
            }
            TimestampLookup.Match match = TimestampLookup.find(log.partition(entry.getKey()), entry.getValue());
            result.put(entry.getKey(),
                match == null ? null : new OffsetAndTimestamp(match.offset(), match.timestamp()));
        }
        return result;
    }

    @Override
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
        return partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> log.partition(tp).logStartOffset()));
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        return partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> endOffset(log.partition(tp))));
    }

    @Override
    public Uuid clientInstanceId(Duration timeout) {
        throw ClientTelemetry.notEnabled();
    }

    /**
     * Returns the consumer's metrics (groups {@code consumer-fetch-manager-metrics}, {@code consumer-metrics} and,
     * with a {@code group.id}, {@code consumer-coordinator-metrics}; Kafka's names), computed when read. Unlike the
     * consumer's other methods, safe to call from any thread.
     */
    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return metrics.metrics();
    }

    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {
        ClientTelemetry.ignoreMetric(metric);
    }

    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {
        ClientTelemetry.ignoreMetric(metric);
    }

    /** Makes a blocked or the next {@code poll} throw {@link WakeupException}. Safe from any thread. */
    @Override
    public void wakeup() {
        wakeupRequested = true;
        log.appendNotifier().signalAppend();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    @Override
    public void close(Duration timeout) {
        close(CloseOptions.timeout(timeout));
    }

    /**
     * Closes as {@code options} say: by default a dynamic member leaves its group and a static one stays until its
     * session times out; {@code LEAVE_GROUP} and {@code REMAIN_IN_GROUP} make either do one or the other.
     */
    @Override
    public void close(CloseOptions options) {
        Objects.requireNonNull(options, "options");
        if (closed) {
            return;
        }
        acquire();
        try {
            try {
                coordinator.leave(true, options.groupMembershipOperation());
            } finally {
                closed = true;
            }
            keyDeserializer.close();
            valueDeserializer.close();
            if (interceptors != null) {
                interceptors.close();
            }
            metrics.close();
            log.close();
        } finally {
            release();
        }
    }

    /** Refuses use from a second thread at once, as Kafka's consumer does, instead of corrupting positions. */
    private void acquire() {
        if (closed) {
            throw new IllegalStateException("This consumer has already been closed.");
        }
        long thread = Thread.currentThread().getId();
        if (thread != currentThread.get() && !currentThread.compareAndSet(NO_CURRENT_THREAD, thread)) {
            throw new ConcurrentModificationException("KafkaConsumer is not safe for multi-threaded access");
        }
        acquisitions++;
    }

    private void release() {
        if (--acquisitions == 0) {
            currentThread.set(NO_CURRENT_THREAD);
        }
    }

}
