package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Deserializer;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import java.util.Objects;

/**
 * The outermost, typed layer of a store: at {@link #init} it resolves its serdes (those the builder left {@code null}
 * fall back to the application's defaults), and it converts keys and values to and from the bytes layers below.
 * Subclasses add the store type's operations. Not thread-safe for writes; owned by the task.
 *
 * @param <S> the bytes store below
 * @param <K> the key type
 * @param <V> the value type of this layer (a timestamped store's is a {@code ValueAndTimestamp})
 */
public abstract class MeteredStore<S extends StateStore, K, V> extends WrappedStateStore<S> {
    private final Serde<K> configuredKeySerde;
    private final Serde<?> configuredValueSerde;
    private String serdeTopic;
    private Serializer<K> keySerializer;
    private Deserializer<K> keyDeserializer;
    private Serializer<V> valueSerializer;
    private Deserializer<V> valueDeserializer;
    /** The runtime's context, once initialized by it; {@code null} for a context from outside the runtime. */
    private InternalStateStoreContext runtime;
    private KeyMemo lastKey;

    /** Wraps the bytes store; either serde may be {@code null} for the application default. */
    protected MeteredStore(S wrapped, Serde<K> keySerde, Serde<?> valueSerde) {
        super(Objects.requireNonNull(wrapped, "wrapped"));
        this.configuredKeySerde = keySerde;
        this.configuredValueSerde = valueSerde;
    }

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
        super.init(context, root);
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
