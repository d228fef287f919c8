package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.SessionStore;

/**
 * A session bytes store that logs each put and remove to the task's {@link ChangeLogger}, keyed as
 * {@link WindowKeySchema#toSessionKeyBinary} (key, end, start), with the current record's timestamp. It is also the
 * pass-through base for the session layers. Not thread-safe; owned by the task.
 */
public final class ChangeLoggingSessionBytesStore extends WrappedStateStore<SessionStore<Bytes, byte[]>>
    implements SessionStore<Bytes, byte[]> {
    private final StoreValueLayout layout;
    private ChangeLogger logger = ChangeLogger.DISCARDING;
    private InternalStateStoreContext context;

    /** Wraps {@code wrapped}, whose aggregates carry no headers. */
    public ChangeLoggingSessionBytesStore(SessionStore<Bytes, byte[]> wrapped) {
        this(wrapped, StoreValueLayout.PLAIN);
    }

    /**
     * Wraps {@code wrapped}, whose aggregates have {@code layout} ({@link StoreValueLayout#PLAIN} or
     * {@link StoreValueLayout#HEADERS}, whose headers, KIP-1271, go as record headers).
     */
    public ChangeLoggingSessionBytesStore(SessionStore<Bytes, byte[]> wrapped, StoreValueLayout layout) {
        super(wrapped);
        this.layout = layout;
    }

    @Override
    public void init(StateStoreContext storeContext, StateStore root) {
        wrapped().init(storeContext, root);
        if (storeContext instanceof InternalStateStoreContext internal) {
            this.context = internal;
            this.logger = internal.changeLogger(name(), layout);
        }
    }

    @Override
    public void put(Windowed<Bytes> sessionKey, byte[] aggregate) {
        wrapped().put(sessionKey, aggregate);
        logger.logChange(WindowKeySchema.toSessionKeyBinary(sessionKey.key(), sessionKey.window().start(),
            sessionKey.window().end()), aggregate, context == null ? 0L : context.recordTimestamp());
    }

    @Override
    public void remove(Windowed<Bytes> sessionKey) {
        put(sessionKey, null);
    }

    @Override
    public byte[] fetchSession(Bytes key, long sessionStartTime, long sessionEndTime) {
        return wrapped().fetchSession(key, sessionStartTime, sessionEndTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes key, long earliestSessionEndTime,
        long latestSessionStartTime) {
        return wrapped().findSessions(key, earliestSessionEndTime, latestSessionStartTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes key, long earliestSessionEndTime,
        long latestSessionStartTime) {
        return wrapped().backwardFindSessions(key, earliestSessionEndTime, latestSessionStartTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes keyFrom, Bytes keyTo,
        long earliestSessionEndTime, long latestSessionStartTime) {
        return wrapped().findSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes keyFrom, Bytes keyTo,
        long earliestSessionEndTime, long latestSessionStartTime) {
        return wrapped().backwardFindSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(long earliestSessionEndTime,
        long latestSessionEndTime) {
        return wrapped().findSessions(earliestSessionEndTime, latestSessionEndTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes key) {
        return wrapped().fetch(key);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes key) {
        return wrapped().backwardFetch(key);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo) {
        return wrapped().fetch(keyFrom, keyTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo) {
        return wrapped().backwardFetch(keyFrom, keyTo);
    }
}
