package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.KeyValue;
import dev.runnel.streams.internal.state.ListKeyValueIterator;
import dev.runnel.streams.internal.state.SessionStoreFacade;
import dev.runnel.streams.kstream.Aggregator;
import dev.runnel.streams.kstream.EmitStrategy;
import dev.runnel.streams.kstream.Initializer;
import dev.runnel.streams.kstream.Merger;
import dev.runnel.streams.kstream.SessionWindow;
import dev.runnel.streams.kstream.SessionWindows;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.SessionStore;
import dev.runnel.streams.state.ValueAndTimestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates a grouped stream per key and session. A record at {@code t} joins every session of its key that ends at
 * or after {@code t - gap} and starts at or before {@code t + gap}; their aggregates are merged (starting from the
 * initializer) and the record is added. The merged sessions, the one the record only falls into too, are deleted
 * (forwarded with a null new value) unless the record makes a session of its own instant, and the merged session is
 * written and forwarded (without an old value); with the record cache on, both are forwarded as the cache flushes
 * (see {@link CacheFlushForwarder}), and a session created and merged away between two flushes is never forwarded.
 */
public record KStreamSessionWindowAggregate<K, V, VAgg>(String storeName, SessionWindows windows,
    Initializer<VAgg> initializer, Aggregator<? super K, ? super V, VAgg> aggregator,
    Merger<? super K, VAgg> sessionMerger, EmitStrategy emitStrategy)
    implements ProcessorSupplier<K, V, Windowed<K>, Change<VAgg>> {
    /*
     * Closing: a session [start, end] is closed once stream time - grace - gap > end (Kafka's rule since KAFKA-12718;
     * session ends are inclusive): until then a record within the gap of its end may still arrive in time and extend
     * it. The check is on the merged session, before anything is removed, so a late record that would only extend a
     * closed session is dropped and counted without touching the store.
     */
    private static final Logger LOG = LoggerFactory.getLogger(KStreamSessionWindowAggregate.class);

    @Override
    public Processor<K, V, Windowed<K>, Change<VAgg>> get() {
        return new WindowedAggregateProcessor<K, V, VAgg, SessionStore<K, VAgg>>(LOG, "session aggregation",
            storeName, windows.gracePeriodMs() + windows.inactivityGap(), false, SessionStoreFacade::plainView,
            emitStrategy) {
            @Override
            void aggregate(Record<K, V> record, long streamTime, long closeTime) {
                emitClosedWindows(record, closeTime);
                aggregateSessions(record, streamTime, closeTime);
            }

            private void aggregateSessions(Record<K, V> record, long streamTime, long closeTime) {
                SessionStore<K, VAgg> store = store();
                long timestamp = record.timestamp();
                List<KeyValue<Windowed<K>, VAgg>> merged = new ArrayList<>();
                long start = timestamp;
                long end = timestamp;
                VAgg agg = initializer.apply();
                try (KeyValueIterator<Windowed<K>, VAgg> sessions = store.findSessions(record.key(),
                    timestamp - windows.inactivityGap(), timestamp + windows.inactivityGap())) {
                    while (sessions.hasNext()) {
                        KeyValue<Windowed<K>, VAgg> session = sessions.next();
                        merged.add(session);
                        agg = sessionMerger.apply(record.key(), agg, session.value);
                        start = Math.min(start, session.key.window().start());
                        end = Math.max(end, session.key.window().end());
                    }
                }
                if (end < closeTime) {
                    DroppedRecords.skipExpiredWindow(LOG, context(), timestamp, start, end, closeTime, streamTime);
                    return;
                }
                // As Kafka, unless the record makes a session of its own instant, every session it merges is deleted,
                // the one it only falls into too, before the merged one is written (without an old value).
                if (start != timestamp || end != timestamp) {
                    for (KeyValue<Windowed<K>, VAgg> session : merged) {
                        store.remove(session.key);
                        if (forwardsEachUpdate()) {
                            context().forward(new Record<>(session.key, new Change<VAgg>(null, session.value),
                                session.key.window().end(), null));
                        }
                    }
                }
                agg = aggregator.apply(record.key(), record.value(), agg);
                SessionWindow window = new SessionWindow(start, end);
                Windowed<K> sessionKey = new Windowed<>(record.key(), window);
                store.put(sessionKey, agg);
                if (forwardsEachUpdate()) {
                    // Kafka forwards the updates as new records, without the record's headers.
                    context().forward(new Record<>(sessionKey, new Change<>(agg, null), end, null));
                }
            }

            /**
             * A session is closed once the close time passes its (inclusive) end. As Kafka's, the range read is of
             * the sessions ending from the last close time emitted up to the new one, exclusive, each emitted with
             * its end as its timestamp.
             */
            @Override
            ClosedWindowEmitter.ClosedWindows<K, VAgg> closedWindows() {
                return new ClosedWindowEmitter.ClosedWindows<>() {
                    @Override
                    public long from(long lastCloseTime) {
                        return Math.max(0, lastCloseTime);
                    }

                    @Override
                    public long to(long closeTime) {
                        return closeTime - 1;
                    }

                    @Override
                    public boolean mayHoldNew(long from, long to, long lastCloseTime) {
                        return to >= from;
                    }

                    @Override
                    public KeyValueIterator<Windowed<K>, ValueAndTimestamp<VAgg>> read(long from, long to) {
                        return withEnds(store().findSessions(from, to));
                    }
                };
            }
        };
    }

    /**
     * Returns {@code sessions}, each aggregate with its session's end as its timestamp, ordered as Kafka's default
     * store for these aggregations orders them: by end, then start, then key (the store gives end, key, start, and
     * the sort keeps its key order among sessions of one end and start).
     */
    private static <K, VAgg> KeyValueIterator<Windowed<K>, ValueAndTimestamp<VAgg>> withEnds(
        KeyValueIterator<Windowed<K>, VAgg> sessions) {
        List<KeyValue<Windowed<K>, ValueAndTimestamp<VAgg>>> closed = new ArrayList<>();
        try (sessions) {
            sessions.forEachRemaining(session -> closed.add(KeyValue.pair(session.key,
                ValueAndTimestamp.makeAllowNullable(session.value, session.key.window().end()))));
        }
        closed.sort(Comparator.comparingLong((KeyValue<Windowed<K>, ValueAndTimestamp<VAgg>> session) ->
            session.key.window().end()).thenComparingLong(session -> session.key.window().start()));
        return new ListKeyValueIterator<>(closed, false);
    }
}
