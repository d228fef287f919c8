package dev.runnel.streams.internal.runtime;

import dev.runnel.clients.consumer.CommitFailedException;
import dev.runnel.clients.consumer.ConsumerRebalanceListener;
import dev.runnel.clients.consumer.ConsumerRecords;
import dev.runnel.clients.consumer.CloseOptions;
import dev.runnel.clients.consumer.Consumer;
import dev.runnel.clients.consumer.InvalidOffsetException;
import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.KafkaException;
import dev.runnel.common.errors.RebalanceInProgressException;
import dev.runnel.common.errors.UnknownTopicOrPartitionException;
import dev.runnel.common.errors.WakeupException;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.KafkaClientSupplier;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.ThreadMetadata;
import dev.runnel.streams.errors.MissingSourceTopicException;
import dev.runnel.streams.errors.TaskMigratedException;
import dev.runnel.streams.internal.assignment.AssignmentInfo;
import dev.runnel.streams.internal.assignment.StreamsPartitionAssignor;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.internal.metrics.StreamsMetricsRegistry;
import dev.runnel.streams.processor.StandbyUpdateListener;
import dev.runnel.streams.processor.StateRestoreListener;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.assignment.ProcessId;
import dev.runnel.streams.query.Position;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One processing thread: a group consumer subscribed to the topology's source topics, a producer, and the tasks of
 * the partitions the group gives it. Each loop polls (without waiting while records are buffered), processes every
 * buffered record, fires punctuations and commits every {@code commit.interval.ms}, after which it purges the
 * committed records of repartition topics every {@code repartition.purge.interval.ms} ({@link RepartitionPurger});
 * while paused it only polls (fetching nothing) and commits. A rebalance commits and closes the revoked tasks and
 * creates, restores and starts the assigned ones. An exception escaping the loop ends the thread (its tasks closed
 * dirty) and is reported to the owner, which applies the uncaught exception handler.
 *
 * <p>Thread-safe where stated: {@link #shutdown()}, {@link #pauseProcessing()}, {@link #resumeProcessing()},
 * {@link #state()}, the store lookups and {@link #threadMetadata(String)} may be called from any thread;
 * everything else runs on this thread.
 */
public final class StreamThread extends Thread {
    private static final Logger LOG = LoggerFactory.getLogger(StreamThread.class);

    /** The thread's life cycle, as Kafka's {@code StreamThread.State}. */
    public enum State {
        CREATED, STARTING, PARTITIONS_REVOKED, PARTITIONS_ASSIGNED, RUNNING, PENDING_SHUTDOWN, DEAD
    }

    /** Receives the thread's state changes and its end (on the thread itself). */
    public interface Listener {
        void onStateChange(StreamThread thread, State newState, State oldState);

        /** Called last on the thread; {@code failure} is {@code null} after a requested shutdown. */
        void onDead(StreamThread thread, Throwable failure);
    }

    private final String threadId;
    private final ActivitySummary summary;
    private final int index;
    private final TopologyMetadata metadata;
    private final StreamsConfig config;
    private final Time time;
    private final Listener listener;
    private final Consumer<byte[], byte[]> consumer;
    private final StreamsProducer producer;
    /** Orders the thread's start against {@link #closeIfNeverStarted()}, which may come first. */
    private final Object startLock = new Object();
    private final StateRestorer restorer;
    private final TaskManager taskManager;
    private final StreamsPartitionAssignor assignor;
    private final StreamsMetricsRegistry metrics;
    private final long commitIntervalMs;
    private final Duration pollTime;
    private final OffsetResetter offsetResetter;
    private final RepartitionPurger purger;
    private volatile State state = State.CREATED;
    private volatile boolean shutdownRequested;
    private volatile boolean leaveGroupOnClose;
    /** Set by the client (KIP-834): read once per loop, so a pause takes effect from the next loop on. */
    private volatile boolean paused;
    /** Whether the consumer's assigned partitions are paused; this thread's view of {@link #paused}. */
    private boolean fetchingPaused;
    private long lastCommitMs;
    /** Whether the last commit waited for the rebalance in progress; the loop after the next poll commits then. */
    private boolean commitDeferred;
    /** When to ask for the rebalance the task assignor asked for, or {@link AssignmentInfo#NO_FOLLOWUP}. */
    private long followupRebalanceMs = AssignmentInfo.NO_FOLLOWUP;
    // Metric counters: written by this thread only.
    private long processTotal;
    private long processNanos;
    private long commitTotal;
    private long commitNanos;
    private long commitMaxNanos;
    private long pollTotal;
    private long pollNanos;
    private long pollMaxNanos;
    /** The largest per-record time of a processing round (rounds are timed, not single records). */
    private long processMaxNanos;
    private long punctuateTotal;
    private long punctuateNanos;
    private long punctuateMaxNanos;
    /** Polls that returned records, and those records: {@code poll-records-avg/max}. */
    private long nonEmptyPolls;
    private long polledRecords;
    private long pollRecordsMax;
    /** Processing rounds that processed records: {@code process-records-avg/max}. */
    private long processRounds;
    private long processRecordsMax;
    /** The share of the last loop's time spent in each phase: {@code poll-ratio}, {@code process-ratio}, .... */
    private double pollRatio;
    private double processRatio;
    private double punctuateRatio;
    private double commitRatio;

    /**
     * Creates the thread and its clients, in state CREATED, as Kafka Streams creates its threads with the client; a
     * transactional producer fences its predecessor only once {@link #start()} runs the thread. {@code globalStores}
     * looks up the instance's global stores by name; {@code processId} identifies the owning client in the group, so
     * standby tasks go to other clients.
     *
     * @throws dev.runnel.common.config.ConfigException if {@code task.assignor.class} cannot be created
     */
    public StreamThread(String clientId, ProcessId processId, int index, TopologyMetadata metadata,
        InternalTopologyBuilder builder, StreamsConfig config, Time time, StreamsMetricsRegistry metrics,
        Function<String, StateStore> globalStores, Listener listener, KafkaClientSupplier clientSupplier) {
        super(clientId + "-StreamThread-" + index);
        this.threadId = getName();
        this.index = index;
        this.metadata = metadata;
        this.config = config;
        this.time = time;
        this.listener = listener;
        this.metrics = metrics;
        this.commitIntervalMs = config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        this.summary = new ActivitySummary(config.getLong(StreamsConfig.LOG_SUMMARY_INTERVAL_MS_CONFIG),
            time.milliseconds(), message -> LOG.info("Stream thread {}: {}", threadId, message));
        this.pollTime = Duration.ofMillis(config.getLong(StreamsConfig.POLL_MS_CONFIG));
        ClientConfigs clients = new ClientConfigs(config, threadId);
        this.offsetResetter = new OffsetResetter(builder, clients.autoOffsetReset(), time);
        this.assignor = new StreamsPartitionAssignor(metadata, config, processId,
            StreamsPartitionAssignor.taskAssignor(config), this::storeChangelogPositions,
            new InternalTopicManager(config, clientSupplier, InternalTopicManager.adminClientId(clientId))::endOffsets);
        StreamsProducer createdProducer = null;
        StateRestorer createdRestorer = null;
        try {
            createdProducer = new StreamsProducer(() -> clientSupplier.getProducer(clients.producer()),
                clients.exactlyOnce());
            createdRestorer = new StateRestorer(clientSupplier.getRestoreConsumer(clients.restoreConsumer()));
            this.consumer = clientSupplier.getConsumer(clients.mainConsumer(assignor, index));
        } catch (RuntimeException e) {
            if (createdProducer != null) {
                createdProducer.close();
            }
            if (createdRestorer != null) {
                createdRestorer.close();
            }
            throw e;
        }
        this.producer = createdProducer;
        this.restorer = createdRestorer;
        this.taskManager = new TaskManager(threadId, metadata, builder, config, time, producer, restorer, metrics,
            globalStores, consumer::committed);
        this.purger = new RepartitionPurger(threadId,
            () -> clientSupplier.getAdmin(config.getAdminConfigs(InternalTopicManager.adminClientId(clientId))),
            topic -> metadata.repartitionTopics().containsKey(topic), time,
            config.getLong(StreamsConfig.REPARTITION_PURGE_INTERVAL_MS_CONFIG));
        registerMetrics(processId.toString(), time.milliseconds());
    }

    private void registerMetrics(String processId, long startTimeMs) {
        Map<String, String> tags = Map.of("thread-id", threadId);
        String group = "stream-thread-metrics";
        // KIP-1091: the state as a number (its ordinal) for telemetry, and as its name.
        Map<String, String> processTags = Map.of("thread-id", threadId, "process-id", processId);
        metrics.addGauge(group, "thread-state", "The thread's state, as the ordinal of StreamThread.State",
            processTags, () -> state().ordinal());
        metrics.addGauge(group, "state", "The thread's state", tags, () -> state().name());
        metrics.addTotal(group, "process-total", "Records processed by the thread", tags, () -> processTotal);
        metrics.addRate(group, "process-rate", "Records processed per second by the thread", tags,
            () -> processTotal);
        metrics.addAverage(group, "process-latency-avg", "Average time to process a record, in ms", tags,
            () -> processNanos / 1_000_000L, () -> processTotal);
        metrics.addTotal(group, "commit-total", "Commits of the thread", tags, () -> commitTotal);
        metrics.addRate(group, "commit-rate", "Commits per second of the thread", tags, () -> commitTotal);
        metrics.addAverage(group, "commit-latency-avg", "Average commit time, in ms", tags,
            () -> commitNanos / 1_000_000L, () -> commitTotal);
        metrics.addGauge(group, "commit-latency-max", "Longest commit, in ms", tags,
            () -> commitMaxNanos / 1_000_000.0);
        metrics.addGauge(group, "process-latency-max", "Longest time to process a record, in ms", tags,
            () -> processMaxNanos / 1_000_000.0);
        metrics.addTotal(group, "poll-total", "Polls of the thread", tags, () -> pollTotal);
        metrics.addRate(group, "poll-rate", "Polls per second of the thread", tags, () -> pollTotal);
        metrics.addAverage(group, "poll-latency-avg", "Average time of a poll, in ms", tags,
            () -> pollNanos / 1_000_000L, () -> pollTotal);
        metrics.addGauge(group, "poll-latency-max", "Longest poll, in ms", tags, () -> pollMaxNanos / 1_000_000.0);
        metrics.addTotal(group, "punctuate-total", "Punctuations of the thread", tags, () -> punctuateTotal);
        metrics.addRate(group, "punctuate-rate", "Punctuations per second of the thread", tags,
            () -> punctuateTotal);
        metrics.addAverage(group, "punctuate-latency-avg", "Average time of a punctuation, in ms", tags,
            () -> punctuateNanos / 1_000_000L, () -> punctuateTotal);
        metrics.addGauge(group, "punctuate-latency-max", "Longest punctuation, in ms", tags,
            () -> punctuateMaxNanos / 1_000_000.0);
        registerLoopMetrics(group, tags, startTimeMs);
    }

    /** Adds the metrics of the thread's loop as a whole, Kafka's {@code stream-thread-metrics} at level info. */
    private void registerLoopMetrics(String group, Map<String, String> tags, long startTimeMs) {
        metrics.addGauge(group, "thread-start-time", "When the thread was created, in ms since the epoch", tags,
            () -> startTimeMs);
        metrics.addGauge(group, "blocked-time-ns-total", "Time the thread spent waiting on the log, in ns: in polls, "
            + "producer flushes and transaction calls", tags, () -> (double) (pollNanos + producer.blockedNanos()));
        metrics.addTotal(group, "task-created-total", "Active tasks the thread created", tags,
            taskManager::createdTasks);
        metrics.addRate(group, "task-created-rate", "Active tasks the thread created per second", tags,
            taskManager::createdTasks);
        metrics.addTotal(group, "task-closed-total", "Active tasks the thread closed", tags, taskManager::closedTasks);
        metrics.addRate(group, "task-closed-rate", "Active tasks the thread closed per second", tags,
            taskManager::closedTasks);
        metrics.addAverage(group, "poll-records-avg", "Average number of records a poll that returned any returned",
            tags, () -> polledRecords, () -> nonEmptyPolls);
        metrics.addGauge(group, "poll-records-max", "Most records one poll returned", tags,
            () -> (double) pollRecordsMax);
        metrics.addAverage(group, "process-records-avg", "Average number of records a loop that processed any"
            + " processed", tags, () -> processTotal, () -> processRounds);
        metrics.addGauge(group, "process-records-max", "Most records one loop processed", tags,
            () -> (double) processRecordsMax);
        metrics.addGauge(group, "poll-ratio", "Share of the last loop's time spent polling", tags, () -> pollRatio);
        metrics.addGauge(group, "process-ratio", "Share of the last loop's time spent processing", tags,
            () -> processRatio);
        metrics.addGauge(group, "punctuate-ratio", "Share of the last loop's time spent punctuating", tags,
            () -> punctuateRatio);
        metrics.addGauge(group, "commit-ratio", "Share of the last loop's time spent committing", tags,
            () -> commitRatio);
    }

    /** Sets where the thread reports restore progress and standby updates; before {@link #start()}. */
    public void setListeners(StateRestoreListener restoreListener, StandbyUpdateListener standbyListener) {
        restorer.setListeners(restoreListener, standbyListener);
    }

    /**
     * Closes the clients of a thread that was never started and drops its metrics, as the client's close does for the
     * threads it created; a no-op once the thread has started, which closes them itself.
     *
     * @return whether the thread had never started (and is now closed)
     */
    public boolean closeIfNeverStarted() {
        synchronized (startLock) {
            if (state != State.CREATED) {
                return false;
            }
            state = State.DEAD;
        }
        completeShutdown(false);
        metrics.removeAll(Map.of("thread-id", threadId));
        return true;
    }

    /** Returns the thread's id, {@code <client.id>-StreamThread-<n>}. */
    public String threadId() {
        return threadId;
    }

    /** Gives the thread's record cache {@code bytes}, its share of the client's; any thread. */
    public void resizeCache(long bytes) {
        taskManager.resizeCache(bytes);
    }

    /** Returns the thread's 1-based index in its client. */
    public int index() {
        return index;
    }

    /** Returns the state; any thread. */
    public State state() {
        return state;
    }

    private void setState(State newState) {
        State old = state;
        // Once stopping, a thread only dies: closing its consumer must not make it look rebalancing again.
        boolean stopping = old == State.PENDING_SHUTDOWN && newState != State.DEAD || old == State.DEAD;
        if (old == newState || stopping) {
            return;
        }
        state = newState;
        listener.onStateChange(this, newState, old);
    }

    /** Asks the thread to commit, close its tasks and leave the group; returns at once. Any thread. */
    public void shutdown() {
        shutdown(false);
    }

    /** Returns whether the thread was asked to shut down, rather than stopping on a failure. */
    boolean shutdownRequested() {
        return shutdownRequested;
    }

    /**
     * Like {@link #shutdown()}; with {@code leaveGroup} the consumer leaves the group even as a static member
     * ({@code KafkaStreams.CloseOptions#leaveGroup}).
     */
    public void shutdown(boolean leaveGroup) {
        this.leaveGroupOnClose = leaveGroup;
        shutdownRequested = true;
        consumer.wakeup();
    }

    /**
     * Stops processing and punctuating from the next loop on; the thread keeps its tasks, stays in the group and
     * commits. Any thread.
     */
    public void pauseProcessing() {
        paused = true;
    }

    /** Processes again from where {@link #pauseProcessing()} stopped. Any thread. */
    public void resumeProcessing() {
        paused = false;
    }

    @Override
    public void run() {
        Throwable failure = null;
        synchronized (startLock) {
            if (state != State.CREATED) {
                // Closed before it ran: its clients are closed already.
                return;
            }
            setState(State.STARTING);
        }
        try {
            producer.initTransactions();
            Optional<Pattern> pattern = metadata.subscriptionPattern();
            if (pattern.isPresent()) {
                // By pattern, the consumer rejoins when a matching topic is created: new topics get tasks.
                consumer.subscribe(pattern.get(), new RebalanceListener());
            } else {
                consumer.subscribe(List.copyOf(metadata.sourceTopics()), new RebalanceListener());
            }
            lastCommitMs = time.milliseconds();
            while (!shutdownRequested) {
                try {
                    runOnce();
                } catch (TaskMigratedException e) {
                    rejoinAfterMigration(e);
                }
            }
        } catch (WakeupException e) {
            if (!shutdownRequested) {
                failure = e;
            }
        } catch (UnknownTopicOrPartitionException e) {
            failure = missingSourceTopicsOr(e);
        } catch (Throwable e) {
            failure = e;
        }
        boolean clean = failure == null;
        failure = setStateWhileStopping(State.PENDING_SHUTDOWN, failure);
        completeShutdown(clean);
        failure = setStateWhileStopping(State.DEAD, failure);
        metrics.removeAll(Map.of("thread-id", threadId));
        listener.onDead(this, failure);
    }

    /**
     * Returns a {@link MissingSourceTopicException} naming the source topics deleted while the thread ran (its commits,
     * positions and fetches then fail on their partitions), as Kafka Streams reports them; {@code failure} if none was.
     */
    private RuntimeException missingSourceTopicsOr(UnknownTopicOrPartitionException failure) {
        Set<String> deleted = new TreeSet<>(metadata.sourceTopics());
        deleted.removeAll(metadata.internalTopics());
        deleted.removeAll(consumer.listTopics().keySet());
        if (deleted.isEmpty()) {
            return failure;
        }
        MissingSourceTopicException missing = new MissingSourceTopicException("Source topics " + deleted
            + " were deleted while the application was running; recreate them and restart the application");
        missing.initCause(failure);
        return missing;
    }

    /**
     * Moves the stopping thread to {@code newState}. A state listener that throws here (the user's, called through the
     * client's state) must neither cut the shutdown short nor hide the thread's failure from the uncaught exception
     * handler: its exception is added to {@code failure}, or only logged on a requested shutdown.
     *
     * @return the thread's failure, {@code null} if it stops on request
     */
    private Throwable setStateWhileStopping(State newState, Throwable failure) {
        try {
            setState(newState);
        } catch (RuntimeException e) {
            if (failure == null) {
                LOG.warn("Stream thread {}: a state listener failed on the transition to {}", threadId, newState, e);
            } else {
                failure.addSuppressed(e);
            }
        }
        return failure;
    }

    private void runOnce() {
        long loopStart = System.nanoTime();
        long pollBefore = pollNanos;
        long processBefore = processNanos;
        long punctuateBefore = punctuateNanos;
        long commitBefore = commitNanos;
        boolean processingPaused = paused;
        if (processingPaused != fetchingPaused) {
            setFetchingPaused(processingPaused);
        }
        // A paused thread keeps polling, to stay in the group (its partitions are paused, so nothing is fetched),
        // and committing what it processed before; it only stops processing and punctuating.
        poll(processingPaused || !taskManager.hasBufferedRecords() ? pollTime : Duration.ZERO);
        if (!processingPaused) {
            process();
            punctuate();
        }
        taskManager.updateStandbys();
        long now = time.milliseconds();
        maybeRequestFollowupRebalance(now);
        if (commitDeferred || now - lastCommitMs >= commitIntervalMs || taskManager.commitRequested()) {
            commitDeferred = !commit();
            lastCommitMs = now;
        }
        purger.maybePurge(taskManager::committedOffsets);
        summary.maybeLog(now, processTotal, punctuateTotal, commitTotal);
        double loopNanos = Math.max(1L, System.nanoTime() - loopStart);
        pollRatio = (pollNanos - pollBefore) / loopNanos;
        processRatio = (processNanos - processBefore) / loopNanos;
        punctuateRatio = (punctuateNanos - punctuateBefore) / loopNanos;
        commitRatio = (commitNanos - commitBefore) / loopNanos;
    }

    /** Asks the group for the rebalance the task assignor asked for, once its time has come. */
    private void maybeRequestFollowupRebalance(long now) {
        if (followupRebalanceMs != AssignmentInfo.NO_FOLLOWUP && now >= followupRebalanceMs) {
            followupRebalanceMs = AssignmentInfo.NO_FOLLOWUP;
            LOG.info("Stream thread {} asks for the follow-up rebalance the task assignor asked for", threadId);
            consumer.enforceRebalance("follow-up rebalance requested by the task assignor");
        }
    }

    private void setFetchingPaused(boolean pausedNow) {
        if (pausedNow) {
            consumer.pause(consumer.assignment());
        } else {
            consumer.resume(consumer.assignment());
        }
        fetchingPaused = pausedNow;
    }

    private void poll(Duration timeout) {
        long pollStart = System.nanoTime();
        ConsumerRecords<byte[], byte[]> records = pollPositioned(timeout);
        long pollElapsed = System.nanoTime() - pollStart;
        pollTotal++;
        pollNanos += pollElapsed;
        pollMaxNanos = Math.max(pollMaxNanos, pollElapsed);
        if (!records.isEmpty()) {
            int count = records.count();
            nonEmptyPolls++;
            polledRecords += count;
            pollRecordsMax = Math.max(pollRecordsMax, count);
            taskManager.addRecords(records);
        }
        taskManager.updateFetchedLags(this::fetchedLag);
    }

    /** Returns how many records of {@code partition} the consumer has not fetched, or empty if it cannot tell. */
    private OptionalLong fetchedLag(TopicPartition partition) {
        try {
            return consumer.currentLag(partition);
        } catch (RuntimeException e) {
            // A partition of a deleted topic: the commit or fetch that meets it fails the thread.
            return OptionalLong.empty();
        }
    }

    private void process() {
        long start = System.nanoTime();
        int processed = taskManager.process(time.milliseconds());
        if (processed > 0) {
            long elapsed = System.nanoTime() - start;
            processNanos += elapsed;
            processTotal += processed;
            processMaxNanos = Math.max(processMaxNanos, elapsed / processed);
            processRounds++;
            processRecordsMax = Math.max(processRecordsMax, processed);
        }
    }

    private void punctuate() {
        long punctuateStart = System.nanoTime();
        if (taskManager.punctuate()) {
            long elapsed = System.nanoTime() - punctuateStart;
            punctuateTotal++;
            punctuateNanos += elapsed;
            punctuateMaxNanos = Math.max(punctuateMaxNanos, elapsed);
        }
    }

    /** Commits the tasks; returns false if the commit has to wait for the next poll. */
    private boolean commit() {
        long start = System.nanoTime();
        boolean committed;
        try {
            committed = taskManager.commit(consumer);
            taskManager.commitStandbys();
        } catch (CommitFailedException e) {
            // This member lost its tasks to another (a rebalance it missed): drop them; the group reassigns.
            rejoinAfterMigration(e);
            return true;
        } catch (RebalanceInProgressException e) {
            // The group completed a rebalance this member joined; its assignment waits for the next poll. Kafka
            // Streams does not commit while a rebalance is in progress: the tasks, still this thread's, commit after
            // that poll (or when the poll revokes them).
            LOG.debug("Stream thread {} commits after the rebalance in progress: {}", threadId, e.getMessage());
            return false;
        }
        if (committed) {
            long elapsed = System.nanoTime() - start;
            commitTotal++;
            commitNanos += elapsed;
            commitMaxNanos = Math.max(commitMaxNanos, elapsed);
        }
        return true;
    }

    /**
     * The thread's tasks are no longer its own: the group moved them on (a commit refused), or the log fenced its
     * producer (a transaction open past {@code transaction.timeout.ms}). Their uncommitted work is dropped, a fenced
     * producer replaced, and the thread rejoins; the tasks it gets back start again from their committed offsets.
     */
    private void rejoinAfterMigration(KafkaException cause) {
        LOG.warn("Stream thread {}: its tasks migrated ({}); closing them dirty and rejoining", threadId,
            cause.toString());
        taskManager.closeAllDirty();
        offsetResetter.rewindToCommitted(consumer, consumer.assignment());
        if (StreamsProducer.isFenced(cause.getCause())) {
            producer.replaceFencedProducer();
        }
        consumer.enforceRebalance("tasks migrated");
    }

    private void completeShutdown(boolean clean) {
        try {
            if (clean) {
                taskManager.closeAllClean(consumer);
            } else {
                taskManager.closeAllDirty();
            }
        } catch (RuntimeException e) {
            LOG.warn("Stream thread {} failed to close its tasks clean; closing them dirty: {}", threadId,
                e.toString());
            taskManager.closeAllDirty();
        }
        closeQuietly("consumer", () -> consumer.close(CloseOptions.groupMembershipOperation(leaveGroupOnClose
            ? CloseOptions.GroupMembershipOperation.LEAVE_GROUP : CloseOptions.GroupMembershipOperation.DEFAULT)));
        closeQuietly("producer", producer);
        closeQuietly("restore consumer", restorer);
        closeQuietly("admin client", purger);
    }

    private void closeQuietly(String what, AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("Stream thread {} failed to close its {}: {}", threadId, what,
                e.toString());
        }
    }

    /** Returns the store named {@code name} of each of this thread's tasks; any thread. */
    public List<StateStore> stores(String name) {
        return taskManager.stores(name);
    }

    /**
     * Returns the store named {@code name} of each of this thread's tasks, by partition (a store belongs to one
     * sub-topology, so to one task per partition); any thread.
     */
    public Map<Integer, StateStore> storesByPartition(String name) {
        return taskManager.storesByPartition(name);
    }

    /** Returns the position of each of this thread's tasks with a store named {@code name}, by partition. */
    public Map<Integer, Position> positionsByPartition(String name) {
        return taskManager.positionsByPartition(name);
    }

    /** Returns the store named {@code name} of each of this thread's standby tasks, by partition; any thread. */
    public Map<Integer, StateStore> standbyStoresByPartition(String name) {
        return taskManager.standbyStoresByPartition(name);
    }

    /** Returns where each logged store of this thread's tasks stands on its changelog; any thread. */
    public List<StoreChangelogPosition> storeChangelogPositions() {
        return taskManager.storeChangelogPositions();
    }

    /** Returns the ids of this thread's running tasks; any thread. */
    public Set<TaskId> activeTaskIds() {
        return taskManager.taskIds();
    }

    /** Returns the ids of this thread's standby tasks; any thread. */
    public Set<TaskId> standbyTaskIds() {
        return taskManager.standbyTaskIds();
    }

    /**
     * Returns the metrics of the thread's clients (main and restore consumer, producer, and the admin client once
     * opened), which Kafka Streams reports with its own. Any thread.
     */
    public Map<MetricName, Metric> clientMetrics() {
        Map<MetricName, Metric> all = new LinkedHashMap<>(consumer.metrics());
        all.putAll(restorer.consumerMetrics());
        all.putAll(producer.metrics());
        all.putAll(purger.adminMetrics());
        return all;
    }

    /**
     * Returns a snapshot of the thread: its current state and its tasks as of its last rebalance or commit. Any
     * thread; {@code adminClientId} is the owning client's.
     */
    public ThreadMetadata threadMetadata(String adminClientId) {
        return new ThreadMetadataImpl(threadId, state.name(), ClientConfigs.consumerClientId(threadId),
            ClientConfigs.restoreConsumerClientId(threadId), Set.of(ClientConfigs.producerClientId(threadId)),
            adminClientId, taskManager.taskMetadata(), taskManager.standbyTaskMetadata());
    }

    /**
     * Commits and closes revoked tasks, creates assigned ones. Runs inside {@code poll}, on this thread. The group
     * rebalances cooperatively (see StreamsPartitionAssignor): only the tasks that move are revoked, and the rest keep
     * running through the rebalance.
     */
    /** Polls, first positioning the partitions that have no valid committed offset. */
    private ConsumerRecords<byte[], byte[]> pollPositioned(Duration timeout) {
        while (true) {
            try {
                return consumer.poll(timeout);
            } catch (InvalidOffsetException e) {
                offsetResetter.reset(consumer, e.partitions());
            }
        }
    }

    private final class RebalanceListener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            setState(State.PARTITIONS_REVOKED);
            taskManager.closeRevokedClean(consumer, partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            setState(State.PARTITIONS_ASSIGNED);
            AssignmentInfo assignment = assignor.assignment();
            taskManager.handleAssignment(consumer.assignment(), assignment.standbyTasks());
            followupRebalanceMs = assignment.followupRebalanceMs();
            if (fetchingPaused) {
                // Newly assigned partitions start unpaused in the consumer.
                consumer.pause(consumer.assignment());
            }
            lastCommitMs = time.milliseconds();
            setState(State.RUNNING);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            setState(State.PARTITIONS_REVOKED);
            taskManager.closeAllDirty();
        }
    }
}
