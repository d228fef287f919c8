package dev.runnel.streams.processor.api;

import dev.runnel.streams.internal.graph.NoOpProcessorWrapper;
import java.util.Map;

/**
 * Wraps (or replaces) the supplier of every processor of a topology, under the processor's name (KIP-1112): those
 * {@code Topology#addProcessor}, {@code KStream#process} and {@code KStream#processValues} add and those of every
 * DSL operator. Set {@code processor.wrapper.class} and pass the configs as a {@code TopologyConfig} to
 * {@code new StreamsBuilder(TopologyConfig)} or {@code new Topology(TopologyConfig)}; processors added before, or to
 * a builder made without one, are not wrapped. The stores the returned supplier's {@code stores()} gives are the
 * ones added and connected to the processor, so a wrapper should delegate it.
 */
public interface ProcessorWrapper {
    /** Receives the topology's configs once, right after the wrapper is created; does nothing by default. */
    default void configure(Map<String, ?> configs) {
    }

    /** Returns the supplier to use for processor {@code processorName} instead of {@code processorSupplier}. */
    <KIn, VIn, KOut, VOut> WrappedProcessorSupplier<KIn, VIn, KOut, VOut> wrapProcessorSupplier(String processorName,
        ProcessorSupplier<KIn, VIn, KOut, VOut> processorSupplier);

    /** Like {@link #wrapProcessorSupplier}, for fixed-key processor {@code processorName}. */
    <KIn, VIn, VOut> WrappedFixedKeyProcessorSupplier<KIn, VIn, VOut> wrapFixedKeyProcessorSupplier(
        String processorName, FixedKeyProcessorSupplier<KIn, VIn, VOut> processorSupplier);

    /** Returns {@code processorSupplier} as a wrapped supplier that delegates {@code get()} and {@code stores()}. */
    static <KIn, VIn, KOut, VOut> WrappedProcessorSupplier<KIn, VIn, KOut, VOut> asWrapped(
        ProcessorSupplier<KIn, VIn, KOut, VOut> processorSupplier) {
        return new NoOpProcessorWrapper.Delegating<>(processorSupplier);
    }

    /** Returns {@code processorSupplier} as a wrapped supplier that delegates {@code get()} and {@code stores()}. */
    static <KIn, VIn, VOut> WrappedFixedKeyProcessorSupplier<KIn, VIn, VOut> asWrappedFixedKey(
        FixedKeyProcessorSupplier<KIn, VIn, VOut> processorSupplier) {
        return new NoOpProcessorWrapper.DelegatingFixedKey<>(processorSupplier);
    }
}
