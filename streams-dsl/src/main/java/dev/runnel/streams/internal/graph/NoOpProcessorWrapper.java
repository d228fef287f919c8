package dev.runnel.streams.internal.graph;

import dev.runnel.streams.processor.api.FixedKeyProcessor;
import dev.runnel.streams.processor.api.FixedKeyProcessorSupplier;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.ProcessorWrapper;
import dev.runnel.streams.processor.api.WrappedFixedKeyProcessorSupplier;
import dev.runnel.streams.processor.api.WrappedProcessorSupplier;
import dev.runnel.streams.state.StoreBuilder;
import java.util.Objects;
import java.util.Set;

/** The default {@code processor.wrapper.class}: leaves every processor as it is. */
public final class NoOpProcessorWrapper implements ProcessorWrapper {
    @Override
    public <KIn, VIn, KOut, VOut> WrappedProcessorSupplier<KIn, VIn, KOut, VOut> wrapProcessorSupplier(
        String processorName, ProcessorSupplier<KIn, VIn, KOut, VOut> processorSupplier) {
        return ProcessorWrapper.asWrapped(processorSupplier);
    }

    @Override
    public <KIn, VIn, VOut> WrappedFixedKeyProcessorSupplier<KIn, VIn, VOut> wrapFixedKeyProcessorSupplier(
        String processorName, FixedKeyProcessorSupplier<KIn, VIn, VOut> processorSupplier) {
        return ProcessorWrapper.asWrappedFixedKey(processorSupplier);
    }

    /** A supplier passed through unchanged, stores included. */
    public record Delegating<KIn, VIn, KOut, VOut>(ProcessorSupplier<KIn, VIn, KOut, VOut> delegate)
        implements WrappedProcessorSupplier<KIn, VIn, KOut, VOut> {
        /** Keeps {@code delegate}, which must not be null. */
        public Delegating {
            Objects.requireNonNull(delegate, "processorSupplier");
        }

        @Override
        public Processor<KIn, VIn, KOut, VOut> get() {
            return delegate.get();
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return delegate.stores();
        }
    }

    /** A fixed-key supplier passed through unchanged, stores included. */
    public record DelegatingFixedKey<KIn, VIn, VOut>(FixedKeyProcessorSupplier<KIn, VIn, VOut> delegate)
        implements WrappedFixedKeyProcessorSupplier<KIn, VIn, VOut> {
        /** Keeps {@code delegate}, which must not be null. */
        public DelegatingFixedKey {
            Objects.requireNonNull(delegate, "processorSupplier");
        }

        @Override
        public FixedKeyProcessor<KIn, VIn, VOut> get() {
            return delegate.get();
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return delegate.stores();
        }
    }
}
