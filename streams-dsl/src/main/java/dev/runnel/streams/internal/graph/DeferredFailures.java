package dev.runnel.streams.internal.graph;

import dev.runnel.streams.errors.TopologyException;

/**
 * When a topology's invalid additions fail. Kafka Streams' DSL records operations in a graph and writes them to the
 * topology only in {@code StreamsBuilder#build}, so a clash of names or stores there fails the build, not the DSL call
 * that caused it; the processor API fails each call at once. While the DSL adds, the first failure waits here for the
 * build; the nodes, stores and connections an addition refused are simply missing meanwhile.
 */
final class DeferredFailures {
    private boolean deferring;
    /** The depth of additions in progress: one addition made of others fails as a whole. */
    private int depth;
    private TopologyException first;

    /** Defers failures from now on (while the DSL adds), or fails each addition at once again. */
    void defer(boolean defer) {
        deferring = defer;
    }

    /** Runs {@code addition}, keeping its failure for {@link #throwFirst} while deferring. */
    void run(Runnable addition) {
        depth++;
        try {
            addition.run();
        } catch (TopologyException e) {
            if (!deferring || depth > 1) {
                throw e;
            }
            if (first == null) {
                first = e;
            }
        } finally {
            depth--;
        }
    }

    /** Throws the first failure deferred, if any. */
    void throwFirst() {
        if (first != null) {
            throw first;
        }
    }
}
