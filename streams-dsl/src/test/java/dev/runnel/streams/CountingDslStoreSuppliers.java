package dev.runnel.streams;

import dev.runnel.streams.state.BuiltInDslStoreSuppliers;
import dev.runnel.streams.state.DslKeyValueParams;
import dev.runnel.streams.state.DslSessionParams;
import dev.runnel.streams.state.DslStoreSuppliers;
import dev.runnel.streams.state.DslWindowParams;
import dev.runnel.streams.state.KeyValueBytesStoreSupplier;
import dev.runnel.streams.state.SessionBytesStoreSupplier;
import dev.runnel.streams.state.WindowBytesStoreSupplier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test {@link DslStoreSuppliers} that records every call (in {@link #CALLS}, shared by all instances, since
 * {@code dsl.store.suppliers.class} creates its own) and returns in-memory suppliers.
 */
public class CountingDslStoreSuppliers implements DslStoreSuppliers {
    /** Every call: the class's simple name, then the params. */
    public static final List<Call> CALLS = new CopyOnWriteArrayList<>();

    /** One call of a {@link DslStoreSuppliers} method. */
    public record Call(String suppliers, Object params) {
    }

    /** Creates the suppliers. */
    public CountingDslStoreSuppliers() {
    }

    @Override
    public KeyValueBytesStoreSupplier keyValueStore(DslKeyValueParams params) {
        CALLS.add(new Call(getClass().getSimpleName(), params));
        return BuiltInDslStoreSuppliers.IN_MEMORY.keyValueStore(params);
    }

    @Override
    public WindowBytesStoreSupplier windowStore(DslWindowParams params) {
        CALLS.add(new Call(getClass().getSimpleName(), params));
        return BuiltInDslStoreSuppliers.IN_MEMORY.windowStore(params);
    }

    @Override
    public SessionBytesStoreSupplier sessionStore(DslSessionParams params) {
        CALLS.add(new Call(getClass().getSimpleName(), params));
        return BuiltInDslStoreSuppliers.IN_MEMORY.sessionStore(params);
    }

    /** Returns the names of the stores that suppliers of class {@code simpleName} were asked for. */
    public static List<String> storeNames(String simpleName) {
        return CALLS.stream().filter(c -> c.suppliers().equals(simpleName)).map(c -> name(c.params())).distinct()
            .sorted().toList();
    }

    private static String name(Object params) {
        if (params instanceof DslKeyValueParams kv) {
            return kv.name();
        } else if (params instanceof DslWindowParams window) {
            return window.name();
        }
        return ((DslSessionParams) params).name();
    }

    /** A second class, to tell which configuration level a store came from. */
    public static class Other extends CountingDslStoreSuppliers {
        /** Creates the suppliers. */
        public Other() {
        }
    }
}
