package dev.runnel.streams;

import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.metrics.MetricsReporter;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.common.utils.ClientTelemetry;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.errors.InvalidStateStoreException;
import dev.runnel.streams.errors.MissingSourceTopicException;
import dev.runnel.streams.errors.StateStoreNotAvailableException;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.errors.StreamsNotStartedException;
import dev.runnel.streams.errors.StreamsStoppedException;
import dev.runnel.streams.errors.StreamsUncaughtExceptionHandler;
import dev.runnel.streams.errors.UnknownStateStoreException;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.internal.metrics.ClientMetrics;
import dev.runnel.streams.internal.metrics.StreamsMetricsRegistry;
import dev.runnel.streams.internal.runtime.ClientRegistry;
import dev.runnel.streams.internal.runtime.ClientShutdown;
import dev.runnel.streams.internal.runtime.ClientStateMachine;
import dev.runnel.streams.internal.runtime.InteractiveQueries;
import dev.runnel.streams.internal.runtime.InternalTopicManager;
import dev.runnel.streams.internal.runtime.QueryRouting;
import dev.runnel.streams.internal.runtime.StateDirectoryCleaner;
import dev.runnel.streams.internal.runtime.StateDirectoryPermissions;
import dev.runnel.streams.internal.runtime.StoreChangelogPosition;
import dev.runnel.streams.internal.runtime.StreamThread;
import dev.runnel.streams.internal.runtime.StreamThreads;
import dev.runnel.streams.internal.runtime.ThreadFailureHandler;
import dev.runnel.streams.internal.runtime.TopologyMetadata;
import dev.runnel.streams.processor.StandbyUpdateListener;
import dev.runnel.streams.processor.StateRestoreListener;
import dev.runnel.streams.processor.StreamPartitioner;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.query.FailureReason;
import dev.runnel.streams.query.StateQueryRequest;
import dev.runnel.streams.query.StateQueryResult;
import dev.runnel.streams.state.HostInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

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
    /** The clients of each application in this process, for their indexes, SHUTDOWN_APPLICATION and routing. */
    private static final ClientRegistry<KafkaStreams> CLIENTS = new ClientRegistry<>();
    /**
     * Held while a client registers as started and while {@link #cleanUp()} checks for started clients and deletes, so
     * that a client starting meanwhile either stops the clean-up or finds its directory already gone.
     */
    private static final Object STATE_DIRECTORY_LOCK = new Object();

    private final InternalTopologyBuilder builder;
    private final StreamsConfig config;
    private final KafkaClientSupplier clientSupplier;
    private final String applicationId;
    private final String clientId;
    private final int clientIndex;
    private final StreamsMetricsRegistry metrics;
    private final ClientStateMachine stateMachine;
    private final ThreadFailureHandler failures;
    private final StreamThreads threads;
    private final TopologyMetadata topologyMetadata;
    private final InteractiveQueries queries;
    private final ClientShutdown shutdown;
    /** Deletes the task directories this client's tasks left behind when they moved elsewhere. */
    private final StateDirectoryCleaner stateDirectoryCleaner;


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
        Objects.requireNonNull(time, "time");
        this.builder = topology.internalTopologyBuilder();
        builder.dslStoreChoice().configure(config);
        this.applicationId = config.getString(StreamsConfig.APPLICATION_ID_CONFIG);
        this.clientIndex = CLIENTS.claimIndex(applicationId);
        String configured = config.getString(StreamsConfig.CLIENT_ID_CONFIG);
        this.clientId = configured == null || configured.isEmpty() ? applicationId + "-" + clientIndex : configured;
        // Configured with the client id this client uses, as Kafka Streams configures its reporters.
        this.metrics = new StreamsMetricsRegistry(time, config, true,
            config.getConfiguredInstances(StreamsConfig.METRIC_REPORTER_CLASSES_CONFIG, MetricsReporter.class,
                Map.of(StreamsConfig.CLIENT_ID_CONFIG, clientId)));
        this.stateMachine = new ClientStateMachine(clientId, time);
        this.failures = new ThreadFailureHandler(clientId, this::replaceThread, this::shutdownWithError,
            () -> CLIENTS.started(applicationId).forEach(KafkaStreams::shutdownWithError));
        this.threads = new StreamThreads(clientId, builder, config, time, metrics, clientSupplier, stateMachine,
            failures);
        this.queries = new InteractiveQueries(stateMachine, builder, threads.localStores(), time);
        this.shutdown = new ClientShutdown(clientId, stateMachine, threads, this::release);
        this.stateDirectoryCleaner = new StateDirectoryCleaner(clientId, applicationStateDir(), time,
            () -> state() == State.RUNNING);
        try {
            // As in Kafka Streams, the topology is built and its threads created here: an invalid topology fails
            // the constructor, and the threads' metadata and metrics exist before start().
            synchronized (builder) {
                builder.setApplicationId(applicationId);
                this.topologyMetadata = new TopologyMetadata(builder, applicationId);
                queries.setRouting(new QueryRouting(topologyMetadata, builder.storeSubtopologies(), this::instances));
            }
            threads.createStreamThreads(topologyMetadata);
        } catch (RuntimeException e) {
            metrics.close();
            CLIENTS.releaseIndex(applicationId, clientIndex);
            throw e;
        }
        ClientMetrics.Client client = new ClientMetrics.Client(clientId, threads.processId().toString(),
            applicationId, topology.describe().toString(), config.metricsRecordingLevel());
        ClientMetrics.register(metrics, client, this::state, threads::aliveCount, threads::failedCount);
    }

    /** Returns the current state. */
    public State state() {
        return stateMachine.state();
    }

    /** Sets the listener of state changes; only before {@link #start()}. */
    public void setStateListener(StateListener listener) {
        stateMachine.requireCreated("StateListener");
        stateMachine.setListener(listener);
    }

    /** Sets the handler of exceptions escaping stream threads; only before {@link #start()}. */
    public void setUncaughtExceptionHandler(StreamsUncaughtExceptionHandler handler) {
        stateMachine.requireCreated("UncaughtExceptionHandler");
        failures.setHandler(handler);
    }

    /** Sets the listener of state restoration of every store; only before {@link #start()}. */
    public void setGlobalStateRestoreListener(StateRestoreListener listener) {
        stateMachine.requireCreated("GlobalStateRestoreListener");
        threads.setRestoreListener(listener);
    }

    /**
     * Sets the listener of standby tasks' updates of their stores (KIP-988); only before {@link #start()}.
     * {@code null} removes it.
     */
    public void setStandbyUpdateListener(StandbyUpdateListener listener) {
        stateMachine.requireCreated("StandbyUpdateListener");
        threads.setStandbyListener(listener);
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
        TopologyMetadata metadata = topologyMetadata;
        // Holding the threads' lock throughout, so that no thread is added before the first ones are.
        synchronized (threads) {
            synchronized (STATE_DIRECTORY_LOCK) {
                CLIENTS.addStarted(applicationId, this);
            }
            try {
                internalTopicManager().setup(metadata);
            } catch (MissingSourceTopicException e) {
                stateMachine.setState(State.REBALANCING);
                failures.handle(clientId + "-StreamThread-1", e, null);
                return;
            } catch (RuntimeException e) {
                CLIENTS.removeStarted(applicationId, this);
                throw e;
            }
            stateMachine.setState(State.REBALANCING);
            try {
                prepareStateDirectory();
                // As in Kafka Streams, start() returns only once the global stores are fully restored.
                threads.startGlobalThread(metadata);
            } catch (StreamsException e) {
                shutdown.closeAfterFailedStart();
                throw e;
            }
            threads.startStreamThreads();
        }
    }

    /**
     * Creates and restricts the local state directory if the topology has stores, then starts its cleaner; before the
     * threads open their tasks' directories, so that local state older than {@code state.cleanup.dir.max.age.ms} is
     * never restored.
     */
    private void prepareStateDirectory() {
        if (!builder.storeNames().isEmpty()) {
            StateDirectoryPermissions.apply(Path.of(config.getString(StreamsConfig.STATE_DIR_CONFIG)),
                applicationStateDir(), config.getBoolean(StreamsConfig.ALLOW_OS_GROUP_WRITE_ACCESS_CONFIG));
        }
        stateDirectoryCleaner.start(config.getLong(StreamsConfig.STATE_CLEANUP_DIR_MAX_AGE_MS_CONFIG),
            config.getLong(StreamsConfig.STATE_CLEANUP_DELAY_MS_CONFIG));
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
        threads.pause();
    }

    /** Resumes processing after {@link #pause()}, each thread from the record where it stopped. Any state. */
    public void resume() {
        threads.resume();
    }

    /** Returns whether the client is paused: {@link #pause()} was called, and {@link #resume()} not since. */
    public boolean isPaused() {
        return threads.isPaused();
    }

    /**
     * Adds and starts a stream thread; the record cache is shared anew among the threads. Only while RUNNING or
     * REBALANCING.
     *
     * @return the new thread's name, or empty if the client is in another state
     */
    public Optional<String> addStreamThread() {
        return threads.add();
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
        return threads.remove(timeout);
    }

    /** Closes the client, waiting for its threads to finish. */
    @Override
    public void close() {
        close(Duration.ofMillis(Long.MAX_VALUE));
    }

    /** Closes the client with {@code options}; returns whether every thread stopped within the timeout. */
    public boolean close(CloseOptions options) {
        return shutdown.close(options.timeout, options.leaveGroup);
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
        return shutdown.close(options.closeTimeout(), options.leaveGroup());
    }

    /**
     * Stops the threads (each commits, checkpoints and closes its tasks, then leaves the group) and waits up to
     * {@code timeout} for them.
     *
     * @return whether every thread stopped in time
     */
    public boolean close(Duration timeout) {
        return shutdown.close(timeout, false);
    }

    private void replaceThread(StreamThread failed) {
        threads.replace(failed);
    }

    private void shutdownWithError() {
        shutdown.shutdownWithError();
    }

    /** Frees what the client holds beyond its threads, once they have stopped. */
    private void release() {
        stateDirectoryCleaner.close();
        CLIENTS.removeStarted(applicationId, this);
        metrics.close();
        CLIENTS.releaseIndex(applicationId, clientIndex);
    }

    /**
     * Deletes this application's local state directory ({@code <state.dir>/<application.id>}: the tasks' and the
     * global stores' checkpoints and snapshots), so the next start rebuilds all state from the topics; only while not
     * running, and while no other started client of this process shares the directory (Kafka Streams forbids sharing
     * a state directory; Runnel's clients in one process may).
     *
     * @throws IllegalStateException if this client runs, or another one of this process uses the directory
     */
    public void cleanUp() {
        Path directory = applicationStateDir().toAbsolutePath().normalize();
        synchronized (STATE_DIRECTORY_LOCK) {
            for (KafkaStreams other : CLIENTS.started(applicationId)) {
                if (other != this && other.applicationStateDir().toAbsolutePath().normalize().equals(directory)) {
                    throw new IllegalStateException("Cannot clean up " + directory + ": client " + other.clientId
                        + " of this process uses it; close it first");
                }
            }
            shutdown.cleanUp(directory);
        }
    }

    /** Returns {@code <state.dir>/<application.id>}, the application's local state. */
    private Path applicationStateDir() {
        return Path.of(config.getString(StreamsConfig.STATE_DIR_CONFIG), applicationId);
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
     * @throws IllegalStateException once the client is shutting down or has stopped, as in Kafka Streams
     * @throws InvalidStateStoreException from the view's reads if the store is not (yet) available here: a
     *     {@link StateStoreNotAvailableException} once the client is shutting down or has stopped, a
     *     {@link dev.runnel.streams.errors.StateStoreMigratedException} while it runs but the store's tasks are not
     *     here (they may have migrated)
     */
    public <T> T store(StoreQueryParameters<T> parameters) {
        return queries.store(parameters);
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
     * @throws UnknownStateStoreException if the topology has no such store, whatever the client's state
     * @throws StreamsNotStartedException before {@link #start()}
     * @throws StreamsStoppedException once the client is shutting down or has stopped
     */
    public <R> StateQueryResult<R> query(StateQueryRequest<R> request) {
        return queries.query(request);
    }

    /**
     * Returns the client's metrics (thread, task and store level, Kafka's names, and those of sensors that processors
     * add through {@code context.metrics()}; also in JMX) and, as in Kafka Streams, those of the clients it runs:
     * each stream thread's consumers, producer and admin client, and the global thread's consumer.
     */
    public Map<MetricName, ? extends Metric> metrics() {
        Map<MetricName, Metric> all = new LinkedHashMap<>(metrics.metrics());
        all.putAll(threads.clientMetrics());
        return Collections.unmodifiableMap(all);
    }

    /**
     * Returns the client instance ids (KIP-714) of the clients this application uses, for client telemetry. The
     * embedded log has none: once started, this throws what Kafka Streams throws when its clients' telemetry is
     * disabled.
     *
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws IllegalStateException before {@link #start()}, once the client is shutting down or has stopped, and
     *                               because telemetry is not enabled
     */
    public synchronized ClientInstanceIds clientInstanceIds(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("The timeout cannot be negative.");
        }
        State current = state();
        if (current.hasNotStarted()) {
            throw new IllegalStateException("KafkaStreams has not been started, you can retry after calling start().");
        }
        if (current.isShuttingDown() || current.hasCompletedShutdown()) {
            throw new IllegalStateException("KafkaStreams has been stopped (" + current + ").");
        }
        throw ClientTelemetry.notEnabled();
    }

    /** Returns the ids of the tasks running in this client, for tests and tools. */
    public Set<TaskId> activeTaskIds() {
        return threads.activeTaskIds();
    }

    /**
     * Returns a snapshot of each stream thread of this client not dead (those created with the client and not yet
     * started, and those added by {@link #addStreamThread()}, included): its state, client ids and tasks. A thread's
     * state is read now; its tasks and their offsets are as of its last rebalance or commit.
     */
    public Set<ThreadMetadata> metadataForLocalThreads() {
        return threads.threadMetadata(InternalTopicManager.adminClientId(clientId));
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
     * <p>As in Kafka Streams, this works in any state: before {@link #start()} and once the threads have closed their
     * tasks, no store is local and the map is empty.
     *
     * @return an unmodifiable map from store name to an unmodifiable map from partition to the store's lag
     */
    public Map<String, Map<Integer, LagInfo>> allLocalStorePartitionLags() {
        List<StoreChangelogPosition> positions = threads.storeChangelogPositions();
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
        return queries.routing().all();
    }

    /**
     * As {@link #metadataForAllStreamsClients()}, only the instances that host {@code storeName}, in an active or a
     * standby task.
     */
    public Collection<StreamsMetadata> streamsMetadataForStore(String storeName) {
        Objects.requireNonNull(storeName, "storeName");
        return queries.routing().forStore(storeName);
    }

    /**
     * Returns the instance to query for {@code key} in {@code storeName}, whose partition the default partitioner
     * picks (hashing the key serialized for the store's source topic with the most partitions), and the instances
     * holding a standby copy of that partition; {@link KeyQueryMetadata#NOT_AVAILABLE} if no instance hosts it now
     * (or the store is unknown). While only standbys host it (during a rebalance) the active host is
     * {@link HostInfo#unavailable()}.
     */
    public <K> KeyQueryMetadata queryMetadataForKey(String storeName, K key, Serializer<K> keySerializer) {
        Objects.requireNonNull(keySerializer, "keySerializer");
        Objects.requireNonNull(key, "key");
        return queries.routing().forKey(storeName, QueryRouting.byDefaultPartitioner(key, keySerializer));
    }

    /**
     * As {@link #queryMetadataForKey(String, Object, Serializer)}, with the partitioner that wrote the store's
     * input; it is given the store's source topic with the most partitions and a {@code null} value.
     *
     * @throws IllegalArgumentException if the partitioner sends the key to several partitions or none: a key's
     *     metadata names one partition
     */
    public <K> KeyQueryMetadata queryMetadataForKey(String storeName, K key, StreamPartitioner<? super K, ?>
        partitioner) {
        Objects.requireNonNull(partitioner, "partitioner");
        return queries.routing().forKey(storeName, (topic, count) -> {
            Optional<Set<Integer>> partitions = partitioner.partitions(topic, key, null, count);
            if (partitions.isEmpty()) {
                return -1;
            }
            if (partitions.get().size() != 1) {
                throw new IllegalArgumentException("The partitioner given to queryMetadataForKey sends key " + key
                    + " to partitions " + partitions.get() + ", but a key's metadata needs exactly one");
            }
            return partitions.get().iterator().next();
        });
    }

    private InternalTopicManager internalTopicManager() {
        return new InternalTopicManager(config, clientSupplier, InternalTopicManager.adminClientId(clientId));
    }

    private List<QueryRouting.Instance> instances() {
        List<QueryRouting.Instance> instances = new ArrayList<>();
        for (KafkaStreams client : CLIENTS.started(applicationId)) {
            instances.add(new QueryRouting.Instance(HostInfo.buildFromEndpoint(client.config.getString(
                StreamsConfig.APPLICATION_SERVER_CONFIG)), client.activeTaskIds(), client.threads.standbyTaskIds()));
        }
        return instances;
    }
}
