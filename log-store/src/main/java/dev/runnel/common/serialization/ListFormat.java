package dev.runnel.common.serialization;

import dev.runnel.common.config.ConfigException;
import java.util.Locale;
import java.util.Map;

/**
 * Kafka's list serde format (KIP-466), shared by {@link ListSerializer} and {@link ListDeserializer}; all integers are
 * big-endian:
 * <pre>
 *  0  strategy    int8    0 = CONSTANT_SIZE, 1 = VARIABLE_SIZE
 *     CONSTANT_SIZE only:
 *  1  nullCount   int32   how many elements are null
 *  5  nullIndexes int32[] the index of each null element, in ascending order
 *     both:
 *     size        int32   how many elements the list holds, nulls included
 *     entries             CONSTANT_SIZE: each non-null element's bytes, nothing for a null;
 *                         VARIABLE_SIZE: per element an int32 length (-1 for null), then its bytes
 * </pre>
 * CONSTANT_SIZE is chosen exactly when the inner serializer is one of Kafka's fixed-width ones (short, integer,
 * float, long, double, UUID); a subclass does not count, as in Kafka, so both sides pick the same strategy.
 */
final class ListFormat {
    static final byte CONSTANT_SIZE = 0;
    static final byte VARIABLE_SIZE = 1;
    /** The length written for a null element under VARIABLE_SIZE. */
    static final int NULL_ENTRY_SIZE = -1;
    /** Never a width: marks an inner (de)serializer whose output varies in length. */
    static final int VARIABLE_WIDTH = -1;

    // The same keys as CommonClientConfigs.DEFAULT_LIST_*: common types cannot depend on the clients package.
    static final String KEY_INNER = "default.list.key.serde.inner";
    static final String VALUE_INNER = "default.list.value.serde.inner";
    static final String KEY_TYPE = "default.list.key.serde.type";
    static final String VALUE_TYPE = "default.list.value.serde.type";

    /** UUIDs are written as their 36-character text. */
    private static final int UUID_WIDTH = 36;
    private static final Map<Class<?>, Integer> WIDTHS = Map.ofEntries(
        Map.entry(ShortSerializer.class, Short.BYTES), Map.entry(ShortDeserializer.class, Short.BYTES),
        Map.entry(IntegerSerializer.class, Integer.BYTES), Map.entry(IntegerDeserializer.class, Integer.BYTES),
        Map.entry(FloatSerializer.class, Float.BYTES), Map.entry(FloatDeserializer.class, Float.BYTES),
        Map.entry(LongSerializer.class, Long.BYTES), Map.entry(LongDeserializer.class, Long.BYTES),
        Map.entry(DoubleSerializer.class, Double.BYTES), Map.entry(DoubleDeserializer.class, Double.BYTES),
        Map.entry(UUIDSerializer.class, UUID_WIDTH), Map.entry(UUIDDeserializer.class, UUID_WIDTH));

    private ListFormat() {
    }

    /** Returns the fixed width of every element {@code inner} writes or reads, or {@link #VARIABLE_WIDTH}. */
    static int widthOf(Object inner) {
        return WIDTHS.getOrDefault(inner.getClass(), VARIABLE_WIDTH);
    }

    /**
     * Returns a new instance of the inner serde named by {@code default.list.(key|value).serde.inner}, configured
     * with {@code configs}.
     *
     * @throws ConfigException if the key is absent or does not name a {@link Serde}
     */
    static Serde<?> innerSerde(Map<String, ?> configs, boolean isKey) {
        String key = isKey ? KEY_INNER : VALUE_INNER;
        Class<?> type = classOf(configs, key, Serde.class, "the inner serde class");
        Serde<?> serde;
        try {
            serde = (Serde<?>) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new ConfigException("Invalid value " + type.getName() + " for configuration " + key
                + ": cannot create an instance with its public no-argument constructor", e);
        }
        serde.configure(configs, isKey);
        return serde;
    }

    /**
     * Returns the {@code java.util.List} class named by {@code default.list.(key|value).serde.type}.
     *
     * @throws ConfigException if the key is absent or does not name a List class
     */
    static Class<?> listClass(Map<String, ?> configs, boolean isKey) {
        return classOf(configs, isKey ? KEY_TYPE : VALUE_TYPE, java.util.List.class, "the list class");
    }

    private static Class<?> classOf(Map<String, ?> configs, String key, Class<?> required, String what) {
        Object raw = configs.get(key);
        if (raw == null) {
            throw new ConfigException(String.format(Locale.ROOT,
                "Not able to determine %s because it was neither passed via the constructor nor set in the config; "
                    + "set %s", what, key));
        }
        Class<?> type;
        try {
            type = raw instanceof Class<?> c ? c
                : Class.forName(raw.toString().trim(), true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigException("Invalid value " + raw + " for configuration " + key
                + ": class not found", e);
        }
        if (!required.isAssignableFrom(type)) {
            throw new ConfigException("Invalid value " + raw + " for configuration " + key
                + ": valid values are classes implementing " + required.getName());
        }
        return type;
    }
}
