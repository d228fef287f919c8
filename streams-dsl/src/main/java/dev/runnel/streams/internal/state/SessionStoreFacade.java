package dev.runnel.streams.internal.state;

import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.AggregationWithHeaders;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.SessionStore;
import dev.runnel.streams.state.SessionStoreWithHeaders;
import java.util.function.Function;

/**
 * A headers-aware session store seen as a plain one, as {@code QueryableStoreTypes.sessionStore()}, IQv2 and the
 * test driver's {@code getSessionStore} read it: reads drop the headers, puts store none. The DSL's session
 * aggregations work on their stores through it under {@code dsl.store.format=HEADERS} (KIP-1285).
 */
public final class SessionStoreFacade<K, AGG> extends WrappedStateStore<SessionStoreWithHeaders<K, AGG>>
    implements SessionStore<K, AGG> {

    /** Wraps {@code inner}. */
    public SessionStoreFacade(SessionStoreWithHeaders<K, AGG> inner) {
        super(inner);
    }

    /** Returns {@code store} seen as a plain session store if it is a headers-aware one, else {@code null}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <K, AGG> SessionStore<K, AGG> plainViewOrNull(StateStore store) {
        return store instanceof SessionStoreWithHeaders headers ? new SessionStoreFacade<>(headers) : null;
    }

    /** Returns {@code store}, a session store, seen as one of plain aggregates: itself unless it is headers-aware. */
    @SuppressWarnings("unchecked")
    public static <K, AGG> SessionStore<K, AGG> plainView(StateStore store) {
        SessionStore<K, AGG> facade = plainViewOrNull(store);
        return facade != null ? facade : (SessionStore<K, AGG>) store;
    }

    private KeyValueIterator<Windowed<K>, AGG> plain(
        KeyValueIterator<Windowed<K>, AggregationWithHeaders<AGG>> iterator) {
        return new MappedKeyValueIterator<>(iterator, Function.identity(),
            AggregationWithHeaders::getAggregationOrNull);
    }

    @Override
    public void put(Windowed<K> sessionKey, AGG aggregate) {
        wrapped().put(sessionKey, AggregationWithHeaders.make(aggregate, null));
    }

    @Override
    public void remove(Windowed<K> sessionKey) {
        wrapped().remove(sessionKey);
    }

    @Override
    public AGG fetchSession(K key, long sessionStartTime, long sessionEndTime) {
        return AggregationWithHeaders.getAggregationOrNull(wrapped().fetchSession(key, sessionStartTime,
            sessionEndTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> findSessions(K key, long earliestSessionEndTime,
        long latestSessionStartTime) {
        return plain(wrapped().findSessions(key, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K key, long earliestSessionEndTime,
        long latestSessionStartTime) {
        return plain(wrapped().backwardFindSessions(key, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> findSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
        long latestSessionStartTime) {
        return plain(wrapped().findSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
        long latestSessionStartTime) {
        return plain(wrapped().backwardFindSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> findSessions(long earliestSessionEndTime, long latestSessionEndTime) {
        return plain(wrapped().findSessions(earliestSessionEndTime, latestSessionEndTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> fetch(K key) {
        return plain(wrapped().fetch(key));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> backwardFetch(K key) {
        return plain(wrapped().backwardFetch(key));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> fetch(K keyFrom, K keyTo) {
        return plain(wrapped().fetch(keyFrom, keyTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> backwardFetch(K keyFrom, K keyTo) {
        return plain(wrapped().backwardFetch(keyFrom, keyTo));
    }
}
