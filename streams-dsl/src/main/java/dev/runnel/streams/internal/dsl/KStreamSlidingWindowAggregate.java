package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.KeyValue;
import dev.runnel.streams.internal.state.TimestampedWindowStoreFacade;
import dev.runnel.streams.kstream.Aggregator;
import dev.runnel.streams.kstream.EmitStrategy;
import dev.runnel.streams.kstream.Initializer;
import dev.runnel.streams.kstream.SlidingWindows;
import dev.runnel.streams.kstream.TimeWindow;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.TimestampedWindowStore;
import dev.runnel.streams.state.ValueAndTimestamp;
import dev.runnel.streams.state.WindowStoreIterator;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates a grouped stream per key and sliding window {@code [start, start + timeDifference]} (both bounds
 * inclusive) into a timestamped window store; each stored aggregate's timestamp is the largest record timestamp in
 * the window.
 */
public record KStreamSlidingWindowAggregate<K, V, VAgg>(String storeName, SlidingWindows windows,
    Initializer<VAgg> initializer, Aggregator<? super K, ? super V, VAgg> aggregator, EmitStrategy emitStrategy)
    implements ProcessorSupplier<K, V, Windowed<K>, Change<VAgg>> {
    /*
     * The windows of a key are, for each record time r: its left window [r - d, r] (or [0, d] while r < d) and, when
     * a later record lies in (r, r + d + 1], its right window [r + 1, r + 1 + d]. Aggregators cannot merge or
     * subtract, so a new window's aggregate is copied from an existing window holding the same records (the idea of
     * Kafka Streams' KIP-450 implementation). For a record t later than every record of its key:
     *  - every existing window containing t gets t added;
     *  - t's left window, if missing, starts from the existing window with the largest start below t - d: it holds
     *    exactly the records in [t - d, t) whenever its largest record time is at least t - d (it is then the left
     *    window of the previous record p, or the right window of the record before t - d), else nothing;
     *  - the previous record p's right window, if missing and t is in it, holds only t. As in Kafka, p is the latest
     *    record of the window with the largest start that ends before t, else of t's left window: where a record's
     *    left window had closed before it came, the windows holding it are not all there, and a record after it
     *    takes the record before it as p.
     * A record older than the latest of its key (out of order, within grace) gets the same, and its own right window
     * [t + 1, t + 1 + d] if missing while a later record lies in it: that window holds the records in (t, t + 1 + d],
     * which are what the existing window with the largest start at or below t, and an end after t, held before t was
     * added (no record lies between that start and t: its right window would start later).
     * A record is dropped when even its right window has closed (t + 1 + d <= stream time - grace); a window ending
     * before stream time - grace is closed, and an update it would get is counted as dropped (Kafka counts both).
     */
    private static final Logger LOG = LoggerFactory.getLogger(KStreamSlidingWindowAggregate.class);

    @Override
    public Processor<K, V, Windowed<K>, Change<VAgg>> get() {
        return new WindowedAggregateProcessor<K, V, VAgg, TimestampedWindowStore<K, VAgg>>(LOG,
            "sliding window aggregation", storeName, windows.gracePeriodMs(), true,
            TimestampedWindowStoreFacade::timestampedView, emitStrategy) {
            @Override
            void aggregate(Record<K, V> record, long streamTime, long closeTime) {
                long t = record.timestamp();
                long d = windows.timeDifferenceMs();
                if (t + 1 + d <= closeTime) {
                    DroppedRecords.skipExpiredWindow(LOG, context(), t, Math.max(0, t - d), t + 1 + d, closeTime,
                        streamTime);
                    return;
                }
                List<KeyValue<Long, ValueAndTimestamp<VAgg>>> existing = new ArrayList<>();
                // A fetch of one key, which a caching store answers from cache and store without flushing.
                try (WindowStoreIterator<ValueAndTimestamp<VAgg>> iterator =
                    store().fetch(record.key(), Math.max(0, t - 2 * d), t + 1)) {
                    iterator.forEachRemaining(existing::add);
                }
                if (t < d) {
                    // As Kafka's, a record in the first d ms emits no closed windows.
                    addEarly(record, existing, closeTime);
                    return;
                }
                emitClosedWindows(record, closeTime);
                add(record, existing, closeTime);
            }

            /** Adds a record at t >= d to the {@code existing} windows of its key that may hold it. */
            private void add(Record<K, V> record, List<KeyValue<Long, ValueAndTimestamp<VAgg>>> existing,
                long closeTime) {
                long t = record.timestamp();
                long d = windows.timeDifferenceMs();
                // Kafka's order: the windows holding t from the latest start down, the previous record's new right
                // window, t's new left window, then t's new right window. As Kafka, the previous record is the latest
                // in the window with the largest start that ends before t (else in t's left window): the windows of
                // a record whose left window closed before it came are incomplete, and Kafka's results follow these.
                long previous = -1;
                boolean leftExists = false;
                boolean rightExists = false;
                ValueAndTimestamp<VAgg> leftBase = null;
                ValueAndTimestamp<VAgg> rightBase = null;
                List<Long> starts = new ArrayList<>();
                for (int i = existing.size() - 1; i >= 0; i--) {
                    long start = existing.get(i).key;
                    ValueAndTimestamp<VAgg> window = existing.get(i).value;
                    starts.add(start);
                    if (start == t + 1) {
                        rightExists = true;
                    } else if (start + d > t) {
                        rightBase = rightBase == null ? window : rightBase;
                        update(record, start, window.value(), window.timestamp(), closeTime);
                    } else if (start + d == t) {
                        leftExists = true;
                        update(record, start, window.value(), window.timestamp(), closeTime);
                        if (window.timestamp() >= t) {
                            return; // a record at t was here before: its windows are all there
                        }
                        previous = window.timestamp();
                    } else {
                        leftBase = window;
                        previous = window.timestamp();
                        break;
                    }
                }
                if (previous >= 0 && t <= previous + 1 + d && !starts.contains(previous + 1)) {
                    update(record, previous + 1, initializer.apply(), t, closeTime);
                }
                if (!leftExists) {
                    VAgg base = leftBase != null && previous >= t - d ? leftBase.value() : initializer.apply();
                    update(record, t - d, base, t, closeTime);
                }
                if (!rightExists && rightBase != null && rightBase.timestamp() > t) {
                    createWithout(record, t + 1, rightBase, closeTime);
                }
            }

            /**
             * Adds a record in the first d ms, whose left window is [0, d], in Kafka's order: the later windows
             * holding it (by start), its new right window, the previous record's new right window, then [0, d].
             */
            private void addEarly(Record<K, V> record, List<KeyValue<Long, ValueAndTimestamp<VAgg>>> existing,
                long closeTime) {
                long t = record.timestamp();
                ValueAndTimestamp<VAgg> first = null;
                ValueAndTimestamp<VAgg> right = null;
                boolean rightExists = false;
                List<Long> starts = new ArrayList<>();
                for (KeyValue<Long, ValueAndTimestamp<VAgg>> window : existing) {
                    starts.add(window.key);
                    if (window.key == 0) {
                        first = window.value;
                    } else if (window.key <= t) {
                        right = window.value;
                        update(record, window.key, window.value.value(), window.value.timestamp(), closeTime);
                    } else if (window.key == t + 1) {
                        rightExists = true;
                    }
                }
                // As Kafka: without a later window holding t, [0, d] holds only records after t if it holds any.
                right = right == null && first != null && first.timestamp() > t ? first : right;
                if (!rightExists && right != null && right.timestamp() > t) {
                    createWithout(record, t + 1, right, closeTime);
                }
                long previous = first != null && first.timestamp() < t ? first.timestamp() : -1;
                if (previous >= 0 && !starts.contains(previous + 1)) {
                    update(record, previous + 1, initializer.apply(), t, closeTime);
                }
                update(record, 0, first != null ? first.value() : initializer.apply(),
                    first != null ? first.timestamp() : t, closeTime);
            }

            /**
             * A window [start, start + d] is closed once the close time passes its end. As Kafka's, the range read
             * is of the starts from where the last one ended up to the new close time's.
             */
            @Override
            ClosedWindowEmitter.ClosedWindows<K, VAgg> closedWindows() {
                return new ClosedWindowEmitter.ClosedWindows<>() {
                    @Override
                    public long from(long lastCloseTime) {
                        return lastCloseTime < 0 ? 0 : Math.max(0, lastCloseTime - windows.timeDifferenceMs());
                    }

                    @Override
                    public long to(long closeTime) {
                        return closeTime - windows.timeDifferenceMs() - 1;
                    }

                    @Override
                    public KeyValueIterator<Windowed<K>, ValueAndTimestamp<VAgg>> read(long from, long to) {
                        return store().fetchAll(from, to);
                    }
                };
            }

            /** Creates the window at {@code start} holding {@code aggregate}, which lacks the record (out of order). */
            private void createWithout(Record<K, V> record, long start, ValueAndTimestamp<VAgg> aggregate,
                long closeTime) {
                long end = start + windows.timeDifferenceMs();
                if (end < closeTime) {
                    return;
                }
                store().put(record.key(), aggregate, start);
                if (forwardsEachUpdate()) {
                    context().forward(new Record<>(new Windowed<>(record.key(), new TimeWindow(start, end)),
                        new Change<>(aggregate.value(), null), aggregate.timestamp(), record.headers()));
                }
            }

            private void update(Record<K, V> record, long start, VAgg base, long maxRecord, long closeTime) {
                long end = start + windows.timeDifferenceMs();
                if (end < closeTime) {
                    // As Kafka, a window whose inclusive end is the close time is still open; a closed one is
                    // skipped and counted as dropped.
                    DroppedRecords.skipExpiredWindow(LOG, context(), record.timestamp(), start, end, closeTime,
                        closeTime + windows.gracePeriodMs());
                    return;
                }
                VAgg agg = aggregator.apply(record.key(), record.value(), base);
                long timestamp = Math.max(maxRecord, record.timestamp());
                store().put(record.key(), ValueAndTimestamp.make(agg, timestamp), start);
                if (forwardsEachUpdate()) {
                    // As Kafka, the old value is the aggregate the window started from, also for a new window (the
                    // initializer's, or the one of the window it copies); a cache's write-down reads the store's.
                    context().forward(new Record<>(new Windowed<>(record.key(), new TimeWindow(start, end)),
                        new Change<>(agg, base), timestamp, record.headers()));
                }
            }
        };
    }
}
