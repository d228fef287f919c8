package dev.runnel.streams.state;

import dev.runnel.common.header.Headers;
import dev.runnel.common.serialization.Deserializer;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.streams.errors.StreamsException;
import java.util.Objects;

/**
 * The key and value serdes of a store together with the topic they serialize for (its changelog), for custom stores
 * that keep bytes: {@code rawKey}/{@code rawValue} serialize, {@code keyFrom}/{@code valueFrom} deserialize. Holds one
 * serializer and deserializer of each; as thread-safe as they are.
 *
 * <pre>{@code
 * StateSerdes<String, Long> serdes = StateSerdes.withBuiltinTypes("app-counts-changelog", String.class, Long.class);
 * byte[] key = serdes.rawKey("alice");
 * }</pre>
 */
public final class StateSerdes<K, V> {
    /** The size in bytes of a timestamp in a store's serialized formats. */
    public static final int TIMESTAMP_SIZE = 8;
    /** The size in bytes of a boolean in a store's serialized formats. */
    public static final int BOOLEAN_SIZE = 1;

    private final String topic;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final Serializer<K> keySerializer;
    private final Deserializer<K> keyDeserializer;
    private final Serializer<V> valueSerializer;
    private final Deserializer<V> valueDeserializer;

    /** Creates serdes for {@code topic}; all arguments are required. */
    public StateSerdes(String topic, Serde<K> keySerde, Serde<V> valueSerde) {
        this.topic = Objects.requireNonNull(topic, "topic cannot be null");
        this.keySerde = Objects.requireNonNull(keySerde, "key serde cannot be null");
        this.valueSerde = Objects.requireNonNull(valueSerde, "value serde cannot be null");
        this.keySerializer = keySerde.serializer();
        this.keyDeserializer = keySerde.deserializer();
        this.valueSerializer = valueSerde.serializer();
        this.valueDeserializer = valueSerde.deserializer();
    }

    /**
     * Returns serdes of built-in types (those {@link Serdes#serdeFrom(Class)} knows).
     *
     * @throws IllegalArgumentException if a type has no built-in serde
     */
    public static <K, V> StateSerdes<K, V> withBuiltinTypes(String topic, Class<K> keyClass, Class<V> valueClass) {
        return new StateSerdes<>(topic, Serdes.serdeFrom(keyClass), Serdes.serdeFrom(valueClass));
    }

    public Serde<K> keySerde() {
        return keySerde;
    }

    public Serde<V> valueSerde() {
        return valueSerde;
    }

    public Deserializer<K> keyDeserializer() {
        return keyDeserializer;
    }

    public Serializer<K> keySerializer() {
        return keySerializer;
    }

    public Deserializer<V> valueDeserializer() {
        return valueDeserializer;
    }

    public Serializer<V> valueSerializer() {
        return valueSerializer;
    }

    /** Returns the topic the serdes serialize for. */
    public String topic() {
        return topic;
    }

    /** Deserializes a key. */
    public K keyFrom(byte[] rawKey) {
        return keyDeserializer.deserialize(topic, rawKey);
    }

    /** Deserializes a key read with {@code headers}. */
    public K keyFrom(byte[] rawKey, Headers headers) {
        return keyDeserializer.deserialize(topic, headers, rawKey);
    }

    /** Deserializes a value. */
    public V valueFrom(byte[] rawValue) {
        return valueDeserializer.deserialize(topic, rawValue);
    }

    /** Deserializes a value read with {@code headers}. */
    public V valueFrom(byte[] rawValue, Headers headers) {
        return valueDeserializer.deserialize(topic, headers, rawValue);
    }

    /**
     * Serializes a key.
     *
     * @throws StreamsException if the key serializer fails (a serde that does not match the key type, say)
     */
    public byte[] rawKey(K key) {
        return rawKey(key, null);
    }

    /** Serializes a key with {@code headers} ({@code null} for none), as {@link #rawKey(Object)} does. */
    public byte[] rawKey(K key, Headers headers) {
        try {
            return headers == null ? keySerializer.serialize(topic, key)
                : keySerializer.serialize(topic, headers, key);
        } catch (ClassCastException e) {
            throw new StreamsException("The key serializer " + keySerializer.getClass().getName() + " of topic "
                + topic + " cannot serialize key of type " + typeOf(key) + "; set a matching key serde for the store",
                e);
        }
    }

    /**
     * Serializes a value.
     *
     * @throws StreamsException if the value serializer fails (a serde that does not match the value type, say)
     */
    public byte[] rawValue(V value) {
        return rawValue(value, null);
    }

    /** Serializes a value with {@code headers} ({@code null} for none), as {@link #rawValue(Object)} does. */
    public byte[] rawValue(V value, Headers headers) {
        try {
            return headers == null ? valueSerializer.serialize(topic, value)
                : valueSerializer.serialize(topic, headers, value);
        } catch (ClassCastException e) {
            throw new StreamsException("The value serializer " + valueSerializer.getClass().getName() + " of topic "
                + topic + " cannot serialize value of type " + typeOf(value) + "; set a matching value serde for the"
                + " store", e);
        }
    }

    private static String typeOf(Object object) {
        return object == null ? "unknown because it is null" : object.getClass().getName();
    }
}
