package dev.runnel.streams.state;

import dev.runnel.streams.processor.StateStore;

/**
 * A session store that keeps, with each session's aggregate, the record headers that go with it (KIP-1271), so that
 * header-carried metadata survives the store, its changelog and a restore. Build one with
 * {@link Stores#sessionStoreWithHeadersBuilder}.
 */
public interface SessionStoreWithHeaders<K, AGG> extends StateStore, SessionStore<K, AggregationWithHeaders<AGG>> {
}
