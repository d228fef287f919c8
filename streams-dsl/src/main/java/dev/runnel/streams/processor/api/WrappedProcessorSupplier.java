package dev.runnel.streams.processor.api;

/**
 * A {@link ProcessorSupplier} as a {@link ProcessorWrapper} returns it; {@link ProcessorWrapper#asWrapped} turns
 * any supplier into one.
 */
@FunctionalInterface
public interface WrappedProcessorSupplier<KIn, VIn, KOut, VOut> extends ProcessorSupplier<KIn, VIn, KOut, VOut> {
}
