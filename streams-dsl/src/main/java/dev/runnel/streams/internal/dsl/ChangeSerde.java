package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Deserializer;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.streams.internal.runtime.DefaultValueSerdeAware;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Serializer and deserializer of {@link Change}s on a KTable#groupBy repartition topic (big-endian):
 * <pre>
 *  0      newLength  int32   length n of the new value, -1 if null
 *  4      newValue   bytes   n bytes
 *  4+n    oldValue   bytes   the rest but the last byte (empty if null)
 *  last   hasOld     int8    1 if there is an old value
 * </pre>
 * Without a value serde the sink or source node supplies the application default at init.
 */
final class ChangeSerde {
    private ChangeSerde() {
    }

    /**
     * The inner serializer or deserializer ({@code half} of the value serde), taken from the serde given, or, without
     * one, from the application default the node sets.
     */
    private abstract static class InnerHalf<V, I> implements DefaultValueSerdeAware {
        private final Function<Serde<V>, I> half;
        volatile I inner;

        InnerHalf(Serde<V> serde, Function<Serde<V>, I> half) {
            this.half = half;
            this.inner = serde == null ? null : half.apply(serde);
        }

        @Override
        public boolean needsDefaultValueSerde() {
            return inner == null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void setDefaultValueSerde(Serde<?> defaultValueSerde) {
            inner = half.apply((Serde<V>) defaultValueSerde);
        }
    }

    /** Writes changes with the inner serializer. Thread-safe once the default is set. */
    static final class ChangeSerializer<V> extends InnerHalf<V, Serializer<V>> implements Serializer<Change<V>> {
        ChangeSerializer(Serde<V> inner) {
            super(inner, Serde::serializer);
        }

        @Override
        public byte[] serialize(String topic, Change<V> change) {
            if (change == null) {
                return null;
            }
            byte[] newBytes = change.newValue() == null ? null : inner.serialize(topic, change.newValue());
            byte[] oldBytes = change.oldValue() == null ? null : inner.serialize(topic, change.oldValue());
            int newLength = newBytes == null ? 0 : newBytes.length;
            int oldLength = oldBytes == null ? 0 : oldBytes.length;
            ByteBuffer buffer = ByteBuffer.allocate(Integer.BYTES + newLength + oldLength + 1);
            buffer.putInt(newBytes == null ? -1 : newLength);
            if (newBytes != null) {
                buffer.put(newBytes);
            }
            if (oldBytes != null) {
                buffer.put(oldBytes);
            }
            buffer.put((byte) (oldBytes == null ? 0 : 1));
            return buffer.array();
        }
    }

    /** Reads changes with the inner deserializer. Thread-safe once the default is set. */
    static final class ChangeDeserializer<V> extends InnerHalf<V, Deserializer<V>>
        implements Deserializer<Change<V>> {
        ChangeDeserializer(Serde<V> inner) {
            super(inner, Serde::deserializer);
        }

        @Override
        public Change<V> deserialize(String topic, byte[] data) {
            if (data == null) {
                return null;
            }
            int newLength = ByteBuffer.wrap(data).getInt(0);
            int oldFrom = Integer.BYTES + Math.max(newLength, 0);
            V newValue = newLength < 0 ? null
                : inner.deserialize(topic, Arrays.copyOfRange(data, Integer.BYTES, oldFrom));
            boolean hasOld = data[data.length - 1] == 1;
            V oldValue = hasOld ? inner.deserialize(topic, Arrays.copyOfRange(data, oldFrom, data.length - 1)) : null;
            return new Change<>(newValue, oldValue);
        }
    }
}
