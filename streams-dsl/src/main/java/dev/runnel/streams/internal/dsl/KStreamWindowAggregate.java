package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.internal.state.TimestampedWindowStoreFacade;
import dev.runnel.streams.kstream.Aggregator;
import dev.runnel.streams.kstream.EmitStrategy;
import dev.runnel.streams.kstream.Initializer;
import dev.runnel.streams.kstream.TimeWindow;
import dev.runnel.streams.kstream.TimeWindows;
import dev.runnel.streams.kstream.Window;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.kstream.Windows;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.TimestampedWindowStore;
import dev.runnel.streams.state.ValueAndTimestamp;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates a grouped stream per key and fixed-size time window (tumbling or hopping) into a timestamped window
 * store, forwarding each window's new aggregate with the previous one (with the record cache on: as the cache
 * flushes, see {@link CacheFlushForwarder}), or with {@code emitStrategy(onWindowClose)} each window's final aggregate
 * once it closes.
 */
public record KStreamWindowAggregate<K, V, VAgg, W extends Window>(String storeName, Windows<W> windows,
    Initializer<VAgg> initializer, Aggregator<? super K, ? super V, VAgg> aggregator, EmitStrategy emitStrategy)
    implements ProcessorSupplier<K, V, Windowed<K>, Change<VAgg>> {
    /*
     * Event time and grace: stream time is the task's (the largest record timestamp the task has seen, this record
     * included). A window [start, end) closes when stream time reaches end + grace; a record is added to each of its
     * windows that is still open, and for each closed one it is logged and counted as dropped, as Kafka Streams
     * does (so a late record of a hopping aggregation may count once per closed window). Closed windows are never
     * written again, so the store's retention (at least size + grace) keeps every open window.
     */
    private static final Logger LOG = LoggerFactory.getLogger(KStreamWindowAggregate.class);

    @Override
    public Processor<K, V, Windowed<K>, Change<VAgg>> get() {
        return new WindowedAggregateProcessor<K, V, VAgg, TimestampedWindowStore<K, VAgg>>(LOG,
            "windowed aggregation", storeName, windows.gracePeriodMs(), false,
            TimestampedWindowStoreFacade::timestampedView, emitStrategy) {
            @Override
            void aggregate(Record<K, V> record, long streamTime, long closeTime) {
                emitClosedWindows(record, closeTime);
                aggregateWindows(record, streamTime, closeTime);
            }

            private void aggregateWindows(Record<K, V> record, long streamTime, long closeTime) {
                if (windows instanceof TimeWindows time) {
                    // TimeWindows#windowsFor's windows, without the map and window objects it makes per record.
                    long timestamp = record.timestamp();
                    long advance = time.advanceMs;
                    for (long start = Math.max(0, timestamp - time.sizeMs + advance) / advance * advance;
                        start <= timestamp; start += advance) {
                        long end = start + time.sizeMs;
                        aggregateWindow(record, start, end < start ? Long.MAX_VALUE : end, null, streamTime,
                            closeTime);
                    }
                    return;
                }
                for (Map.Entry<Long, W> entry : windows.windowsFor(record.timestamp()).entrySet()) {
                    W window = entry.getValue();
                    aggregateWindow(record, entry.getKey(), window.end(), window, streamTime, closeTime);
                }
            }

            /** Adds the record to window {@code [start, end)} ({@code window}, or null for a TimeWindow of them). */
            @SuppressWarnings("unchecked")
            private void aggregateWindow(Record<K, V> record, long windowStart, long windowEnd, W window,
                long streamTime, long closeTime) {
                if (windowEnd <= closeTime) {
                    DroppedRecords.skipExpiredWindow(LOG, context(), record.timestamp(), windowStart, windowEnd,
                        closeTime, streamTime);
                    return;
                }
                TimestampedWindowStore<K, VAgg> store = store();
                ValueAndTimestamp<VAgg> old = store.fetch(record.key(), windowStart);
                // As in Kafka Streams, a new window's update carries the initial aggregate as its old value.
                VAgg stored = ValueAndTimestamp.getValueOrNull(old);
                VAgg oldAgg = stored == null ? initializer.apply() : stored;
                VAgg newAgg = aggregator.apply(record.key(), record.value(), oldAgg);
                long timestamp = old == null ? record.timestamp() : Math.max(record.timestamp(), old.timestamp());
                store.put(record.key(), ValueAndTimestamp.make(newAgg, timestamp), windowStart);
                if (forwardsEachUpdate()) {
                    W forwarded = window != null ? window : (W) new TimeWindow(windowStart, windowEnd);
                    context().forward(new Record<>(new Windowed<>(record.key(), forwarded),
                        new Change<>(newAgg, oldAgg), timestamp, record.headers()));
                }
            }

            /**
             * A window [start, start + size) is closed once the close time reaches its end. As Kafka's, the range
             * read skips the starts of windows the last emission already emitted, and is not read at all while the
             * windows holding its last start are those holding the time before its first (no window ended since).
             */
            @Override
            ClosedWindowEmitter.ClosedWindows<K, VAgg> closedWindows() {
                return new ClosedWindowEmitter.ClosedWindows<>() {
                    @Override
                    public long from(long lastCloseTime) {
                        return lastCloseTime < 0 ? 0 : Math.max(0, lastCloseTime - windows.size()) + 1;
                    }

                    @Override
                    public long to(long closeTime) {
                        return closeTime - windows.size();
                    }

                    @Override
                    public boolean mayHoldNew(long from, long to, long lastCloseTime) {
                        return lastCloseTime < 0 || !windows.windowsFor(to).equals(windows.windowsFor(from - 1));
                    }

                    @Override
                    public KeyValueIterator<Windowed<K>, ValueAndTimestamp<VAgg>> read(long from, long to) {
                        return store().fetchAll(from, to);
                    }
                };
            }
        };
    }
}
