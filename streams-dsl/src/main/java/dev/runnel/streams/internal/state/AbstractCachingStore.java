package dev.runnel.streams.internal.state;

import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;

/**
 * A caching layer's tie to its stream thread's {@link ThreadCache}: at init the layer registers its own cache of
 * entries there, and the initializing thread owns it: only that thread writes through the cache ({@link #caching()})
 * and writes it down, on flush. Without a thread cache (a cache of 0 bytes, or a global store) there is none.
 * Subclasses keep the entries and write them down ({@link ThreadCache.Owner}). Writes: the owning stream thread.
 */
abstract class AbstractCachingStore<S extends StateStore> extends WrappedStateStore<S>
    implements ThreadCache.Owner {
    private ThreadCache cache;
    private ThreadCache.NamedCache named;
    private Thread owner;
    private InternalStateStoreContext context;

    AbstractCachingStore(S wrapped) {
        super(wrapped);
    }

    @Override
    public void init(StateStoreContext storeContext, StateStore root) {
        super.init(storeContext, root);
        if (storeContext instanceof InternalStateStoreContext internal) {
            this.context = internal;
            this.cache = internal.threadCache();
            this.named = cache != null ? cache.register(this, internal.taskId(),
                CacheHitRatio.of(internal, name())) : null;
        }
        this.owner = Thread.currentThread();
    }

    /** Whether the layer has a thread cache (it may be another thread's: see {@link #caching()}). */
    final boolean hasCache() {
        return cache != null;
    }

    /** Whether writes go to the cache: the layer has one, and the calling thread owns it. */
    final boolean caching() {
        return cache != null && Thread.currentThread() == owner;
    }

    /** Returns this layer's entries in the thread cache; null without a thread cache. */
    final ThreadCache.NamedCache named() {
        return named;
    }

    /** Returns the runtime's context; null before init, or for a context from outside the runtime. */
    final InternalStateStoreContext context() {
        return context;
    }

    /** Returns the current record's timestamp, or 0 without the runtime's context. */
    final long recordTimestamp() {
        return context == null ? 0L : context.recordTimestamp();
    }

    @Override
    public void flush() {
        flushCache();
        super.flush();
    }

    @Override
    public void flushCache() {
        if (caching()) {
            named.writeDown();
        }
        super.flushCache();
    }

    @Override
    public void close() {
        if (named != null) {
            named.close();
        }
        super.close();
    }
}
