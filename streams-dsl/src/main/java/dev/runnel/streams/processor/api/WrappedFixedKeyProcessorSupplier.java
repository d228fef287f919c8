package dev.runnel.streams.processor.api;

/**
 * A {@link FixedKeyProcessorSupplier} as a {@link ProcessorWrapper} returns it;
 * {@link ProcessorWrapper#asWrappedFixedKey} turns any supplier into one.
 */
@FunctionalInterface
public interface WrappedFixedKeyProcessorSupplier<KIn, VIn, VOut> extends FixedKeyProcessorSupplier<KIn, VIn, VOut> {
}
