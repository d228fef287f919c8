package dev.runnel.streams.processor.api;

import dev.runnel.streams.processor.ConnectedStoreProvider;
import java.util.function.Supplier;

/** Creates the fixed-key processor of each task; {@link #get()} must return a new instance every call. */
@FunctionalInterface
public interface FixedKeyProcessorSupplier<KIn, VIn, VOut> extends ConnectedStoreProvider,
    Supplier<FixedKeyProcessor<KIn, VIn, VOut>> {
    /** Returns a new processor. */
    @Override
    FixedKeyProcessor<KIn, VIn, VOut> get();
}
