package dev.runnel.streams.internal.runtime;

import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.errors.TimeoutException;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.KafkaClientSupplier;
import dev.runnel.streams.KafkaStreams.State;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.ThreadMetadata;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.internal.metrics.StreamsMetricsRegistry;
import dev.runnel.streams.processor.StandbyUpdateListener;
import dev.runnel.streams.processor.StateRestoreListener;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.assignment.ProcessId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads of one client: its stream threads, which it creates, starts, adds, removes, replaces, pauses and stops,
 * sharing the record cache among them and folding their states into the client's, and its global thread, if any.
 * Thread-safe: changes to the set of threads hold this object's monitor (the client's start holds it too, so that no
 * thread is added before the first ones), and the list of threads is copy-on-write for readers.
 */
public final class StreamThreads {
    private static final Logger LOG = LoggerFactory.getLogger(StreamThreads.class);

    private final String clientId;
    /** Tells this client apart from the application's others in the group, as Kafka Streams' process id. */
    private final ProcessId processId = ProcessId.randomProcessId();
    private final AtomicLong failedCount = new AtomicLong();
    private final InternalTopologyBuilder builder;
    private final StreamsConfig config;
    private final Time time;
    private final StreamsMetricsRegistry metrics;
    private final KafkaClientSupplier clientSupplier;
    private final ClientStateMachine state;
    private final ThreadFailureHandler failures;
    private final List<StreamThread> threads = new CopyOnWriteArrayList<>();
    private TopologyMetadata metadata;
    private volatile GlobalStreamThread globalThread;
    /** Whether processing is paused (KIP-834); written under this object's lock, with the threads' own flags. */
    private volatile boolean paused;
    private StateRestoreListener restoreListener = NoOpStateRestoreListener.INSTANCE;
    private StandbyUpdateListener standbyListener = NoOpStandbyUpdateListener.INSTANCE;

    /**
     * Creates the (still empty) threads of client {@code clientId}, whose state changes go to {@code state} and whose
     * failures go to {@code failures}.
     */
    public StreamThreads(String clientId, InternalTopologyBuilder builder, StreamsConfig config, Time time,
        StreamsMetricsRegistry metrics, KafkaClientSupplier clientSupplier, ClientStateMachine state,
        ThreadFailureHandler failures) {
        this.clientId = clientId;
        this.builder = builder;
        this.config = config;
        this.time = time;
        this.metrics = metrics;
        this.clientSupplier = clientSupplier;
        this.state = state;
        this.failures = failures;
    }

    /** Sets the listener of state restoration for the threads started later; {@code null} for none. */
    public void setRestoreListener(StateRestoreListener listener) {
        this.restoreListener = listener == null ? NoOpStateRestoreListener.INSTANCE : listener;
    }

    /** Sets the listener of standby updates for the threads started later; {@code null} for none. */
    public void setStandbyListener(StandbyUpdateListener listener) {
        this.standbyListener = listener == null ? NoOpStandbyUpdateListener.INSTANCE : listener;
    }

    /** Returns the interactive queries' lookup of the stores these threads host. */
    public LocalStores localStores() {
        return new LocalStores(threads, () -> this.globalThread);
    }

    /**
     * Starts the global thread, if the topology has global stores, and returns once it has restored them, as
     * Kafka Streams' start() does.
     *
     * @throws StreamsException if the global stores cannot be initialized
     */
    public void startGlobalThread(TopologyMetadata topology) {
        if (topology.hasGlobalStores()) {
            globalThread = new GlobalStreamThread(clientId, builder, topology, config, time, restoreListener, metrics,
                failure -> failures.handle(clientId + "-GlobalStreamThread", failure, null), clientSupplier);
            globalThread.startAndAwaitInitialized();
        }
    }

