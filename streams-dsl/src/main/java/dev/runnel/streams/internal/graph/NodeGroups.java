package dev.runnel.streams.internal.graph;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Splits a topology's nodes into node groups (sub-topologies): the connected components of the graph whose edges are
 * parent-child links and "two processors share a store".
 */
/*
 * Implementation notes. A repartition topic (sink in one part, source in another) is not an edge, which is what cuts a
 * topology into sub-topologies. Ids are assigned as Kafka Streams 4 does: components in the order their first node
 * was added (not, as in Kafka 3, by sorted source names), so that task ids, and with them state directories, are
 * Kafka's. Global stores form their own components and are numbered along with the others. Components are found with
 * union-find over node names.
 */
final class NodeGroups {
    private final Map<String, String> parent = new HashMap<>();

    private NodeGroups(Collection<String> nodeNames) {
        for (String name : nodeNames) {
            parent.put(name, name);
        }
    }

    /**
     * Returns the node groups: id to node names (in insertion order).
     *
     * @param nodes the nodes in the order they were added, which gives the group ids
     */
    static Map<Integer, Set<String>> of(Map<String, NodeFactory> nodes) {
        NodeGroups components = new NodeGroups(nodes.keySet());
        Map<String, String> firstStoreUser = new HashMap<>();
        for (NodeFactory node : nodes.values()) {
            for (String predecessor : node.predecessors()) {
                components.union(node.name(), predecessor);
            }
        }
        for (NodeFactory node : nodes.values()) {
            if (node instanceof ProcessorNodeFactory processor) {
                for (String store : processor.stores()) {
                    String first = firstStoreUser.putIfAbsent(store, node.name());
                    if (first != null) {
                        components.union(node.name(), first);
                    }
                }
            }
        }
        Map<String, Integer> idByRoot = new HashMap<>();
        for (String name : nodes.keySet()) {
            idByRoot.computeIfAbsent(components.find(name), root -> idByRoot.size());
        }
        Map<Integer, Set<String>> groups = new TreeMap<>();
        for (String name : nodes.keySet()) {
            groups.computeIfAbsent(idByRoot.get(components.find(name)), id -> new LinkedHashSet<>()).add(name);
        }
        return groups;
    }

    private String find(String name) {
        String root = name;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        parent.put(name, root);
        return root;
    }

    private void union(String a, String b) {
        String rootA = find(a);
        String rootB = find(b);
        if (!rootA.equals(rootB)) {
            parent.put(rootA, rootB);
        }
    }
}
