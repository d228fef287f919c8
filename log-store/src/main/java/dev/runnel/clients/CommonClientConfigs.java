package dev.runnel.clients;

/**
 * Config keys shared by several clients, spelled as in Kafka's {@code CommonClientConfigs}. So far these are the
 * keys of the list serde ({@link dev.runnel.common.serialization.Serdes.ListSerde}), read when a list serde is
 * created with its no-argument constructor (as {@code default.key.serde} or {@code key.deserializer} does) and
 * then configured.
 */
public final class CommonClientConfigs {
    /** The {@code Serde} class of the elements of a list key. */
    public static final String DEFAULT_LIST_KEY_SERDE_INNER_CLASS = "default.list.key.serde.inner";
    /** The {@code Serde} class of the elements of a list value. */
    public static final String DEFAULT_LIST_VALUE_SERDE_INNER_CLASS = "default.list.value.serde.inner";
    /** The {@code java.util.List} class a list key is deserialized into, e.g. {@code java.util.ArrayList}. */
    public static final String DEFAULT_LIST_KEY_SERDE_TYPE_CLASS = "default.list.key.serde.type";
    /** The {@code java.util.List} class a list value is deserialized into. */
    public static final String DEFAULT_LIST_VALUE_SERDE_TYPE_CLASS = "default.list.value.serde.type";

    private CommonClientConfigs() {
    }
}
