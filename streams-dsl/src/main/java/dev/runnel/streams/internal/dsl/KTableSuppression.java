package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.internal.state.InMemoryKeyValueBytesStoreSupplier;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Suppressed;
import dev.runnel.streams.kstream.Suppression;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.Stores;

/**
 * Wires KTable#suppress: a {@code KTABLE-SUPPRESS-} node holding back updates in an in-memory buffer store,
 * change-logged unless the buffer config disables it, until the time limit passes or, for windowed tables, the window
 * closes.
 */
final class KTableSuppression {
    /** Prefix of suppress nodes and their buffer stores. */
    static final String SUPPRESS_NAME = "KTABLE-SUPPRESS-";

    private KTableSuppression() {
    }

    /** Suppresses {@code table}'s updates as {@code suppressed} says. */
    static <K, V> KTable<K, V> suppress(KTableImpl<K, V> table, Suppressed<? super K> suppressed) {
        if (!(suppressed instanceof Suppression)) {
            // null included, as in Kafka Streams
            throw new IllegalArgumentException("Custom subclasses of Suppressed are not supported.");
        }
        SuppressedInternal<K> options = new SuppressedInternal<>(suppressed);
        WindowedKeyInfo windowed = table.windowed();
        if (options.finalResults() && windowed == null) {
            throw new IllegalArgumentException("Suppressed.untilWindowCloses is only for windowed tables (results of"
                + " windowedBy(...) aggregations); " + table.name()
                + " is not windowed. Use Suppressed.untilTimeLimit.");
        }
        InternalStreamsBuilder builder = table.builder();
        // Unlike other named operations, a named suppression takes no index in Kafka Streams.
        String suppressName = options.name() != null ? options.name() : builder.newProcessorName(SUPPRESS_NAME);
        // The buffer keeps the value before a key's first suppressed update, to forward it as the old value.
        table.materializeSource();
        String storeName = options.name() != null ? options.name() + "-store" : builder.newStoreName(SUPPRESS_NAME);
        long suppressDurationMs = options.finalResults() ? windowed.gracePeriodMs() : options.timeLimitMs();
        builder.topologyBuilder().addProcessor(suppressName, new KTableSuppressProcessorSupplier<K, V>(options,
            suppressName, storeName, table.keySerde(), table.valueSerde(), suppressDurationMs, windowed),
            table.name());
        StoreBuilder<?> buffer = Stores.keyValueStoreBuilder(new InMemoryKeyValueBytesStoreSupplier(storeName,
            InMemoryKeyValueBytesStoreSupplier.SUPPRESSION_SCOPE), Serdes.Bytes(), Serdes.ByteArray());
        builder.topologyBuilder().addStateStore(options.loggingEnabled()
            ? buffer.withLoggingEnabled(options.logConfig()) : buffer.withLoggingDisabled(), suppressName);
        return new KTableImpl<>(builder, suppressName, table.keySerde(), table.valueSerde(), null, windowed);
    }
}
