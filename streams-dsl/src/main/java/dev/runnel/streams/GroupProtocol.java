package dev.runnel.streams;

import java.util.Locale;

/**
 * The group protocols {@code group.protocol} names. Runnel's stream threads join the application's group the same way
 * under either; as in Kafka Streams, {@link #STREAMS} refuses static membership ({@code group.instance.id}).
 */
public enum GroupProtocol {
    /** The consumer group protocol with client-side task assignment; the default. */
    CLASSIC("CLASSIC"),
    /** The streams group protocol (KIP-1071). */
    STREAMS("STREAMS");

    /** The protocol's name, upper case. */
    public final String name;

    GroupProtocol(String name) {
        this.name = name;
    }

    /**
     * Returns the protocol named {@code name}, in any case.
     *
     * @throws IllegalArgumentException if no protocol has that name
     */
    public static GroupProtocol of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
