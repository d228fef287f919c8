package dev.runnel.streams.internal.state;

import static dev.runnel.streams.internal.state.StoreBytes.string;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.kstream.Windowed;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A caching window or session store initialized in a {@link RecordingStoreContext} with a thread cache, recording
 * each flushed change as "name=new/old", names given by the test.
 */
class CachingWindowedStoreFixture<S extends AbstractCachingWindowedStore<?>> {
    final RecordingStoreContext context;
    final S store;
    final List<String> flushed = new ArrayList<>();
    /** The thread cache; {@code null} for a store without one. */
    final ThreadCache cache;

    CachingWindowedStoreFixture(S store, ThreadCache cache, Function<Windowed<Bytes>, String> flushName) {
        this.store = store;
        this.cache = cache;
        context = new RecordingStoreContext(cache);
        store.init(context, store);
        store.setFlushListener((k, newValue, oldValue, ts) -> flushed.add(flushName.apply(k) + "=" + string(newValue)
            + "/" + string(oldValue)), true);
    }

    /** Checks the invariants of the caching store and of its thread cache. */
    void checkInvariants() {
        store.checkInvariants();
        if (cache != null) {
            cache.checkInvariants();
        }
    }
}
