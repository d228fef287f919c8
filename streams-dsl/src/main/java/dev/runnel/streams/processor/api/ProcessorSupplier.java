package dev.runnel.streams.processor.api;

import dev.runnel.streams.processor.ConnectedStoreProvider;
import java.util.function.Supplier;

/**
 * Creates the processor of each task. {@link #get()} must return a new {@code Processor} every call: tasks never
 * share processor instances, and adding a supplier that returns the same instance twice fails.
 */
@FunctionalInterface
public interface ProcessorSupplier<KIn, VIn, KOut, VOut> extends ConnectedStoreProvider,
    Supplier<Processor<KIn, VIn, KOut, VOut>> {
    /** Returns a new processor. */
    @Override
    Processor<KIn, VIn, KOut, VOut> get();
}
