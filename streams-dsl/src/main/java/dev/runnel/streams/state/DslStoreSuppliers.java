package dev.runnel.streams.state;

import java.util.Map;

/**
 * Chooses the stores the DSL materializes its state in (KIP-954): aggregations, windowed and session aggregations,
 * tables and stream-stream joins ask it for their store suppliers, unless the operation's {@code Materialized} names a
 * store supplier itself. Set it per operation ({@code Materialized.as(DslStoreSuppliers)},
 * {@code StreamJoined.withDslStoreSuppliers}) or for the whole topology with
 * {@code dsl.store.suppliers.class}; an implementation named there needs a public no-argument constructor.
 *
 * <p>The parameters carry the format the DSL asks for ({@link dev.runnel.streams.DslStoreFormat}, KIP-1285). The DSL
 * builds a headers-aware store over a supplier that is a {@link HeadersBytesStoreSupplier}, and a store of the
 * operation's usual format over any other, so a supplier asked for {@code HEADERS} should be one.
 *
 * @see BuiltInDslStoreSuppliers
 */
public interface DslStoreSuppliers {
    /** Receives the application's configs when the class is created from {@code dsl.store.suppliers.class}. */
    default void configure(Map<String, ?> configs) {
    }

    /** Returns the supplier of the key-value store {@code params} describe. */
    KeyValueBytesStoreSupplier keyValueStore(DslKeyValueParams params);

    /** Returns the supplier of the window store {@code params} describe. */
    WindowBytesStoreSupplier windowStore(DslWindowParams params);

    /** Returns the supplier of the session store {@code params} describe. */
    SessionBytesStoreSupplier sessionStore(DslSessionParams params);
}
