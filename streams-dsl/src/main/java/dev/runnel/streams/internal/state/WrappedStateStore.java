package dev.runnel.streams.internal.state;

import dev.runnel.common.TopicPartition;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import java.util.Map;

/**
 * A store layered on another store, passing the lifecycle calls (name, init, flush, commit, close) and the managed
 * offsets (KIP-1035) to it; subclasses add the store type's own operations. Threading as the wrapped store.
 *
 * @param <S> the type of the wrapped store
 */
public abstract class WrappedStateStore<S extends StateStore> implements StateStore {
    private final S wrapped;

    /** Wraps {@code wrapped}. */
    protected WrappedStateStore(S wrapped) {
        this.wrapped = wrapped;
    }

    /** Returns the first layer of {@code type} from {@code store} down through the layers it wraps, or null. */
    static <T> T layer(StateStore store, Class<T> type) {
        StateStore layer = store;
        while (!type.isInstance(layer)) {
            if (!(layer instanceof WrappedStateStore<?> wrapping)) {
                return null;
            }
            layer = wrapping.wrapped();
        }
        return type.cast(layer);
    }

    /** Returns the store below this layer. */
    public S wrapped() {
        return wrapped;
    }

    @Override
    public String name() {
        return wrapped.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        wrapped.init(context, root);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void flush() {
        wrapped.flush();
    }

    /**
     * Writes the record cache's dirty entries down, to the layers below and the changelog, at a commit before the
     * changelog's offsets are taken; a caching layer does that, the others pass it on. Unlike {@link #flush()} it
     * stops at the first store that is not a layer, so a user's store is not flushed by it.
     */
    public void flushCache() {
        if (wrapped instanceof WrappedStateStore<?> layer) {
            layer.flushCache();
        }
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        wrapped.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return wrapped.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
        return wrapped.managesOffsets();
    }

    @Override
    public void close() {
        wrapped.close();
    }

    @Override
    public boolean persistent() {
        return wrapped.persistent();
    }

    @Override
    public boolean isOpen() {
        return wrapped.isOpen();
    }
}
