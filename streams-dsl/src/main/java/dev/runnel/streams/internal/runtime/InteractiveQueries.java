package dev.runnel.streams.internal.runtime;

import dev.runnel.common.utils.Time;
import dev.runnel.streams.KafkaStreams.State;
import dev.runnel.streams.StoreQueryParameters;
import dev.runnel.streams.errors.StateStoreNotAvailableException;
import dev.runnel.streams.errors.StreamsNotStartedException;
import dev.runnel.streams.errors.StreamsStoppedException;
import dev.runnel.streams.errors.UnknownStateStoreException;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.query.StateQueryRequest;
import dev.runnel.streams.query.StateQueryResult;
import dev.runnel.streams.state.QueryableStoreType;

/**
 * A client's interactive queries: the checks that its state and topology allow one, the read-only store views
 * ({@code store()}), Interactive Query v2 requests, and the routing of stores and keys to the application's instances.
 * Thread-safe: the routing is published once at the start, and the stores are found through {@link LocalStores}.
 */
public final class InteractiveQueries {
    private final ClientStateMachine state;
    private final InternalTopologyBuilder builder;
    private final LocalStores localStores;
    private final LocalStateQueries localStateQueries;
    /** Where the stores' keys are served, fixed once the topology is resolved at start; read by query threads. */
    private volatile QueryRouting routing;

    /** Creates the queries of the client in {@code state}, which runs {@code builder}'s topology. */
    public InteractiveQueries(ClientStateMachine state, InternalTopologyBuilder builder, LocalStores localStores,
        Time time) {
        this.state = state;
        this.builder = builder;
        this.localStores = localStores;
        this.localStateQueries = new LocalStateQueries(localStores, time);
    }

    /** Sets the routing, once the client starts. */
    public void setRouting(QueryRouting routing) {
        this.routing = routing;
    }

    /**
     * Returns the routing of the application's stores and keys.
     *
     * @throws StreamsNotStartedException before the start
     * @throws IllegalStateException once the client is no longer running
     */
    public QueryRouting routing() {
        state.requireRunningOrRebalancing();
        return routing;
    }

    /**
     * Returns a read-only view of the local partitions of a store, which finds the stores on each access.
     *
     * @throws StreamsNotStartedException before the start
     * @throws IllegalStateException once the client is shutting down or has stopped, as in Kafka Streams (the
     *     view's reads throw {@link StateStoreNotAvailableException} then)
     * @throws UnknownStateStoreException if the topology has no such store
     */
    public <T> T store(StoreQueryParameters<T> parameters) {
        String name = parameters.storeName();
        state.requireRunningOrRebalancing();
        if (!builder.storeNames().contains(name)) {
            throw new UnknownStateStoreException("Cannot get state store " + name + " because no such store is"
                + " registered in the topology.");
        }
        QueryableStoreType<T> type = parameters.queryableStoreType();
        // As in Kafka Streams, the stores are looked up on each access, which fails if they are not here (yet).
        return type.create(() -> {
            State now = state.state();
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
     * Runs an Interactive Query v2 request against the local partitions of a store.
     *
     * @throws UnknownStateStoreException if the topology has no such store, checked first (in any state), as in
     *     Kafka Streams
     * @throws StreamsNotStartedException before the start
     * @throws StreamsStoppedException once the client is shutting down or has stopped
     */
    public <R> StateQueryResult<R> query(StateQueryRequest<R> request) {
        String name = request.getStoreName();
        if (!builder.storeNames().contains(name)) {
            throw new UnknownStateStoreException("Cannot get state store " + name + " because no such store is"
                + " registered in the topology.");
        }
        State current = state.requireStarted();
        if (!current.isRunningOrRebalancing()) {
            throw new StreamsStoppedException("KafkaStreams has been stopped (" + current + "). This instance can no"
                + " longer serve queries.");
        }
        return localStateQueries.run(request);
    }
}
