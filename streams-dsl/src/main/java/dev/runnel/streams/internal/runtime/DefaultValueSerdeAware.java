package dev.runnel.streams.internal.runtime;

import dev.runnel.common.serialization.Serde;

/**
 * A sink serializer or source deserializer that wraps the value serde, such as the DSL's serializer of table changes
 * on a repartition topic; when no serde was given, the node hands it the application's default value serde at init.
 */
public interface DefaultValueSerdeAware {
    /** Returns whether no inner value serde was given. */
    boolean needsDefaultValueSerde();

    /** Sets the inner value serde to the application default; called once per node init when needed. */
    void setDefaultValueSerde(Serde<?> defaultValueSerde);
}
