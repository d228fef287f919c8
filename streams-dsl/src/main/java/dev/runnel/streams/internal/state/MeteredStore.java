package dev.runnel.streams.internal.state;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.Deserializer;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import java.util.Map;
import java.util.Objects;

/**
 * The outermost, typed layer of a store: at {@link #init} it resolves its serdes (those the builder left {@code null}
 * fall back to the application's defaults), and it converts keys and values to and from the bytes layers below.
 * Subclasses add the store type's operations, each measured for the store's {@link StateStoreMetrics}, which this
 * layer adds at init, as Kafka Streams' metered stores do. Not thread-safe for writes; owned by the task.
 *
 * @param <S> the bytes store below
 * @param <K> the key type
 * @param <V> the value type of this layer (a timestamped store's is a {@code ValueAndTimestamp})
 */
public abstract class MeteredStore<S extends StateStore, K, V> extends WrappedStateStore<S> {
    private final Serde<K> configuredKeySerde;
    private final Serde<?> configuredValueSerde;
    private final String metricsScope;
    private String serdeTopic;
    private Serializer<K> keySerializer;
    private Deserializer<K> keyDeserializer;
    private Serializer<V> valueSerializer;
    private Deserializer<V> valueDeserializer;
    /** The runtime's context, once initialized by it; {@code null} for a context from outside the runtime. */
    private InternalStateStoreContext runtime;
    private KeyMemo lastKey;
    private StateStoreContext storeContext;
    private StateStoreMetrics.Operation commitOperation = StateStoreMetrics.Operation.OFF;
    private StateStoreMetrics.Operation restoreOperation = StateStoreMetrics.Operation.OFF;
    private StateStoreMetrics.EndToEndLatency endToEndLatency = StateStoreMetrics.EndToEndLatency.OFF;

    /**
     * Wraps the bytes store; either serde may be {@code null} for the application default. {@code metricsScope} is
     * the store supplier's, which names the store's metrics tag {@code <metricsScope>-state-id}.
     */
    protected MeteredStore(S wrapped, Serde<K> keySerde, Serde<?> valueSerde, String metricsScope) {
        super(Objects.requireNonNull(wrapped, "wrapped"));
        this.configuredKeySerde = keySerde;
        this.configuredValueSerde = valueSerde;
        this.metricsScope = Objects.requireNonNull(metricsScope, "metricsScope");
    }

    /** Returns the store supplier's metrics scope, e.g. {@code in-memory} or {@code in-memory-lru}. */
    public String metricsScope() {
        return metricsScope;
    }

    /**
     * Adds the sensors of the store type's own operations to {@code metrics}; called at init, before the layers
     * below are initialized.
     */
    protected abstract void addOperationMetrics(StateStoreMetrics metrics);

    /** Returns the serde of this layer's values given the user's value serde; timestamped stores wrap it. */
    @SuppressWarnings("unchecked")
    protected Serde<V> valueSerde(Serde<?> userValueSerde) {
        return (Serde<V>) userValueSerde;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        refuseInsideProcessor("initialized");
        if (context instanceof InternalStateStoreContext internal) {
            this.runtime = internal;
        }
        Serde<K> keySerde = StoreSerdes.keySerde(configuredKeySerde, context, name());
        Serde<V> valueSerde = valueSerde(StoreSerdes.valueSerde(configuredValueSerde, context, name()));
        this.serdeTopic = InternalStateStoreContext.changelogTopic(context.applicationId(), name());
        this.keySerializer = keySerde.serializer();
        this.keyDeserializer = keySerde.deserializer();
        this.valueSerializer = valueSerde.serializer();
        this.valueDeserializer = valueSerde.deserializer();
        this.lastKey = null;
        this.storeContext = context;
        StateStoreMetrics metrics = StateStoreMetrics.of(context, metricsScope, name());
        addOperationMetrics(metrics);
        // Kafka Streams 4.3 still adds flush-rate and flush-latency-avg/max but measures commits as commit-*.
        metrics.operation("flush");
        this.commitOperation = metrics.operation("commit");
        this.restoreOperation = metrics.operation("restore");
        this.endToEndLatency = metrics.endToEndLatency();
        if (!persistent()) {
            StateStore innermost = wrapped();
            while (innermost instanceof WrappedStateStore<?> layer) {
                innermost = layer.wrapped();
            }
            metrics.numKeys(innermost instanceof InMemoryStore inMemory ? inMemory::numEntries : () -> -1L);
        }
        super.init(context, root);
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        long start = commitOperation.start();
        super.commit(changelogOffsets);
        commitOperation.record(start);
    }

    /** Returns the time a restoration of this store starts, for {@link #restored} (0 if restore-* do not record). */
    public long restoreStarted() {
        return restoreOperation.start();
    }

    /** Records a restoration of this store that started at {@code startNanos}, from {@link #restoreStarted}. */
    public void restored(long startNanos) {
        restoreOperation.record(startNanos);
    }

    /** Returns the context the store was initialized with, or {@code null} before. */
    protected final StateStoreContext storeContext() {
        return storeContext;
    }

    /** Records for {@code record-e2e-latency} that the record being processed was written to this store (TRACE). */
    protected final void recordWrite() {
        endToEndLatency.recordWrite(storeContext);
    }

    @Override
    public void close() {
        refuseInsideProcessor("closed");
        super.close();
    }

    /** As in Kafka Streams, a processor may not initialize or close a store: the runtime does, with the task. */
    private void refuseInsideProcessor(String what) {
        if (runtime != null && runtime.processorRunning()) {
            throw new UnsupportedOperationException("Store " + name() + " may not be " + what + " by a processor;"
                + " the runtime does that with its task");
        }
    }

    /** Returns the bytes of {@code key}, which must not be null. */
    protected final Bytes rawKey(K key) {
        KeyMemo memo = lastKey;
        if (memo != null && memo.key == key) {
            return memo.raw;
        }
        Bytes raw = Bytes.wrap(keySerializer.serialize(serdeTopic, Objects.requireNonNull(key, "key cannot be null")));
        if (key instanceof String || key instanceof Long || key instanceof Integer) {
            lastKey = new KeyMemo(key, raw);
        }
        return raw;
    }

    /**
     * The last immutable key object serialized and its bytes: a read-modify-write (an aggregation's get or fetch, then
     * put of the same key object) serializes the key once. Immutable, so a reader on another thread sees a consistent
     * pair.
     */
    private record KeyMemo(Object key, Bytes raw) {
    }

    /** Returns the bytes of {@code key}, or null for a null key (an open end of a range). */
    protected final Bytes rawKeyOrNull(K key) {
        return key == null ? null : rawKey(key);
    }

    /** Returns the bytes of {@code value}, or null (a deletion). */
    protected final byte[] rawValue(V value) {
        return value == null ? null : valueSerializer.serialize(serdeTopic, value);
    }

    /** Returns the key that {@code rawKey} encodes. */
    protected final K key(byte[] rawKey) {
        return keyDeserializer.deserialize(serdeTopic, rawKey);
    }

    /** Returns the value that {@code rawValue} encodes, or null for null. */
    protected final V value(byte[] rawValue) {
        return rawValue == null ? null : valueDeserializer.deserialize(serdeTopic, rawValue);
    }
}