    /**
     * Creates the configured {@code num.stream.threads} stream threads, in state CREATED, as Kafka Streams does when
     * the client is created; if one cannot be created, those made before it are closed.
     */
    public synchronized void createStreamThreads(TopologyMetadata topology) {
        this.metadata = topology;
        int count = config.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG);
        try {
            for (int i = 1; i <= count; i++) {
                threads.add(newThread(i));
            }
        } catch (RuntimeException e) {
            threads.forEach(StreamThread::closeIfNeverStarted);
            threads.clear();
            throw e;
        }
    }

    /** Starts the stream threads made by {@link #createStreamThreads}, with the listeners set since. */
    public synchronized void startStreamThreads() {
        for (StreamThread thread : threads) {
            thread.setListeners(restoreListener, standbyListener);
            thread.start();
        }
    }

    private StreamThread newThread(int index) {
        StreamThread thread = new StreamThread(clientId, processId, index, metadata, builder, config, time, metrics,
            this::globalStore, new ThreadListener(), clientSupplier);
        thread.setListeners(restoreListener, standbyListener);
        if (paused) {
            thread.pauseProcessing();
        }
        return thread;
    }

    /** Returns the global store named {@code name}, or null if there is none (or the global thread has not started). */
    private StateStore globalStore(String name) {
        GlobalStreamThread global = globalThread;
        return global == null ? null : global.store(name);
    }

    /** Pauses the stream threads' processing, those added later included. */
    public void pause() {
        synchronized (this) {
            paused = true;
            threads.forEach(StreamThread::pauseProcessing);
        }
        LOG.info("stream-client [{}] Paused processing", clientId);
    }

    /** Resumes the stream threads' processing. */
    public void resume() {
        synchronized (this) {
            paused = false;
            threads.forEach(StreamThread::resumeProcessing);
        }
        LOG.info("stream-client [{}] Resumed processing", clientId);
    }

    /** Returns whether processing is paused. */
    public boolean isPaused() {
        return paused;
    }

    /** Adds and starts a stream thread while the client runs; returns its name, or empty in another state. */
    public synchronized Optional<String> add() {
        if (!state.state().isRunningOrRebalancing()) {
            LOG.warn("stream-client [{}] Cannot add a stream thread in state {}", clientId, state.state());
            return Optional.empty();
        }
        StreamThread added = newThread(freeThreadIndex());
        threads.add(added);
        shareCache();
        added.start();
        return Optional.of(added.threadId());
    }

    /**
     * Shuts the first live stream thread down, the one Kafka Streams picks, and waits up to {@code timeout} for it;
     * returns its name, or empty if no thread is alive or the client does not run.
     *
     * @throws TimeoutException if the thread does not stop in time
     */
    public Optional<String> remove(Duration timeout) {
        StreamThread removed;
        synchronized (this) {
            if (!state.state().isRunningOrRebalancing()) {
                LOG.warn("stream-client [{}] Cannot remove a stream thread in state {}", clientId, state.state());
                return Optional.empty();
            }
            // Not one already stopping on a failure: its handler may replace it, which would undo the removal.
            removed = threads.stream().filter(thread -> thread.isAlive() && thread != Thread.currentThread()
                && thread.state() != StreamThread.State.PENDING_SHUTDOWN && thread.state() != StreamThread.State.DEAD)
                .findFirst().orElse(null);
            if (removed == null) {
                return Optional.empty();
            }
            removed.shutdown();
        }
        try {
            removed.join(Math.max(1, Math.min(timeout.toMillis(), Long.MAX_VALUE / 2)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (removed.isAlive()) {
            throw new TimeoutException("Thread " + removed.threadId() + " did not stop in the allotted time");
        }
        synchronized (this) {
            threads.remove(removed);
            shareCache();
        }
        return Optional.of(removed.threadId());
    }

    /** Replaces a failed stream thread by a new one with its index, while the client runs. */
    public synchronized void replace(StreamThread failed) {
        if (!state.state().isRunningOrRebalancing()) {
            return;
        }
        StreamThread replacement = newThread(failed.index());
        threads.set(threads.indexOf(failed), replacement);
        state.setState(State.REBALANCING);
        replacement.start();
    }

    /** The lowest index no thread of this client uses, as Kafka Streams reuses thread names. */
    private int freeThreadIndex() {
        int index = 1;
        while (true) {
            int candidate = index;
            if (threads.stream().noneMatch(thread -> thread.index() == candidate)) {
                return candidate;
            }
            index++;
        }
    }

    /** Divides {@code statestore.cache.max.bytes} evenly among the threads. */
    private void shareCache() {
        if (!threads.isEmpty()) {
            long share = config.getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG) / threads.size();
            threads.forEach(thread -> thread.resizeCache(share));
        }
    }

    /**
     * Stops every thread, the global one last, waiting for them until {@code deadlineMs} ({@code Long.MAX_VALUE}:
     * as long as they take); a thread does not wait for itself.
     *
     * @param leaveGroup whether the stream threads' consumers leave the group even as static members
     * @return whether every thread stopped in time
     */
    public boolean stop(long deadlineMs, boolean leaveGroup) {
        for (StreamThread thread : threads) {
            // A thread never started has nothing to stop, and its consumer, closed now, no poll to wake.
            if (!thread.closeIfNeverStarted()) {
                thread.shutdown(leaveGroup);
            }
        }
        boolean stopped = true;
        for (StreamThread thread : threads) {
            if (thread == Thread.currentThread()) {
                continue;
            }
            try {
                long wait = deadlineMs == Long.MAX_VALUE ? 0 : deadlineMs - time.milliseconds();
                if (wait < 0) {
                    stopped = false;
                    continue;
                }
                thread.join(wait);
                stopped &= !thread.isAlive();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return stopGlobalThread(deadlineMs) && stopped;
    }

    private boolean stopGlobalThread(long deadlineMs) {
        GlobalStreamThread global = globalThread;
        if (global == null || global == Thread.currentThread()) {
            return true;
        }
        global.shutdown();
        try {
            long wait = deadlineMs == Long.MAX_VALUE ? 0 : deadlineMs - time.milliseconds();
            if (wait < 0) {
                return false;
            }
            global.join(wait);
            return !global.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Returns whether {@code thread} is one of the stream threads. */
    public boolean isStreamThread(Thread thread) {
        return threads.contains(thread);
    }

    /** Returns the id of the client in the group (a random UUID per client). */
    public ProcessId processId() {
        return processId;
    }

    /** Returns how many stream threads have died of a failure since the client was created. */
    public long failedCount() {
        return failedCount.get();
    }

    /** Returns the number of stream threads not dead. */
    public long aliveCount() {
        return threads.stream().filter(t -> t.state() != StreamThread.State.DEAD).count();
    }

    /** Returns the ids of the active tasks of the stream threads. */
    public Set<TaskId> activeTaskIds() {
        Set<TaskId> ids = new TreeSet<>();
        for (StreamThread thread : threads) {
            ids.addAll(thread.activeTaskIds());
        }
        return ids;
    }

    /** Returns the ids of the standby tasks of the stream threads, for query routing. */
    public Set<TaskId> standbyTaskIds() {
        Set<TaskId> ids = new TreeSet<>();
        for (StreamThread thread : threads) {
            ids.addAll(thread.standbyTaskIds());
        }
        return ids;
    }

    /** Returns the metrics of every thread's clients, the global thread's included. */
    public Map<MetricName, Metric> clientMetrics() {
        Map<MetricName, Metric> all = new LinkedHashMap<>();
        for (StreamThread thread : threads) {
            all.putAll(thread.clientMetrics());
        }
        GlobalStreamThread global = globalThread;
        if (global != null) {
            all.putAll(global.clientMetrics());
        }
        return all;
    }

    /** Returns a snapshot of each stream thread not dead, naming {@code adminClientId} as its admin client. */
    public Set<ThreadMetadata> threadMetadata(String adminClientId) {
        Set<ThreadMetadata> snapshots = new HashSet<>();
        for (StreamThread thread : threads) {
            if (thread.state() != StreamThread.State.DEAD) {
                snapshots.add(thread.threadMetadata(adminClientId));
            }
        }
        return Collections.unmodifiableSet(snapshots);
    }

    /** Returns the changelog positions of the logged stores of the stream threads' active and standby tasks. */
    public List<StoreChangelogPosition> storeChangelogPositions() {
        List<StoreChangelogPosition> positions = new ArrayList<>();
        for (StreamThread thread : threads) {
            positions.addAll(thread.storeChangelogPositions());
        }
        return positions;
    }

    /** Aggregates the threads' states into the client's, and applies the uncaught exception handler. */
    private final class ThreadListener implements StreamThread.Listener {
        @Override
        public void onStateChange(StreamThread thread, StreamThread.State newState, StreamThread.State oldState) {
            State current = state.state();
            if (!current.isRunningOrRebalancing() || failing(thread, newState)) {
                // A failing thread leaves the client's state to the uncaught exception handler's response.
                return;
            }
            // Two threads changing state at once may each fold a state of the other from before its change, and set
            // the client's in the other order (one sets RUNNING, the other then REBALANCING from its older view):
            // after setting, fold again, now seeing every thread change made before this set, until it holds.
            State folded = fold();
            while (state.setState(folded) && state.state().isRunningOrRebalancing()) {
                State again = fold();
                if (again == folded) {
                    return;
                }
                folded = again;
            }
        }

        /** Returns the client state the threads' states make: RUNNING if all those not stopping on request run. */
        private State fold() {
            boolean allRunning = true;
            for (StreamThread t : threads) {
                StreamThread.State s = t.state();
                if (failing(t, s)) {
                    allRunning = false;
                } else if (s != StreamThread.State.DEAD && s != StreamThread.State.PENDING_SHUTDOWN) {
                    allRunning &= s == StreamThread.State.RUNNING;
                }
            }
            return allRunning ? State.RUNNING : State.REBALANCING;
        }

        /** Whether {@code thread}, in {@code state}, stops on a failure rather than on request (a removed thread). */
        private static boolean failing(StreamThread thread, StreamThread.State state) {
            return (state == StreamThread.State.PENDING_SHUTDOWN || state == StreamThread.State.DEAD)
                && !thread.shutdownRequested();
        }

        @Override
        public void onDead(StreamThread thread, Throwable failure) {
            if (failure != null) {
                failedCount.incrementAndGet();
                failures.handle(thread.threadId(), failure, thread);
            }
        }
    }
}
