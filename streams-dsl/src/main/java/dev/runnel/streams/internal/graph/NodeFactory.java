package dev.runnel.streams.internal.graph;

import dev.runnel.streams.internal.runtime.ProcessorNode;
import java.util.List;

/** A node of the topology plan; {@link #build()} makes the runtime node of one task. */
public sealed interface NodeFactory permits SourceNodeFactory, ProcessorNodeFactory, SinkNodeFactory {
    /** Returns the node name. */
    String name();

    /** Returns the parents' names, in the order given. */
    List<String> predecessors();

    /** Returns a new runtime node, with new processor instances, without children. */
    ProcessorNode<?, ?, ?, ?> build();
}
