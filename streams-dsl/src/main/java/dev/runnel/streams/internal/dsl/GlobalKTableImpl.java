package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.kstream.GlobalKTable;

/** A global table: how stream-globalTable joins read it, and its queryable store name (or {@code null}). */
public record GlobalKTableImpl<K, V>(KTableValueGetterSupplier<K, V> valueGetterSupplier, String queryableStoreName)
    implements GlobalKTable<K, V> {
}
