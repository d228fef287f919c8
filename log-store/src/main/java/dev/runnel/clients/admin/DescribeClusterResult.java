package dev.runnel.clients.admin;

import dev.runnel.common.KafkaFuture;
import dev.runnel.common.Node;
import java.util.Collection;

/** The result of {@code describeCluster}: on the embedded log one node, which is also the controller. */
public class DescribeClusterResult {
    private final KafkaFuture<Collection<Node>> nodes;
    private final KafkaFuture<Node> controller;
    private final KafkaFuture<String> clusterId;

    DescribeClusterResult(KafkaFuture<Collection<Node>> nodes, KafkaFuture<Node> controller,
                          KafkaFuture<String> clusterId) {
        this.nodes = nodes;
        this.controller = controller;
        this.clusterId = clusterId;
    }

    public KafkaFuture<Collection<Node>> nodes() {
        return nodes;
    }

    public KafkaFuture<Node> controller() {
        return controller;
    }

    public KafkaFuture<String> clusterId() {
        return clusterId;
    }
}
