package dev.runnel.streams.kstream;

import dev.runnel.common.config.ConfigDef;
import dev.runnel.common.header.Headers;
import dev.runnel.common.serialization.Deserializer;
import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.StreamsConfig;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How the windowed serializers and deserializers find their inner one: given to the constructor, or named in their
 * configs as a {@link Serde} class (or its name), as in Kafka Streams. Stateless helper.
 */
final class WindowedInner {
    private WindowedInner() {
    }

    /**
     * Returns {@code fromConstructor}, or else the {@code half} of a new instance of the serde class configured under
     * {@code key} (or, if unset, under the deprecated {@link StreamsConfig#WINDOWED_INNER_CLASS_SERDE}).
     *
     * @throws IllegalArgumentException if neither is set, or both are and of different classes
     */
    @SuppressWarnings("unchecked")
    static <I> I resolve(I fromConstructor, Map<String, ?> configs, String key, Function<Serde<?>, ?> half) {
        String usedKey = configs.get(key) != null ? key : StreamsConfig.WINDOWED_INNER_CLASS_SERDE;
        Serde<?> serde = ConfigDef.newInstance(usedKey, configs.get(usedKey), Serde.class);
        if (serde == null) {
            if (fromConstructor == null) {
                throw new IllegalArgumentException("The inner serde is not set: pass it to the constructor or set "
                    + key + " to a Serde class");
            }
            return fromConstructor;
        }
        I configured = (I) half.apply(serde);
        if (fromConstructor != null && fromConstructor.getClass() != configured.getClass()) {
            throw new IllegalArgumentException("The inner " + fromConstructor.getClass().getName()
                + " given to the constructor differs from the " + configured.getClass().getName() + " of " + usedKey
                + "=" + serde.getClass().getName());
        }
        return fromConstructor != null ? fromConstructor : configured;
    }

    /**
     * Returns the key in the first {@code keyLength} bytes of a windowed key, read by {@code inner} through its headers
     * overload unless {@code headers} is null.
     */
    static <T> T deserializeKey(Deserializer<T> inner, String topic, Headers headers, byte[] data, int keyLength) {
        Deserializer<T> keys = require(inner);
        byte[] keyBytes = Arrays.copyOfRange(data, 0, keyLength);
        return headers == null ? keys.deserialize(topic, keyBytes) : keys.deserialize(topic, headers, keyBytes);
    }

    /** Returns {@code inner}, or throws if a no-argument construction was never configured. */
    static <I> I require(I inner) {
        return Objects.requireNonNull(inner, "The inner serde is not set: a windowed serde made with the no-argument"
            + " constructor must be configured (configure(Map, boolean)) before use");
    }
}
