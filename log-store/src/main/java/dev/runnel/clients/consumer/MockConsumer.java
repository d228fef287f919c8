package dev.runnel.clients.consumer;

import dev.runnel.common.KafkaException;
import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.PartitionInfo;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.Uuid;
import dev.runnel.common.metrics.KafkaMetric;
import dev.runnel.common.utils.ClientTelemetry;
import dev.runnel.common.utils.MockClientMetrics;
import dev.runnel.common.errors.WakeupException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Kafka's consumer test double: records come from {@link #addRecord} instead of a log, so that a unit test can feed
 * its code exactly the records it wants. Assign partitions (or subscribe, then {@link #rebalance} to play the group's
 * part), give them starting offsets with {@link #updateBeginningOffsets} / {@link #updateEndOffsets}, add records, and
 * poll. A partition without a position starts at its committed offset, else where the reset strategy says.
 * {@link #schedulePollTask} runs code inside a later poll, e.g. to add records or to stop a poll loop with
 * {@link #wakeup()}.
 *
 * <pre>{@code
 * MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
 * TopicPartition clicks = new TopicPartition("clicks", 0);
 * consumer.assign(List.of(clicks));
 * consumer.updateBeginningOffsets(Map.of(clicks, 0L));
 * consumer.addRecord(new ConsumerRecord<>("clicks", 0, 0L, "alice", "/home"));
 * assertEquals(1, consumer.poll(Duration.ZERO).count());
 * }</pre>
 *
 * <p>Thread-safe: every method synchronizes on the consumer, so another thread may add records or wake it up.
 */
public class MockConsumer<K, V> implements Consumer<K, V> {
    private final MockConsumerOffsets offsets;
    private final Map<TopicPartition, List<ConsumerRecord<K, V>>> records = new LinkedHashMap<>();
    /** The offset and timestamp of every record ever added, polled or not, for {@link #offsetsForTimes}. */
    private final Map<TopicPartition, List<OffsetAndTimestamp>> timestamps = new HashMap<>();
    private final Map<String, List<PartitionInfo>> partitions = new HashMap<>();
    private final ArrayDeque<Runnable> pollTasks = new ArrayDeque<>();
    private final Set<TopicPartition> paused = new HashSet<>();
    private Set<TopicPartition> assignment = new LinkedHashSet<>();
    private Set<String> subscription = Set.of();
    private ConsumerRebalanceListener listener = NoOpRebalanceListener.INSTANCE;
    private KafkaException pollException;
    private long maxPollRecords = Long.MAX_VALUE;
    private Duration lastPollTimeout;
    private boolean wakeup;
    private boolean shouldRebalance;
    private boolean closed;
    private Uuid clientInstanceId;
    private final MockClientMetrics mockMetrics = new MockClientMetrics();

    /** Creates a consumer that resets partitions without a position as {@code offsetResetStrategy} says. */
    public MockConsumer(OffsetResetStrategy offsetResetStrategy) {
        this.offsets = new MockConsumerOffsets(offsetResetStrategy);
    }

    /** Creates a consumer with the reset strategy named as {@code auto.offset.reset} names it. */
    public MockConsumer(String offsetResetStrategy) {
        this(OffsetResetStrategy.valueOf(offsetResetStrategy.toUpperCase(Locale.ROOT)));
    }

    @Override
    public synchronized Set<TopicPartition> assignment() {
        return Set.copyOf(assignment);
    }

    /**
     * Plays a group rebalance for a subscribed consumer: revokes the partitions it loses, then assigns the new ones,
     * calling the rebalance listener for each change as the group would.
     */
    public synchronized void rebalance(Collection<TopicPartition> newAssignment) {
        List<TopicPartition> removed = assignment.stream().filter(tp -> !newAssignment.contains(tp)).toList();
        List<TopicPartition> added = newAssignment.stream().filter(tp -> !assignment.contains(tp)).toList();
        if (!removed.isEmpty()) {
            listener.onPartitionsRevoked(removed);
        }
        setAssignment(newAssignment);
        if (!added.isEmpty()) {
            listener.onPartitionsAssigned(added);
        }
    }

    @Override
    public synchronized Set<String> subscription() {
        return subscription;
    }

    @Override
    public synchronized void subscribe(Collection<String> topics) {
        subscribe(topics, NoOpRebalanceListener.INSTANCE);
    }

    /** Subscribes; the consumer owns no partitions until {@link #rebalance} gives it some. */
    @Override
    public synchronized void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
        ensureNotClosed();
        this.subscription = Set.copyOf(topics);
        this.listener = listener;
    }

    @Override
    public synchronized void subscribe(Pattern pattern) {
        subscribe(pattern, NoOpRebalanceListener.INSTANCE);
    }

    /** Subscribes to the topics given to {@link #updatePartitions} whose whole name matches {@code pattern}. */
    @Override
    public synchronized void subscribe(Pattern pattern, ConsumerRebalanceListener listener) {
        subscribe(partitions.keySet().stream().filter(t -> pattern.matcher(t).matches()).toList(), listener);
    }

    @Override
    public synchronized void subscribe(SubscriptionPattern pattern) {
        subscribe(pattern, NoOpRebalanceListener.INSTANCE);
    }

    /** As {@link #subscribe(Pattern, ConsumerRebalanceListener)}, with the expression compiled. */
    @Override
    public synchronized void subscribe(SubscriptionPattern pattern, ConsumerRebalanceListener callback) {
        subscribe(pattern.compile(), callback);
    }

    @Override
    public synchronized void assign(Collection<TopicPartition> partitions) {
        ensureNotClosed();
        setAssignment(partitions);
    }

    private void setAssignment(Collection<TopicPartition> partitions) {
        assignment = new LinkedHashSet<>(partitions);
        offsets.retainAll(assignment);
        paused.retainAll(assignment);
    }

    @Override
    public synchronized void unsubscribe() {
        ensureNotClosed();
        setAssignment(List.of());
        subscription = Set.of();
    }

    /**
     * Runs the next scheduled poll task, then returns the records added for the assigned, unpaused partitions from
     * their positions on, at most {@link #setMaxPollRecords} of them, and moves the positions past them. Never
     * waits: {@code timeout} is only remembered ({@link #lastPollTimeout()}).
     *
     * @throws WakeupException after {@link #wakeup()}
     * @throws KafkaException the exception given to {@link #setPollException}, once
     */
    @Override
    public synchronized ConsumerRecords<K, V> poll(Duration timeout) {
        ensureNotClosed();
        lastPollTimeout = timeout;
        Runnable task = pollTasks.poll();
        if (task != null) {
            task.run();
        }
        if (wakeup) {
            wakeup = false;
            throw new WakeupException();
        }
        if (pollException != null) {
            KafkaException exception = pollException;
            pollException = null;
            throw exception;
        }
        // Every assigned partition gets its position now, as Kafka's consumer resolves them before fetching.
        for (TopicPartition tp : assignment) {
            position(tp);
        }
        Map<TopicPartition, List<ConsumerRecord<K, V>>> polled = new LinkedHashMap<>();
        Map<TopicPartition, OffsetAndMetadata> nextOffsets = new LinkedHashMap<>();
        long count = 0;
        for (TopicPartition tp : assignment) {
            List<ConsumerRecord<K, V>> added = records.get(tp);
            if (paused.contains(tp) || added == null) {
                continue;
            }
            long position = offsets.position(tp);
            for (ConsumerRecord<K, V> record : added) {
                if (count >= maxPollRecords) {
                    break;
                }
                if (record.offset() >= position) {
                    polled.computeIfAbsent(tp, p -> new ArrayList<>()).add(record);
                    position = record.offset() + 1;
                    count++;
                }
            }
            if (polled.containsKey(tp)) {
                nextOffsets.put(tp, new OffsetAndMetadata(position));
            }
            offsets.seek(tp, position);
            long consumed = position;
            added.removeIf(record -> record.offset() < consumed);
        }
        return polled.isEmpty() ? ConsumerRecords.empty() : new ConsumerRecords<>(polled, nextOffsets);
    }

    /**
     * Adds a record for a later poll to return.
     *
     * @throws IllegalStateException if its partition is not assigned
     */
    public synchronized void addRecord(ConsumerRecord<K, V> record) {
        ensureNotClosed();
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        if (!assignment.contains(tp)) {
            throw new IllegalStateException("Cannot add records for a partition that is not assigned to the consumer");
        }
        records.computeIfAbsent(tp, p -> new ArrayList<>()).add(record);
        timestamps.computeIfAbsent(tp, p -> new ArrayList<>())
            .add(new OffsetAndTimestamp(record.offset(), record.timestamp()));
    }

    public synchronized void setMaxPollRecords(long maxPollRecords) {
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("MaxPollRecords must be strictly superior to 0");
        }
        this.maxPollRecords = maxPollRecords;
    }

    /** Makes the next poll throw {@code exception}. */
    public synchronized void setPollException(KafkaException exception) {
        this.pollException = exception;
    }

    /** Makes the next offsetsForTimes, beginningOffsets or endOffsets call throw {@code exception}. */
    public synchronized void setOffsetsException(KafkaException exception) {
        offsets.setOffsetsException(exception);
    }

    /** Commits the position of every assigned partition that has one. */
    @Override
    public synchronized void commitSync() {
        commitSync(offsets.allConsumed(assignment));
    }

    @Override
    public synchronized void commitSync(Duration timeout) {
        commitSync();
    }

    @Override
    public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        ensureNotClosed();
        this.offsets.commit(offsets);
    }

    @Override
    public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        commitSync(offsets);
    }

    @Override
    public synchronized void commitAsync() {
        commitAsync(null);
    }

    @Override
    public synchronized void commitAsync(OffsetCommitCallback callback) {
        commitAsync(offsets.allConsumed(assignment), callback);
    }

    /** Commits at once; the callback runs before this returns. */
    @Override
    public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                                         OffsetCommitCallback callback) {
        commitSync(offsets);
        if (callback != null) {
            callback.onComplete(offsets, null);
        }
    }

    /** Returns the committed offsets of the assigned partitions among {@code partitions}; null where none. */
    @Override
    public synchronized Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
        ensureNotClosed();
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        for (TopicPartition tp : partitions) {
            if (assignment.contains(tp)) {
                result.put(tp, offsets.committed(tp));
            }
        }
        return result;
    }

    @Override
    public synchronized Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions,
                                                                      Duration timeout) {
        return committed(partitions);
    }

    @Override
    public synchronized void seek(TopicPartition partition, long offset) {
        ensureNotClosed();
        requireAssigned(partition);
        offsets.seek(partition, offset);
    }

    /** Returns the partition's position, resolving a pending seek or a missing position first. */
    @Override
    public synchronized long position(TopicPartition partition) {
        ensureNotClosed();
        if (!assignment.contains(partition)) {
            throw new IllegalArgumentException("You can only check the position for partitions assigned to this "
                + "consumer.");
        }
        return offsets.position(partition);
    }

    /** The end offset set with {@link #updateEndOffsets} minus the position; empty without an end offset. */
    @Override
    public synchronized OptionalLong currentLag(TopicPartition partition) {
        ensureNotClosed();
        requireAssigned(partition);
        Long end = offsets.endOffset(partition);
        return end == null ? OptionalLong.empty() : OptionalLong.of(end - position(partition));
    }

    @Override
    public synchronized void seekToBeginning(Collection<TopicPartition> partitions) {
        requestReset(partitions, OffsetResetStrategy.EARLIEST);
    }

    @Override
    public synchronized void seekToEnd(Collection<TopicPartition> partitions) {
        requestReset(partitions, OffsetResetStrategy.LATEST);
    }

    private void requestReset(Collection<TopicPartition> partitions, OffsetResetStrategy strategy) {
        ensureNotClosed();
        for (TopicPartition tp : partitions.isEmpty() ? assignment : partitions) {
            requireAssigned(tp);
            offsets.requestReset(tp, strategy);
        }
    }

    /** Sets the offsets {@link #beginningOffsets} returns and seeking to the beginning moves to. */
    public synchronized void updateBeginningOffsets(Map<TopicPartition, Long> newOffsets) {
        offsets.updateBeginningOffsets(newOffsets);
    }

    /** Sets the offsets {@link #endOffsets} returns and seeking to the end moves to. */
    public synchronized void updateEndOffsets(Map<TopicPartition, Long> newOffsets) {
        offsets.updateEndOffsets(newOffsets);
    }

    /** Sets the partitions {@link #partitionsFor} and {@link #listTopics} return for {@code topic}. */
    public synchronized void updatePartitions(String topic, List<PartitionInfo> partitions) {
        ensureNotClosed();
        this.partitions.put(topic, List.copyOf(partitions));
    }

    @Override
    public synchronized List<PartitionInfo> partitionsFor(String topic) {
        ensureNotClosed();
        return partitions.getOrDefault(topic, List.of());
    }

    @Override
    public synchronized Map<String, List<PartitionInfo>> listTopics() {
        ensureNotClosed();
        return Map.copyOf(partitions);
    }

    @Override
    public synchronized Set<TopicPartition> paused() {
        return Set.copyOf(paused);
    }

    @Override
    public synchronized void pause(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            requireAssigned(tp);
            paused.add(tp);
        }
    }

    @Override
    public synchronized void resume(Collection<TopicPartition> partitions) {
        paused.removeAll(partitions);
    }

    /**
     * Searches the records added so far (polled ones too), as the log would: per partition, the earliest offset whose
     * timestamp is at least the one searched, or {@code null} if no added record is that late.
     */
    @Override
    public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(
        Map<TopicPartition, Long> timestampsToSearch) {
        ensureNotClosed();
        offsets.throwOffsetsException();
        Map<TopicPartition, OffsetAndTimestamp> found = new HashMap<>();
        timestampsToSearch.forEach((tp, target) -> {
            if (target < 0) {
                throw new IllegalArgumentException("The target time for partition " + tp + " is " + target
                    + ". The target time cannot be negative.");
            }
            OffsetAndTimestamp earliest = null;
            for (OffsetAndTimestamp added : timestamps.getOrDefault(tp, List.of())) {
                if (added.timestamp() >= target && (earliest == null || added.offset() < earliest.offset())) {
                    earliest = added;
                }
            }
            found.put(tp, earliest);
        });
        return found;
    }

    @Override
    public synchronized Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
        return offsets.beginningOffsets(partitions);
    }

    @Override
    public synchronized Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        return offsets.endOffsets(partitions);
    }

    /** Returns fixed group metadata, as Kafka's mock does. */
    @Override
    public synchronized ConsumerGroupMetadata groupMetadata() {
        return new ConsumerGroupMetadata("dummy.group.id", 1, "1", Optional.empty());
    }

    /** Records the request; see {@link #shouldRebalance()}. The test plays the rebalance with {@link #rebalance}. */
    @Override
    public synchronized void enforceRebalance() {
        shouldRebalance = true;
    }

    @Override
    public synchronized void enforceRebalance(String reason) {
        enforceRebalance();
    }

    public synchronized boolean shouldRebalance() {
        return shouldRebalance;
    }

    public synchronized void resetShouldRebalance() {
        shouldRebalance = false;
    }

    /** Runs {@code task} at the start of a later poll, one task per poll in the order scheduled. */
    public synchronized void schedulePollTask(Runnable task) {
        pollTasks.add(task);
    }

    /** Schedules a poll that runs no task, to delay the tasks scheduled after it by one poll. */
    public synchronized void scheduleNopPollTask() {
        schedulePollTask(() -> { });
    }

    /** Returns the timeout of the last poll, or null before the first. */
    public synchronized Duration lastPollTimeout() {
        return lastPollTimeout;
    }

    /** Returns the metrics given to {@link #setMockMetrics}; none at first. */
    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return mockMetrics.metrics();
    }

    /** Sets a metric {@link #metrics()} returns, for a test. */
    public void setMockMetrics(MetricName name, Metric metric) {
        mockMetrics.set(name, metric);
    }

    /** Keeps {@code metric} for {@link #addedMetrics()}. */
    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {
        mockMetrics.register(metric);
    }

    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {
        mockMetrics.unregister(metric);
    }

    /** Returns the metrics registered for subscription and not unregistered since. */
    public List<KafkaMetric> addedMetrics() {
        return mockMetrics.added();
    }

    /** Sets the id {@link #clientInstanceId} returns. */
    public synchronized void setClientInstanceId(Uuid clientInstanceId) {
        this.clientInstanceId = clientInstanceId;
    }

    /** Returns the id given to {@link #setClientInstanceId}; throws {@code UnsupportedOperationException} before. */
    @Override
    public synchronized Uuid clientInstanceId(Duration timeout) {
        return ClientTelemetry.mockInstanceId(clientInstanceId);
    }

    /** Makes the current or next poll throw {@link WakeupException}. */
    @Override
    public synchronized void wakeup() {
        wakeup = true;
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }

    @Override
    public synchronized void close(Duration timeout) {
        closed = true;
    }

    @Override
    public synchronized void close(CloseOptions options) {
        closed = true;
    }

    public synchronized boolean closed() {
        return closed;
    }

    private void requireAssigned(TopicPartition tp) {
        if (!assignment.contains(tp)) {
            throw new IllegalStateException("No current assignment for partition " + tp);
        }
    }

    private void ensureNotClosed() {
        if (closed) {
            throw new IllegalStateException("This consumer has already been closed.");
        }
    }
}
