package dev.runnel.streams;

import dev.runnel.streams.processor.TopicNameExtractor;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The static structure of a {@link Topology}: its sub-topologies (each runs as one task per input partition) and
 * global stores, with their nodes. {@code toString()} prints the same layout as Kafka Streams:
 *
 * <pre>
 * Topologies:
 *    Sub-topology: 0
 *     Source: KSTREAM-SOURCE-0000000000 (topics: [input])
 *       --&gt; KSTREAM-FILTER-0000000001
 *     Processor: KSTREAM-FILTER-0000000001 (stores: [])
 *       --&gt; KSTREAM-SINK-0000000002
 *       &lt;-- KSTREAM-SOURCE-0000000000
 *     Sink: KSTREAM-SINK-0000000002 (topic: output)
 *       &lt;-- KSTREAM-FILTER-0000000001
 * </pre>
 *
 * Nodes within a sub-topology are listed by descending sub-tree size, then by name. Immutable.
 */
public interface TopologyDescription {
    /** Returns the sub-topologies, ordered by id. */
    Set<Subtopology> subtopologies();

    /** Returns the global stores, ordered by id. */
    Set<GlobalStore> globalStores();

    /** A connected part of the topology; nodes connect through parent-child edges and shared state stores. */
    interface Subtopology {
        /** Returns the id, which is the first part of its task ids. */
        int id();

        /** Returns the nodes. */
        Set<Node> nodes();
    }

    /** A global store with the source and processor that fill it; it generates no tasks. */
    interface GlobalStore {
        /** Returns the source reading the global topic. */
        Source source();

        /** Returns the processor updating the store. */
        Processor processor();

        /** Returns the id, numbered with the sub-topologies. */
        int id();
    }

    /** A node of the topology. */
    interface Node {
        /** Returns the node name, unique within the topology. */
        String name();

        /** Returns the parents. */
        Set<Node> predecessors();

        /** Returns the children. */
        Set<Node> successors();
    }

    /** A node reading topics. */
    interface Source extends Node {
        /** Returns the topics read, or {@code null} for a pattern source. */
        Set<String> topicSet();

        /** Returns the topic pattern, or {@code null} for a source of named topics. */
        Pattern topicPattern();
    }

    /** A node running a processor. */
    interface Processor extends Node {
        /** Returns the names of the stores connected to it. */
        Set<String> stores();
    }

    /** A node writing to a topic. */
    interface Sink extends Node {
        /** Returns the topic, or {@code null} if a {@link TopicNameExtractor} chooses it. */
        String topic();

        /** Returns the extractor choosing the topic, or {@code null} for a fixed topic. */
        TopicNameExtractor<?, ?> topicNameExtractor();
    }
}
