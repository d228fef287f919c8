package dev.runnel.common;

/** A server that leads partitions. The embedded log is one node, id 0, with no network address. */
public record Node(int id, String host, int port) {
    /** The node that stands for the embedded log in partition descriptions. */
    public static final Node EMBEDDED = new Node(0, "embedded", -1);

    public String idString() {
        return Integer.toString(id);
    }
}
