package dev.runnel.streams.processor;

import java.io.IOException;

/**
 * Called after each commit of the task that owns a store registered with
 * {@link StateStoreContext#register(StateStore, StateRestoreCallback, CommitCallback)}: the store's writes and the
 * task's input offsets are then durable, so a store can, say, record its own checkpoint.
 */
@FunctionalInterface
public interface CommitCallback {
    /**
     * Runs after a commit, on the task's thread.
     *
     * @throws IOException if the store cannot act on the commit; the runtime fails the task with a
     *     {@link dev.runnel.streams.errors.StreamsException}
     */
    void onCommit() throws IOException;
}
