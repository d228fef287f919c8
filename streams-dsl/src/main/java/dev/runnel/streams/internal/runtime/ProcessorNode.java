package dev.runnel.streams.internal.runtime;

import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.Record;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A runtime node of one task: a processor, its children and the stores it may use. Not thread-safe. */
public class ProcessorNode<KIn, VIn, KOut, VOut> {
    private final String name;
    private final Processor<KIn, VIn, KOut, VOut> processor;
    private final Set<String> stores;
    private final List<ProcessorNode<KOut, VOut, ?, ?>> children = new ArrayList<>();
    private final Map<String, ProcessorNode<KOut, VOut, ?, ?>> childByName = new HashMap<>();
    /** Where a terminal node records its end-to-end latency, and the task whose round time it takes; else null. */
    private EndToEndLatency endToEndLatency;
    private StreamTask latencyClock;

    /** The supplier the topology was given for this node, before any processor wrapper; null for sources and sinks. */
    private final Object operator;

    /** Creates a node; {@code processor} is {@code null} for sources and sinks, which override process. */
    public ProcessorNode(String name, Processor<KIn, VIn, KOut, VOut> processor, Set<String> stores) {
        this(name, processor, stores, null);
    }

    /**
     * Creates a node whose {@code processor} came from {@code operator}, the supplier the topology was given (a
     * {@code ProcessorWrapper} may have wrapped it), so the DSL can tell its own operators by it.
     */
    public ProcessorNode(String name, Processor<KIn, VIn, KOut, VOut> processor, Set<String> stores,
        Object operator) {
        this.name = name;
        this.processor = processor;
        this.stores = Collections.unmodifiableSet(new LinkedHashSet<>(stores));
        this.operator = operator;
    }

    /** Returns the supplier the topology was given for this node, unwrapped, or {@code null}. */
    public final Object operator() {
        return operator;
    }

    /** Returns the node name. */
    public final String name() {
        return name;
    }

    /** Returns the processor, or {@code null} for sources and sinks. */
    final Processor<KIn, VIn, KOut, VOut> processor() {
        return processor;
    }

    /** Returns the names of the stores connected to this node. */
    public final Set<String> stores() {
        return stores;
    }

    /** Returns the children, in the order they were added. */
    public final List<ProcessorNode<KOut, VOut, ?, ?>> children() {
        return children;
    }

    /** Returns the child named {@code childName}, or {@code null}. */
    public final ProcessorNode<KOut, VOut, ?, ?> child(String childName) {
        return childByName.get(childName);
    }

    /** Adds a child; the graph builder calls this while instantiating a sub-topology. */
    @SuppressWarnings("unchecked")
    public final void addChild(ProcessorNode<?, ?, ?, ?> child) {
        children.add((ProcessorNode<KOut, VOut, ?, ?>) child);
        childByName.put(child.name(), (ProcessorNode<KOut, VOut, ?, ?>) child);
    }

    /** Initializes the processor with the task's context. */
    public void init(ProcessorContextImpl context) {
        if (processor != null) {
            processor.init(context.forNode());
        }
    }

    /** Records, after each record it processes, the record's end-to-end latency into {@code latency}. */
    final void recordEndToEndLatency(EndToEndLatency latency, StreamTask task) {
        this.endToEndLatency = latency;
        this.latencyClock = task;
    }

    /**
     * Records the end-to-end latency of a record this node has processed, if it is a terminal node whose latency a
     * metric reads. The context calls it after {@link #process}, so that sinks, which override it, record theirs too.
     */
    final void recordProcessed(long timestamp) {
        if (endToEndLatency != null) {
            endToEndLatency.record(latencyClock.roundTimeMs() - timestamp);
        }
    }

    /** Runs the processor on one record. */
    public void process(Record<KIn, VIn> record) {
        try {
            processor.process(record);
        } catch (ClassCastException e) {
            // Kafka Streams' words, which a ported test may compare.
            throw new FailedProcessingException(String.format(Locale.ROOT, "ClassCastException invoking processor: %s."
                + " Do the Processor's input types match the deserialized types? Check the Serde setup and change the"
                + " default Serdes in StreamConfig or provide correct Serdes via method parameters. Make sure the"
                + " Processor can accept the deserialized input of type key: %s, and value: %s.%n"
                + "Note that although incorrect Serdes are a common cause of error, the cast exception might have"
                + " another cause (in user code, for example). For example, if a processor wires in a store, but casts"
                + " the generics incorrectly, a class cast exception could be raised during processing, but the cause"
                + " would not be wrong Serdes.", name, typeOf(record.key(), "key"), typeOf(record.value(), "value")),
                e);
        }
    }

    private static String typeOf(Object object, String what) {
        return object == null ? "unknown because " + what + " is null" : object.getClass().getName();
    }

    /** Closes the processor. */
    public void close() {
        if (processor != null) {
            processor.close();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
