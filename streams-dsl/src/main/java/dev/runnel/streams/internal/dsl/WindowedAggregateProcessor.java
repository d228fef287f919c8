package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.kstream.EmitStrategy;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * What every windowed aggregation processor does besides aggregating: it looks its store up on init (through a view
 * of the operator's usual kind if the store is headers-aware, KIP-1285) and registers the forwarding of what the
 * store's caching layer writes down, or, with {@code emitStrategy(onWindowClose)}, sets up the emission of closed
 * windows instead ({@link ClosedWindowEmitter}); it drops (logs and counts) a record with a null key (or, for the
 * aggregations that skip them as Kafka's do, a null value), and computes stream time and the close time from the
 * close delay. As
 * in Kafka Streams, stream time here is the largest timestamp of the records this processor received, not the
 * task's: records the task reads but filters out, or that go to other operators (such as a joined table's), do not
 * close windows. Not thread-safe; owned by its task.
 */
abstract class WindowedAggregateProcessor<K, V, VAgg, S extends StateStore>
    extends ContextualProcessor<K, V, Windowed<K>, Change<VAgg>> {
    private final Logger log;
    private final String operation;
    private final String storeName;
    private final long closeDelayMs;
    private final boolean skipsNullValues;
    private final Function<StateStore, S> storeView;
    private final boolean emitsOnClose;
    private S store;
    private boolean forwardOnFlush;
    private ClosedWindowEmitter<K, VAgg> closedWindowEmitter;
    private long observedStreamTime = -1L;

    /**
     * @param log the operator's logger, so dropped records are logged under the operator's name
     * @param operation what the processor does, for the log, e.g. {@code "session aggregation"}
     * @param closeDelayMs how far stream time must pass a window's end to close it: the grace period, plus the
     *     inactivity gap for sessions
     * @param skipsNullValues whether a record with a null value is dropped: Kafka's sliding window aggregation
     *     drops it, while its time and session window aggregations aggregate it like any other
     * @param storeView returns the store, timestamped or headers-aware, as the processor reads and writes it
     * @param emitStrategy whether results go downstream as windows update, or once each window closes
     */
    WindowedAggregateProcessor(Logger log, String operation, String storeName, long closeDelayMs,
        boolean skipsNullValues, Function<StateStore, S> storeView, EmitStrategy emitStrategy) {
        this.log = log;
        this.operation = operation;
        this.storeName = storeName;
        this.closeDelayMs = closeDelayMs;
        this.skipsNullValues = skipsNullValues;
        this.storeView = storeView;
        this.emitsOnClose = emitStrategy.type() == EmitStrategy.StrategyType.ON_WINDOW_CLOSE;
    }

    @Override
    public void init(ProcessorContext<Windowed<K>, Change<VAgg>> context) {
        super.init(context);
        StateStore stateStore = context.getStateStore(storeName);
        store = storeView.apply(stateStore);
        if (emitsOnClose) {
            // As Kafka's: the caching layer, if any, only collapses updates; closed windows are read from the store.
            closedWindowEmitter = new ClosedWindowEmitter<>(storeName, closedWindows());
            closedWindowEmitter.init(context, stateStore);
        } else {
            forwardOnFlush = CacheFlushForwarder.registerWindowed(stateStore, context);
        }
    }

    @Override
    public final void process(Record<K, V> record) {
        if (record.key() == null || skipsNullValues && record.value() == null) {
            DroppedRecords.skipNullKeyOrValue(log, context(), operation + " " + storeName, record.key() == null);
            return;
        }
        observedStreamTime = Math.max(observedStreamTime, record.timestamp());
        aggregate(record, observedStreamTime, observedStreamTime - closeDelayMs);
    }

    /**
     * Adds {@code record}, whose key is not null (nor its value, if null values are skipped), to its windows that
     * {@code closeTime} leaves open.
     */
    abstract void aggregate(Record<K, V> record, long streamTime, long closeTime);

    final S store() {
        return store;
    }

    /**
     * Returns whether the processor forwards each update itself: it does unless the store's caching layer forwards
     * them as it writes them down, or the aggregation emits only closed windows.
     */
    final boolean forwardsEachUpdate() {
        return !forwardOnFlush && !emitsOnClose;
    }

    /** Returns the windows a close time closes, for {@code emitStrategy(onWindowClose)}. */
    abstract ClosedWindowEmitter.ClosedWindows<K, VAgg> closedWindows();

    /**
     * With {@code emitStrategy(onWindowClose)}, emits the windows {@code closeTime} closed that were not emitted yet,
     * as {@code record} is processed: each kind of aggregation calls it for the records Kafka's emits on. Kafka's emits
     * after aggregating the record; here it is before, which emits the same windows (the record only updates windows
     * still open), and in the same order, as no update is forwarded. But the store has not yet seen the record's
     * windows, whose starts may expire (drop) a window the record has just closed: a store's retention is as short as
     * its windows' size and grace allow, and Kafka's in-memory stores lose such windows when no record cache holds
     * them, where its default RocksDB stores, which drop expired windows by the minute, do not.
     */
    final void emitClosedWindows(Record<K, V> record, long closeTime) {
        if (closedWindowEmitter != null) {
            closedWindowEmitter.maybeEmit(record, closeTime);
        }
    }
}
