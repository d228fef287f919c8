package dev.runnel.common.serialization;

import dev.runnel.common.utils.Bytes;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Factories for the built-in serdes, named as in Kafka so that {@code Serdes.String()} ports unchanged, plus
 * {@link #Json(Class)}. The nested classes ({@link StringSerde}, {@link LongSerde}, …) have public no-argument
 * constructors so that they can be named in configs such as {@code default.key.serde}.
 *
 * <pre>{@code
 * Serde<Long> counts = Serdes.Long();
 * Serde<PageView> views = Serdes.Json(PageView.class);
 * }</pre>
 *
 * <p>Each factory call returns a new serde. The serdes are thread-safe once configured.
 */
public final class Serdes {
    private Serdes() {
    }

    /** A serde built from a separate serializer and deserializer; configure and close reach both. */
    public static class WrapperSerde<T> implements Serde<T> {
        private final Serializer<T> serializer;
        private final Deserializer<T> deserializer;

        public WrapperSerde(Serializer<T> serializer, Deserializer<T> deserializer) {
            this.serializer = Objects.requireNonNull(serializer, "serializer");
            this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
        }

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            serializer.configure(configs, isKey);
            deserializer.configure(configs, isKey);
        }

        @Override
        public void close() {
            try {
                serializer.close();
            } finally {
                deserializer.close();
            }
        }

        @Override
        public Serializer<T> serializer() {
            return serializer;
        }

        @Override
        public Deserializer<T> deserializer() {
            return deserializer;
        }
    }

    public static final class StringSerde extends WrapperSerde<String> {
        public StringSerde() {
            super(new StringSerializer(), new StringDeserializer());
        }
    }

    public static final class ByteArraySerde extends WrapperSerde<byte[]> {
        public ByteArraySerde() {
            super(new ByteArraySerializer(), new ByteArrayDeserializer());
        }
    }

    public static final class ByteBufferSerde extends WrapperSerde<ByteBuffer> {
        public ByteBufferSerde() {
            super(new ByteBufferSerializer(), new ByteBufferDeserializer());
        }
    }

    public static final class BytesSerde extends WrapperSerde<Bytes> {
        public BytesSerde() {
            super(new BytesSerializer(), new BytesDeserializer());
        }
    }

    public static final class IntegerSerde extends WrapperSerde<Integer> {
        public IntegerSerde() {
            super(new IntegerSerializer(), new IntegerDeserializer());
        }
    }

    public static final class LongSerde extends WrapperSerde<Long> {
        public LongSerde() {
            super(new LongSerializer(), new LongDeserializer());
        }
    }

    public static final class ShortSerde extends WrapperSerde<Short> {
        public ShortSerde() {
            super(new ShortSerializer(), new ShortDeserializer());
        }
    }

    public static final class FloatSerde extends WrapperSerde<Float> {
        public FloatSerde() {
            super(new FloatSerializer(), new FloatDeserializer());
        }
    }

    public static final class DoubleSerde extends WrapperSerde<Double> {
        public DoubleSerde() {
            super(new DoubleSerializer(), new DoubleDeserializer());
        }
    }

    public static final class UUIDSerde extends WrapperSerde<UUID> {
        public UUIDSerde() {
            super(new UUIDSerializer(), new UUIDDeserializer());
        }
    }

    public static final class VoidSerde extends WrapperSerde<Void> {
        public VoidSerde() {
            super(new VoidSerializer(), new VoidDeserializer());
        }
    }

    public static final class BooleanSerde extends WrapperSerde<Boolean> {
        public BooleanSerde() {
            super(new BooleanSerializer(), new BooleanDeserializer());
        }
    }

    /**
     * A serde for lists whose elements an inner serde handles, in Kafka's list format (see {@link ListSerializer}).
     * The no-argument constructor, for {@code default.key.serde} and the like, takes the list class and inner serde
     * from {@code default.list.key.serde.type} and {@code default.list.key.serde.inner} (or the {@code .value.}
     * pair) when configured.
     */
    public static final class ListSerde<Inner> extends WrapperSerde<List<Inner>> {
        public ListSerde() {
            super(new ListSerializer<>(), new ListDeserializer<>());
        }

        public <L extends List<Inner>> ListSerde(Class<L> listClass, Serde<Inner> serde) {
            super(new ListSerializer<>(serde.serializer()), new ListDeserializer<>(listClass, serde.deserializer()));
        }
    }

    public static Serde<String> String() {
        return new StringSerde();
    }

    public static Serde<byte[]> ByteArray() {
        return new ByteArraySerde();
    }

    public static Serde<ByteBuffer> ByteBuffer() {
        return new ByteBufferSerde();
    }

    public static Serde<Bytes> Bytes() {
        return new BytesSerde();
    }

    public static Serde<Integer> Integer() {
        return new IntegerSerde();
    }

    public static Serde<Long> Long() {
        return new LongSerde();
    }

    public static Serde<Short> Short() {
        return new ShortSerde();
    }

    public static Serde<Float> Float() {
        return new FloatSerde();
    }

    public static Serde<Double> Double() {
        return new DoubleSerde();
    }

    public static Serde<UUID> UUID() {
        return new UUIDSerde();
    }

    public static Serde<Void> Void() {
        return new VoidSerde();
    }

    public static Serde<Boolean> Boolean() {
        return new BooleanSerde();
    }

    /**
     * Returns a serde for lists of {@code listClass} (for example {@code ArrayList.class}) whose elements
     * {@code innerSerde} handles, in Kafka's list format.
     */
    public static <L extends List<Inner>, Inner> Serde<List<Inner>> ListSerde(Class<L> listClass,
                                                                             Serde<Inner> innerSerde) {
        return new ListSerde<>(listClass, innerSerde);
    }

    /** Returns a JSON serde for {@code type}, using {@link JsonSerializer} and {@link JsonDeserializer}. */
    public static <T> Serde<T> Json(Class<T> type) {
        return new WrapperSerde<>(new JsonSerializer<>(), new JsonDeserializer<>(type));
    }

    /** Returns a serde made of {@code serializer} and {@code deserializer}, which must agree on the format. */
    public static <T> Serde<T> serdeFrom(Serializer<T> serializer, Deserializer<T> deserializer) {
        return new WrapperSerde<>(serializer, deserializer);
    }

    /**
     * Returns the built-in serde for {@code type}: {@code String}, {@code byte[]}, {@code ByteBuffer},
     * {@link Bytes}, {@code Integer}, {@code Long}, {@code Short}, {@code Float}, {@code Double}, {@code UUID},
     * {@code Void} or {@code Boolean}.
     *
     * @throws IllegalArgumentException for any other type; use {@link #Json(Class)} or
     *     {@link #serdeFrom(Serializer, Deserializer)} for those
     */
    @SuppressWarnings("unchecked")
    public static <T> Serde<T> serdeFrom(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return (Serde<T>) builtIn(type);
    }

    private static Serde<?> builtIn(Class<?> type) {
        // Map.of cannot hold these: each call must return a new, unconfigured serde.
        if (type == String.class) {
            return String();
        } else if (type == byte[].class) {
            return ByteArray();
        } else if (type == ByteBuffer.class) {
            return ByteBuffer();
        } else if (type == Bytes.class) {
            return Bytes();
        } else if (type == Integer.class) {
            return Integer();
        } else if (type == Long.class) {
            return Long();
        } else if (type == Short.class) {
            return Short();
        } else if (type == Float.class) {
            return Float();
        } else if (type == Double.class) {
            return Double();
        } else if (type == UUID.class) {
            return UUID();
        } else if (type == Void.class) {
            return Void();
        } else if (type == Boolean.class) {
            return Boolean();
        }
        throw new IllegalArgumentException("Unknown class for built-in serializer: " + type.getName()
            + ". Supported types are: String, byte[], ByteBuffer, Bytes, Integer, Long, Short, Float, Double, UUID, "
            + "Void, Boolean; use Serdes.Json(Class) or Serdes.serdeFrom(Serializer, Deserializer) for others");
    }
}
