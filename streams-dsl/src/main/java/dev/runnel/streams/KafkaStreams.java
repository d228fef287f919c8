package dev.runnel.streams;

import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.errors.InvalidStateStoreException;
import dev.runnel.streams.errors.MissingSourceTopicException;
import dev.runnel.streams.errors.StateStoreNotAvailableException;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.errors.StreamsNotStartedException;
import dev.runnel.streams.errors.StreamsStoppedException;
import dev.runnel.streams.errors.StreamsUncaughtExceptionHandler;
import dev.runnel.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import dev.runnel.streams.errors.UnknownStateStoreException;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.internal.metrics.StreamsMetricsRegistry;
import dev.runnel.streams.internal.runtime.ClientRegistry;
import dev.runnel.streams.internal.runtime.GlobalStreamThread;
import dev.runnel.streams.internal.runtime.InternalTopicManager;
import dev.runnel.streams.internal.runtime.LocalStateQueries;
import dev.runnel.streams.internal.runtime.LocalStores;
import dev.runnel.streams.internal.runtime.StoreChangelogPosition;
import dev.runnel.streams.internal.runtime.StreamThread;
import dev.runnel.streams.internal.runtime.TopologyMetadata;
import dev.runnel.streams.processor.StandbyUpdateListener;
import dev.runnel.streams.processor.StateRestoreListener;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.StandbyUpdateListener.SuspendReason;
import dev.runnel.streams.query.FailureReason;
import dev.runnel.streams.query.StateQueryRequest;
import dev.runnel.streams.query.StateQueryResult;
import dev.runnel.streams.state.QueryableStoreType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.streams.internal.runtime.QueryRouting;
import dev.runnel.streams.processor.StreamPartitioner;
import dev.runnel.streams.state.HostInfo;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Topology} on the log: {@code num.stream.threads} threads, each a member of consumer group
 * {@code application.id}, run one task per sub-topology and input partition; instances of one application (in this
 * process or others) share the tasks and take over each other's when one closes. State stores log to changelog
 * topics and restore from them; outputs, changelog writes and input offsets commit every {@code commit.interval.ms},
 * atomically under {@code processing.guarantee=exactly_once_v2}.
 *
 * <pre>{@code
 * Properties props = new Properties();
 * props.put(StreamsConfig.APPLICATION_ID_CONFIG, "word-count");
 * props.put(StreamsConfig.LOG_DIR_CONFIG, "runnel-data");
 * try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
 *     streams.start();
 *     ...
 * }
 * }</pre>
 *
 * <p>The life cycle is Kafka's {@link State} machine. Listeners and handlers must be set before {@link #start()}.
 * An exception escaping a stream thread goes to the {@link StreamsUncaughtExceptionHandler} (by default the client
 * shuts down into {@link State#ERROR}). Thread-safe.
 */
public class KafkaStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaStreams.class);
    /** The jar's Implementation-Version; "unknown" when run from classes, as Kafka reports then. */
    private static final String VERSION = Objects.requireNonNullElse(
        KafkaStreams.class.getPackage().getImplementationVersion(), "unknown");
    /** Builds record no commit id; Kafka reports "unknown" in that case too. */
    private static final String COMMIT_ID = "unknown";
    /** The clients of each application in this process, for their indexes, SHUTDOWN_APPLICATION and routing. */
    private static final ClientRegistry<KafkaStreams> CLIENTS = new ClientRegistry<>();

    private final InternalTopologyBuilder builder;
    private final StreamsConfig config;
    private final KafkaClientSupplier clientSupplier;
    private final Time time;
    private final String applicationId;
    private final String clientId;
    private final int clientIndex;
    /** Tells this client apart from the application's others in the group, as Kafka Streams' process id. */
    private final String processId = UUID.randomUUID().toString();
    private final StreamsMetricsRegistry metrics;
    private final List<StreamThread> threads = new CopyOnWriteArrayList<>();
    private final LocalStores localStores = new LocalStores(threads, () -> this.globalThread);
    private final LocalStateQueries localStateQueries;
    private final Object stateLock = new Object();
    private TopologyMetadata metadata;
    /** Where the stores' keys are served, fixed once the topology is resolved at start; read by query threads. */
    private volatile QueryRouting queryRouting;
    private volatile GlobalStreamThread globalThread;
    /** Whether processing is paused (KIP-834); written under this client's lock, with the threads' own flags. */
    private volatile boolean paused;
    private State state = State.CREATED;
    private StateListener stateListener;
    private StreamsUncaughtExceptionHandler uncaughtExceptionHandler;
    private StateRestoreListener restoreListener = NoOpRestoreListener.INSTANCE;
    private StandbyUpdateListener standbyListener = NoOpStandbyListener.INSTANCE;

    /**
     * The client's life cycle, as Kafka's: CREATED → REBALANCING ⇄ RUNNING → PENDING_SHUTDOWN → NOT_RUNNING, and
     * on a fatal error → PENDING_ERROR → ERROR.
     */
    public enum State {
        CREATED(1, 3), REBALANCING(2, 3, 5), RUNNING(1, 2, 3, 5), PENDING_SHUTDOWN(4), NOT_RUNNING,
        PENDING_ERROR(6), ERROR;

        private final Set<Integer> validTransitions = new java.util.HashSet<>();

        State(Integer... validTransitions) {
            this.validTransitions.addAll(List.of(validTransitions));
        }

        /** Returns whether the client has not been started yet: CREATED. */
        public boolean hasNotStarted() {
            return this == CREATED;
        }

        /** Returns whether a shutdown is under way and not finished: PENDING_SHUTDOWN or PENDING_ERROR. */
        public boolean isShuttingDown() {
            return this == PENDING_SHUTDOWN || this == PENDING_ERROR;
        }

        /** Returns whether a shutdown has started or finished; the same as {@link #hasStartedOrFinishedShutdown()}. */
        public boolean hasStartedOrFinishedShuttingDown() {
            return hasStartedOrFinishedShutdown();
        }

        /** Returns whether the client is running or rebalancing. */
        public boolean isRunningOrRebalancing() {
            return this == RUNNING || this == REBALANCING;
        }

        /** Returns whether a shutdown has finished. */
        public boolean hasCompletedShutdown() {
            return this == NOT_RUNNING || this == ERROR;
        }

        /** Returns whether a shutdown has started or finished. */
        public boolean hasStartedOrFinishedShutdown() {
            return this == PENDING_SHUTDOWN || this == NOT_RUNNING || this == PENDING_ERROR || this == ERROR;
        }

        /** Returns whether {@code newState} may follow this state. */
        public boolean isValidTransition(State newState) {
            return validTransitions.contains(newState.ordinal());
        }
    }

    /** Receives state changes, on the thread that caused them. */
    @FunctionalInterface
    public interface StateListener {
        void onChange(State newState, State oldState);
    }

    /**
     * Options of {@link #close(CloseOptions)}; Kafka Streams keeps them, deprecated, beside the top-level
     * {@link dev.runnel.streams.CloseOptions}, which {@link #close(dev.runnel.streams.CloseOptions)} takes. Immutable.
     */
    public static class CloseOptions {
        private final Duration timeout;
        private final boolean leaveGroup;

        public CloseOptions() {
            this(Duration.ofMillis(Long.MAX_VALUE), false);
        }

        private CloseOptions(Duration timeout, boolean leaveGroup) {
            this.timeout = timeout;
            this.leaveGroup = leaveGroup;
        }

        /** Returns these options with a different timeout. */
        public CloseOptions timeout(Duration timeout) {
            return new CloseOptions(Objects.requireNonNull(timeout, "timeout"), leaveGroup);
        }

        /**
         * Returns these options with {@code leaveGroup}: the stream threads' consumers leave the group even when they
         * are static members ({@code group.instance.id}), so that the group rebalances at once instead of after their
         * session timeout. Dynamic members leave on close anyway.
         */
        public CloseOptions leaveGroup(boolean leaveGroup) {
            return new CloseOptions(timeout, leaveGroup);
        }
    }

    /** Creates a client for {@code topology} with {@code props}; nothing runs until {@link #start()}. */
    public KafkaStreams(Topology topology, Properties props) {
        this(topology, new StreamsConfig(props), Time.SYSTEM);
    }

    /** Creates a client for {@code topology}. */
    public KafkaStreams(Topology topology, StreamsConfig config) {
        this(topology, config, Time.SYSTEM);
    }

    /** Creates a client for {@code topology} with the given clock. */
    public KafkaStreams(Topology topology, Properties props, Time time) {
        this(topology, new StreamsConfig(props), time);
    }

    /** Creates a client for {@code topology} with the given clock. */
    public KafkaStreams(Topology topology, StreamsConfig config, Time time) {
        this(topology, config, config.getKafkaClientSupplier(), time);
    }

    /** Creates a client for {@code topology} whose clients all come from {@code clientSupplier}. */
    public KafkaStreams(Topology topology, Properties props, KafkaClientSupplier clientSupplier) {
        this(topology, new StreamsConfig(props), clientSupplier, Time.SYSTEM);
    }

    /** Creates a client for {@code topology} whose clients all come from {@code clientSupplier}. */
    public KafkaStreams(Topology topology, StreamsConfig config, KafkaClientSupplier clientSupplier) {
        this(topology, config, clientSupplier, Time.SYSTEM);
    }

    /** Creates a client for {@code topology} with the given clock, its clients all from {@code clientSupplier}. */
    public KafkaStreams(Topology topology, Properties props, KafkaClientSupplier clientSupplier, Time time) {
        this(topology, new StreamsConfig(props), clientSupplier, time);
    }

    private KafkaStreams(Topology topology, StreamsConfig config, KafkaClientSupplier clientSupplier, Time time) {
        this.config = Objects.requireNonNull(config, "config");
        this.clientSupplier = Objects.requireNonNull(clientSupplier, "clientSupplier");
        this.time = Objects.requireNonNull(time, "time");
        this.builder = topology.internalTopologyBuilder();
        builder.dslStoreChoice().configure(config);
        this.applicationId = config.getString(StreamsConfig.APPLICATION_ID_CONFIG);
        this.clientIndex = CLIENTS.claimIndex(applicationId);
        String configured = config.getString(StreamsConfig.CLIENT_ID_CONFIG);
        this.clientId = configured == null || configured.isEmpty() ? applicationId + "-" + clientIndex : configured;
        this.metrics = new StreamsMetricsRegistry(time, config.metricsRecordingLevel(), true);
        this.localStateQueries = new LocalStateQueries(localStores, time);
        Map<String, String> tags = Map.of("client-id", clientId);
        metrics.addGauge("stream-metrics", "state", "The client's state", tags, () -> state().name());
        metrics.addGauge("stream-metrics", "version", "The version of Runnel", tags, () -> VERSION);
        metrics.addGauge("stream-metrics", "commit-id", "The commit Runnel was built from", tags, () -> COMMIT_ID);
        metrics.addGauge("stream-metrics", "application-id", "The application's id", tags, () -> applicationId);
        String description = topology.describe().toString();
        metrics.addGauge("stream-metrics", "topology-description", "The topology the client runs", tags,
            () -> description);
        metrics.addGauge("stream-metrics", "alive-stream-threads", "Stream threads alive", tags,
            () -> (double) threads.stream().filter(t -> t.state() != StreamThread.State.DEAD).count());
    }

    /** Returns the current state. */
    public State state() {
        synchronized (stateLock) {
            return state;
        }
    }

    private boolean setState(State newState) {
        State old;
        synchronized (stateLock) {
            old = state;
            if (old == newState) {
                return true;
            }
            if (!old.isValidTransition(newState)) {
                if (old.hasStartedOrFinishedShutdown()) {
                    return false;
                }
                throw new IllegalStateException("Stream-client " + clientId + ": Unexpected state transition from "
                    + old + " to " + newState);
            }
            state = newState;
            stateLock.notifyAll();
        }
        LOG.info("stream-client [{}] State transition from {} to {}", clientId, old, newState);
        StateListener listener = stateListener;
        if (listener != null) {
            listener.onChange(newState, old);
        }
        return true;
    }

    /** Sets the listener of state changes; only before {@link #start()}. */
    public void setStateListener(StateListener listener) {
        requireCreated("set a state listener");
        this.stateListener = listener;
    }

    /** Sets the handler of exceptions escaping stream threads; only before {@link #start()}. */
    public void setUncaughtExceptionHandler(StreamsUncaughtExceptionHandler handler) {
        requireCreated("set an uncaught exception handler");
        this.uncaughtExceptionHandler = Objects.requireNonNull(handler, "handler");
    }

    /** Sets the listener of state restoration of every store; only before {@link #start()}. */
    public void setGlobalStateRestoreListener(StateRestoreListener listener) {
        requireCreated("set a restore listener");
        this.restoreListener = listener == null ? NoOpRestoreListener.INSTANCE : listener;
    }

    /**
     * Sets the listener of standby tasks' updates of their stores (KIP-988); only before {@link #start()}.
     * {@code null} removes it.
     */
    public void setStandbyUpdateListener(StandbyUpdateListener listener) {
        requireCreated("set a standby update listener");
        this.standbyListener = listener == null ? NoOpStandbyListener.INSTANCE : listener;
    }

    private void requireCreated(String what) {
        if (state() != State.CREATED) {
            throw new IllegalStateException("Can only " + what + " in CREATED state. Current state is: " + state());
        }
    }

    /**
     * Creates the internal topics, checks co-partitioning and starts the stream threads; returns at once (the
     * client is REBALANCING until every thread has its tasks).
     *
     * A missing source topic is reported to the uncaught exception handler instead (by default the client then
     * moves to ERROR), as in Kafka Streams.
     *
     * @throws IllegalStateException if the client was already started
     * @throws StreamsException if the topology cannot run (topics not co-partitioned)
     */
    public synchronized void start() {
        if (state() != State.CREATED) {
            throw new IllegalStateException("The client is either already started or already stopped, cannot"
                + " re-start");
        }
        synchronized (builder) {
            builder.setApplicationId(applicationId);
            metadata = new TopologyMetadata(builder, applicationId);
            queryRouting = new QueryRouting(metadata, builder.storeSubtopologies(), this::instances);
        }
        CLIENTS.addStarted(applicationId, this);
        try {
            internalTopicManager().setup(metadata);
        } catch (MissingSourceTopicException e) {
            setState(State.REBALANCING);
            handleThreadFailure(clientId + "-StreamThread-1", e, null);
            return;
        } catch (RuntimeException e) {
            CLIENTS.removeStarted(applicationId, this);
            throw e;
        }
        setState(State.REBALANCING);
        if (metadata.hasGlobalStores()) {
            // As in Kafka Streams, start() returns only once the global stores are fully restored.
            globalThread = new GlobalStreamThread(clientId, builder, metadata, config, time, restoreListener, metrics,
                failure -> handleThreadFailure(clientId + "-GlobalStreamThread", failure, null), clientSupplier);
            try {
                globalThread.startAndAwaitInitialized();
            } catch (StreamsException e) {
                setState(State.PENDING_SHUTDOWN);
                finishClose();
                setState(State.NOT_RUNNING);
                throw e;
            }
        }
        int count = config.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG);
        for (int i = 1; i <= count; i++) {
            threads.add(newThread(i));
        }
        for (StreamThread thread : threads) {
            thread.start();
        }
    }

    private StreamThread newThread(int index) {
        GlobalStreamThread global = globalThread;
        StreamThread thread = new StreamThread(clientId, processId, index, metadata, builder, config, time,
            restoreListener, standbyListener, metrics, global == null ? name -> null : global::store,
            new ThreadListener(), clientSupplier);
        if (paused) {
            thread.pauseProcessing();
        }
        return thread;
    }

    /**
     * Pauses processing (KIP-834): from their next loop on, the stream threads neither process records nor fire
     * punctuations, wall-clock or stream-time; they keep their tasks and their group membership, poll without
     * fetching, and commit what they processed before. The state stays as it is (RUNNING), the global thread keeps
     * updating the global stores, and threads added later start paused. May be called in any state, also before
     * {@link #start()}, which then starts the threads paused. The pause is local to this client; other instances
     * of the application keep processing.
     */
    public void pause() {
        synchronized (this) {
            paused = true;
            threads.forEach(StreamThread::pauseProcessing);
        }
        LOG.info("stream-client [{}] Paused processing", clientId);
    }

    /** Resumes processing after {@link #pause()}, each thread from the record where it stopped. Any state. */
    public void resume() {
        synchronized (this) {
            paused = false;
            threads.forEach(StreamThread::resumeProcessing);
        }
        LOG.info("stream-client [{}] Resumed processing", clientId);
    }

    /** Returns whether the client is paused: {@link #pause()} was called, and {@link #resume()} not since. */
    public boolean isPaused() {
        return paused;
    }

    /**
     * Adds and starts a stream thread; the record cache is shared anew among the threads. Only while RUNNING or
     * REBALANCING.
     *
     * @return the new thread's name, or empty if the client is in another state
     */
    public Optional<String> addStreamThread() {
        synchronized (this) {
            if (!state().isRunningOrRebalancing()) {
                LOG.warn("stream-client [{}] Cannot add a stream thread in state {}", clientId, state());
                return Optional.empty();
            }
            StreamThread added = newThread(freeThreadIndex());
            threads.add(added);
            shareCache();
            added.start();
            return Optional.of(added.threadId());
        }
    }

    /** Removes a stream thread, waiting as long as it takes to stop; see {@link #removeStreamThread(Duration)}. */
    public Optional<String> removeStreamThread() {
        return removeStreamThread(Duration.ofMillis(Long.MAX_VALUE));
    }

    /**
     * Shuts one stream thread down gracefully (it commits and leaves the group; its tasks move to the others) and
     * shares the record cache anew among the rest.
     *
     * @return the removed thread's name, or empty if no thread is alive or the client is not RUNNING or REBALANCING
     * @throws dev.runnel.common.errors.TimeoutException if the thread does not stop within {@code timeout}
     */
    public Optional<String> removeStreamThread(Duration timeout) {
        StreamThread removed;
        synchronized (this) {
            if (!state().isRunningOrRebalancing()) {
                LOG.warn("stream-client [{}] Cannot remove a stream thread in state {}", clientId, state());
                return Optional.empty();
            }
            removed = threads.stream().filter(thread -> thread.isAlive() && thread != Thread.currentThread())
                .reduce((first, last) -> last).orElse(null);
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
            throw new dev.runnel.common.errors.TimeoutException("Thread " + removed.threadId() + " did not stop"
                + " within " + timeout.toMillis() + " ms");
        }
        synchronized (this) {
            threads.remove(removed);
            shareCache();
        }
        return Optional.of(removed.threadId());
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

    /** Aggregates the threads' states into the client's, and applies the uncaught exception handler. */
    private final class ThreadListener implements StreamThread.Listener {
        @Override
        public void onStateChange(StreamThread thread, StreamThread.State newState, StreamThread.State oldState) {
            State current = state();
            if (!current.isRunningOrRebalancing()) {
                return;
            }
            boolean allRunning = true;
            for (StreamThread t : threads) {
                StreamThread.State s = t == thread ? newState : t.state();
                if (s == StreamThread.State.DEAD || s == StreamThread.State.PENDING_SHUTDOWN) {
                    continue;
                }
                allRunning &= s == StreamThread.State.RUNNING;
            }
            setState(allRunning ? State.RUNNING : State.REBALANCING);
        }

        @Override
        public void onDead(StreamThread thread, Throwable failure) {
            if (failure != null) {
                handleThreadFailure(thread.threadId(), failure, thread);
            }
        }
    }

    /**
     * Applies the uncaught exception handler to the failure of a stream thread, or of one that cannot be replaced
     * ({@code replaceable} null: the global thread, or the start itself), for which REPLACE_THREAD shuts the client
     * down, as in Kafka Streams.
     */
    private void handleThreadFailure(String threadName, Throwable failure, StreamThread replaceable) {
        StreamThreadExceptionResponse response;
        StreamsUncaughtExceptionHandler handler = uncaughtExceptionHandler;
        if (handler == null) {
            LOG.error("stream-client [{}] Thread {} failed; no uncaught exception handler is set, so the client"
                + " shuts down", clientId, threadName, failure);
            response = StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        } else {
            try {
                response = handler.handle(failure);
            } catch (RuntimeException e) {
                LOG.error("stream-client [{}] The uncaught exception handler failed; shutting down", clientId, e);
                response = StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
        }
        LOG.warn("stream-client [{}] Thread {} failed ({}); response {}", clientId, threadName, failure.toString(),
            response);
        if (response == StreamThreadExceptionResponse.REPLACE_THREAD && replaceable == null) {
            LOG.error("stream-client [{}] Thread {} cannot be replaced; shutting the client down", clientId,
                threadName);
            response = StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        switch (response) {
            case REPLACE_THREAD -> replaceThread(replaceable);
            case SHUTDOWN_APPLICATION -> {
                for (KafkaStreams client : CLIENTS.started(applicationId)) {
                    client.shutdownWithError();
                }
            }
            default -> shutdownWithError();
        }
    }

    private void replaceThread(StreamThread failed) {
        synchronized (this) {
            if (!state().isRunningOrRebalancing()) {
                return;
            }
            StreamThread replacement = newThread(failed.index());
            threads.set(threads.indexOf(failed), replacement);
            setState(State.REBALANCING);
            replacement.start();
        }
    }

    /** Moves to PENDING_ERROR, stops every thread (on a new thread, as this may run on a stream thread), then ERROR. */
    private void shutdownWithError() {
        if (!setState(State.PENDING_ERROR) || state() != State.PENDING_ERROR) {
            return;
        }
        Thread shutdown = new Thread(() -> {
            stopThreads(Long.MAX_VALUE, false);
            finishClose();
            setState(State.ERROR);
        }, clientId + "-error-shutdown");
        shutdown.setDaemon(true);
        shutdown.start();
    }

    /** Closes the client, waiting for its threads to finish. */
    @Override
    public void close() {
        close(Duration.ofMillis(Long.MAX_VALUE));
    }

    /** Closes the client with {@code options}; returns whether every thread stopped within the timeout. */
    public boolean close(CloseOptions options) {
        return close(options.timeout, options.leaveGroup);
    }

    /**
     * Closes the client with {@code options} (KIP-1153): waits up to their timeout, and with
     * {@link dev.runnel.streams.CloseOptions.GroupMembershipOperation#LEAVE_GROUP} the threads' consumers leave the
     * group even as static members.
     *
     * @return whether every thread stopped within the timeout
     */
    public boolean close(dev.runnel.streams.CloseOptions options) {
        Objects.requireNonNull(options, "options");
        return close(options.closeTimeout(), options.leaveGroup());
    }

    /**
     * Stops the threads (each commits, checkpoints and closes its tasks, then leaves the group) and waits up to
     * {@code timeout} for them.
     *
     * @return whether every thread stopped in time
     */
    public boolean close(Duration timeout) {
        return close(timeout, false);
    }

    private boolean close(Duration timeout, boolean leaveGroup) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("Timeout can't be negative.");
        }
        State current = state();
        if (current == State.ERROR || current == State.PENDING_ERROR) {
            LOG.info("stream-client [{}] Already in {}; close waits for the error shutdown", clientId, current);
            return awaitState(State.ERROR, timeout);
        }
        if (!setState(State.PENDING_SHUTDOWN)) {
            return awaitState(State.NOT_RUNNING, timeout);
        }
        // As in Kafka Streams: the client stays PENDING_SHUTDOWN until every thread has stopped, even after the
        // timeout (so that cleanUp() cannot delete state under a live thread); the caller waits up to the timeout.
        Thread closer = new Thread(() -> completeClose(leaveGroup), clientId + "-close");
        closer.setDaemon(true);
        closer.start();
        if (threads.contains(Thread.currentThread())) {
            // Called from a stream thread (a processor or handler): it cannot wait for itself.
            return false;
        }
        return awaitState(State.NOT_RUNNING, timeout);
    }

    /** Stops the threads, however long they take, and only then moves to NOT_RUNNING. */
    private void completeClose(boolean leaveGroup) {
        stopThreads(Long.MAX_VALUE, leaveGroup);
        finishClose();
        setState(State.NOT_RUNNING);
    }

    private long saturatedDeadline(Duration timeout) {
        long now = time.milliseconds();
        long millis = timeout.toMillis() < 0 ? Long.MAX_VALUE : timeout.toMillis();
        return millis > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + millis;
    }

    private boolean stopThreads(long deadlineMs, boolean leaveGroup) {
        for (StreamThread thread : threads) {
            thread.shutdown(leaveGroup);
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

    private void finishClose() {
        CLIENTS.removeStarted(applicationId, this);
        metrics.close();
        CLIENTS.releaseIndex(applicationId, clientIndex);
    }

    private boolean awaitState(State target, Duration timeout) {
        long deadline = saturatedDeadline(timeout);
        synchronized (stateLock) {
            while (state != target) {
                long wait = deadline - time.milliseconds();
                if (wait <= 0) {
                    return false;
                }
                try {
                    stateLock.wait(Math.min(wait, 100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Deletes this application's local state directory ({@code <state.dir>/<application.id>}: the tasks' and the
     * global stores' checkpoints and snapshots), so the next start rebuilds all state from the topics; only while not
     * running.
     *
     * @throws IllegalStateException if the client is running
     */
    public void cleanUp() {
        if (state().isRunningOrRebalancing() || state() == State.PENDING_SHUTDOWN) {
            throw new IllegalStateException("Cannot clean up while running.");
        }
        Path dir = Path.of(config.getString(StreamsConfig.STATE_DIR_CONFIG), applicationId);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new StreamsException("Could not delete state directory " + dir + ": " + e, e);
        }
    }

    /**
     * Returns a read-only view of a local state store for interactive queries, covering every local active task's
     * partition of it (or one, see {@link StoreQueryParameters#withPartition}). With
     * {@link StoreQueryParameters#enableStaleStores()} it also reads the partitions that standby tasks host here
     * (read-only copies kept up to date from the changelogs, so possibly behind the active task's); without it, a
     * partition hosted here only by a standby is not found.
     *
     * @throws StreamsNotStartedException before {@link #start()}
     * @throws UnknownStateStoreException if the topology has no such store
     * @throws InvalidStateStoreException if the store is not (yet) available here: a
     *     {@link StateStoreNotAvailableException} once the client is shutting down or has stopped (also from a
     *     view obtained earlier), a {@link dev.runnel.streams.errors.StateStoreMigratedException} while it runs but
     *     the store's tasks are not here (they may have migrated)
     */
    public <T> T store(StoreQueryParameters<T> parameters) {
        String name = parameters.storeName();
        State current = state();
        if (current == State.CREATED) {
            throw new StreamsNotStartedException("KafkaStreams has not been started, you can retry after calling"
                + " start()");
        }
        if (!current.isRunningOrRebalancing()) {
            throw notAvailable(name, current);
        }
        if (!builder.storeNames().contains(name)) {
            throw new UnknownStateStoreException("Cannot get state store " + name + " because no such store is"
                + " registered in the topology.");
        }
        QueryableStoreType<T> type = parameters.queryableStoreType();
        // As in Kafka Streams, the stores are looked up on each access, which fails if they are not here (yet).
        return type.create(() -> {
            State now = state();
            if (!now.isRunningOrRebalancing()) {
                throw notAvailable(name, now);
            }
            return localStores.forQuery(name, parameters.partition(), parameters.staleStoresEnabled(), type);
        }, name);
    }

    private static StateStoreNotAvailableException notAvailable(String storeName, State state) {
        return new StateStoreNotAvailableException("State store " + storeName + " is not available: KafkaStreams is"
            + " not running. State is " + state + ".");
    }

    /**
     * Runs an Interactive Query v2 request (KIP-796) against this instance's partitions of a store: every local
     * partition, or those of {@link StateQueryRequest#withPartitions} (each one not hosted here answers
     * {@link FailureReason#NOT_PRESENT}). A partition hosted here by a standby task runs the query on the standby's
     * copy, or, if the request {@link StateQueryRequest#requireActive() requires an active task}, answers
     * {@link FailureReason#NOT_ACTIVE}. A global store answers in {@link StateQueryResult#getGlobalResult()}.
     * Queries read through the same thread-safe paths as {@link #store}, record cache included; a partition's
     * failure (a query the store cannot run, a store exception) is its result, not an exception.
     *
     * <pre>{@code
     * StateQueryResult<KeyValueIterator<String, Long>> result = streams.query(
     *     StateQueryRequest.inStore("counts").withQuery(RangeQuery.<String, Long>withRange("a", "m")));
     * }</pre>
     *
     * @throws StreamsNotStartedException before {@link #start()}
     * @throws StreamsStoppedException once the client is shutting down or has stopped
     * @throws UnknownStateStoreException if the topology has no such store
     */
    public <R> StateQueryResult<R> query(StateQueryRequest<R> request) {
        String name = request.getStoreName();
        State current = state();
        if (current == State.CREATED) {
            throw new StreamsNotStartedException("KafkaStreams has not been started, you can retry after calling"
                + " start()");
        }
        if (!current.isRunningOrRebalancing()) {
            throw new StreamsStoppedException("KafkaStreams is not running and cannot be queried. State is "
                + current + ".");
        }
        if (!builder.storeNames().contains(name)) {
            throw new UnknownStateStoreException("Cannot query state store " + name + " because no such store is"
                + " registered in the topology.");
        }
        return localStateQueries.run(request);
    }

    /**
     * Returns the client's metrics (thread, task and store level, Kafka's names, and those of sensors that processors
     * add through {@code context.metrics()}); also in JMX.
     */
    public Map<MetricName, ? extends Metric> metrics() {
        return metrics.metrics();
    }

    /** Returns the ids of the tasks running in this client, for tests and tools. */
    public Set<TaskId> activeTaskIds() {
        Set<TaskId> ids = new TreeSet<>();
        for (StreamThread thread : threads) {
            ids.addAll(thread.activeTaskIds());
        }
        return ids;
    }

    /** Returns the ids of the standby tasks in this client, for query routing. */
    private Set<TaskId> standbyTaskIds() {
        Set<TaskId> ids = new TreeSet<>();
        for (StreamThread thread : threads) {
            ids.addAll(thread.standbyTaskIds());
        }
        return ids;
    }

    /**
     * Returns a snapshot of each live stream thread of this client (those added by {@link #addStreamThread()}
     * included, removed or dead ones not): its state, client ids and tasks. A thread's state is read now; its tasks
     * and their offsets are as of its last rebalance or commit.
     *
     * @throws StreamsNotStartedException before {@link #start()}
     * @throws IllegalStateException once the client is no longer running
     */
    public Set<ThreadMetadata> metadataForLocalThreads() {
        validateIsRunningOrRebalancing();
        String adminClientId = InternalTopicManager.adminClientId(clientId);
        Set<ThreadMetadata> snapshots = new HashSet<>();
        for (StreamThread thread : threads) {
            if (thread.state() != StreamThread.State.DEAD) {
                snapshots.add(thread.threadMetadata(adminClientId));
            }
        }
        return Collections.unmodifiableSet(snapshots);
    }

    /**
     * Returns, for every logged state store of the tasks this client hosts, per partition, how far the local store
     * is behind its changelog: the active and standby tasks of the live stream threads. A standby task reports the
     * changelog offset it has applied up to. A running task writes its changelog itself, so its
     * stores are caught up: their current position is the changelog's end offset and their lag 0. A task being
     * restored (while the client rebalances) reports the offset its restoration has reached, and offset 0 for
     * stores whose restoration has not started yet (an over-estimate of the remaining work, as in Kafka Streams).
     * Stores without a changelog (logging disabled) and global stores are left out, as in Kafka Streams. Each call
     * reads the changelogs' end offsets from the log; the values are estimates, stale as soon as they are returned.
     *
     * <pre>{@code
     * LagInfo lag = streams.allLocalStorePartitionLags().get("counts").get(0);
     * boolean fresh = lag.offsetLag() < 1_000;
     * }</pre>
     *
     * @return an unmodifiable map from store name to an unmodifiable map from partition to the store's lag
     * @throws StreamsNotStartedException before {@link #start()}
     * @throws IllegalStateException once the client is no longer running
     */
    public Map<String, Map<Integer, LagInfo>> allLocalStorePartitionLags() {
        validateIsRunningOrRebalancing();
        List<StoreChangelogPosition> positions = new ArrayList<>();
        for (StreamThread thread : threads) {
            positions.addAll(thread.storeChangelogPositions());
        }
        List<TopicPartition> changelogs = positions.stream().map(StoreChangelogPosition::changelog).toList();
        Map<TopicPartition, Long> ends = internalTopicManager().endOffsets(changelogs);
        Map<String, Map<Integer, LagInfo>> lags = new TreeMap<>();
        for (StoreChangelogPosition position : positions) {
            long end = ends.get(position.changelog());
            lags.computeIfAbsent(position.storeName(), store -> new TreeMap<>()).put(
                position.changelog().partition(), new LagInfo(position.restoredOffset().orElse(end), end));
        }
        lags.replaceAll((store, partitions) -> Collections.unmodifiableMap(partitions));
        return Collections.unmodifiableMap(lags);
    }

    /**
     * Returns the instances of this application (in this process: they share its log) that have an
     * {@code application.server}, each with the stores and input partitions of its active tasks and those of its
     * standby tasks ({@code num.standby.replicas}).
     *
     * @throws StreamsNotStartedException before {@link #start()}
     * @throws IllegalStateException once the client is no longer running
     */
    public Collection<StreamsMetadata> metadataForAllStreamsClients() {
        return routing().all();
    }

    /**
     * As {@link #metadataForAllStreamsClients()}, only the instances that host {@code storeName}, in an active or a
     * standby task.
     */
    public Collection<StreamsMetadata> streamsMetadataForStore(String storeName) {
        Objects.requireNonNull(storeName, "storeName");
        return routing().forStore(storeName);
    }

    /**
     * Returns the instance to query for {@code key} in {@code storeName}, whose partition the default partitioner
     * picks, and the instances holding a standby copy of that partition; {@link KeyQueryMetadata#NOT_AVAILABLE} if
     * no instance hosts it now (or the store is unknown). While only standbys host it (during a rebalance) the
     * active host is {@link HostInfo#unavailable()}.
     */
    public <K> KeyQueryMetadata queryMetadataForKey(String storeName, K key, Serializer<K> keySerializer) {
        Objects.requireNonNull(keySerializer, "keySerializer");
        return routing().forKey(storeName, keySerializer.serialize(null, Objects.requireNonNull(key, "key")), null);
    }

    /**
     * As {@link #queryMetadataForKey(String, Object, Serializer)}, with the partitioner that wrote the store's
     * input.
     */
    public <K> KeyQueryMetadata queryMetadataForKey(String storeName, K key, StreamPartitioner<? super K, ?>
        partitioner) {
        Objects.requireNonNull(partitioner, "partitioner");
        return routing().forKey(storeName, null, count -> {
            Integer partition = partitioner.partition(null, key, null, count);
            return partition == null ? -1 : partition;
        });
    }

    private InternalTopicManager internalTopicManager() {
        return new InternalTopicManager(config, clientSupplier, InternalTopicManager.adminClientId(clientId));
    }

    private QueryRouting routing() {
        validateIsRunningOrRebalancing();
        return queryRouting;
    }

    private void validateIsRunningOrRebalancing() {
        State current = state();
        if (current == State.CREATED) {
            throw new StreamsNotStartedException("KafkaStreams has not been started, you can retry after calling"
                + " start()");
        }
        if (!current.isRunningOrRebalancing()) {
            throw new IllegalStateException("KafkaStreams is not running. State is " + current + ".");
        }
    }

    private List<QueryRouting.Instance> instances() {
        List<QueryRouting.Instance> instances = new ArrayList<>();
        for (KafkaStreams client : CLIENTS.started(applicationId)) {
            instances.add(new QueryRouting.Instance(HostInfo.buildFromEndpoint(client.config.getString(
                StreamsConfig.APPLICATION_SERVER_CONFIG)), client.activeTaskIds(), client.standbyTaskIds()));
        }
        return instances;
    }

    /** A standby update listener that ignores everything. */
    private enum NoOpStandbyListener implements StandbyUpdateListener {
        INSTANCE;

        @Override
        public void onUpdateStart(TopicPartition topicPartition, String storeName, long startingOffset) {
        }

        @Override
        public void onBatchLoaded(TopicPartition topicPartition, String storeName, TaskId taskId, long batchEndOffset,
            long batchSize, long currentEndOffset) {
        }

        @Override
        public void onUpdateSuspended(TopicPartition topicPartition, String storeName, long storeOffset,
            long currentEndOffset, SuspendReason reason) {
        }
    }

    /** A restore listener that ignores everything. */
    private enum NoOpRestoreListener implements StateRestoreListener {
        INSTANCE;

        @Override
        public void onRestoreStart(dev.runnel.common.TopicPartition topicPartition, String storeName,
            long startingOffset, long endingOffset) {
        }

        @Override
        public void onBatchRestored(dev.runnel.common.TopicPartition topicPartition, String storeName,
            long batchEndOffset, long numRestored) {
        }

        @Override
        public void onRestoreEnd(dev.runnel.common.TopicPartition topicPartition, String storeName,
            long totalRestored) {
        }
    }
}
