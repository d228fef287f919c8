package dev.runnel.streams.internal.graph;

import dev.runnel.streams.internal.runtime.ProcessorNode;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A processor and the stores connected to it (which can grow until the topology is built). */
public final class ProcessorNodeFactory implements NodeFactory {
    private final String name;
    private List<String> predecessors;
    private final ProcessorSupplier<?, ?, ?, ?> supplier;
    /** The supplier as the topology was given it, before the processor wrapper. */
    private final Object operator;
    private final Set<String> stores = new LinkedHashSet<>();

    ProcessorNodeFactory(String name, List<String> predecessors, ProcessorSupplier<?, ?, ?, ?> supplier,
        Object operator) {
        this.name = name;
        this.predecessors = List.copyOf(predecessors);
        this.supplier = supplier;
        this.operator = operator;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> predecessors() {
        return predecessors;
    }

    /** Makes {@code newParent} a parent in place of {@code oldParent}, keeping the order of the parents. */
    void replacePredecessor(String oldParent, String newParent) {
        predecessors = predecessors.stream().map(parent -> parent.equals(oldParent) ? newParent : parent).toList();
    }

    /** Returns the connected stores' names. */
    public Set<String> stores() {
        return Collections.unmodifiableSet(stores);
    }

    void connect(String storeName) {
        stores.add(storeName);
    }

    @Override
    public ProcessorNode<?, ?, ?, ?> build() {
        return new ProcessorNode<>(name, supplier.get(), stores, operator);
    }
}
