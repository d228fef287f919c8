package dev.runnel.streams.state;

import java.util.Objects;

/**
 * The {@code host:port} an application instance serves interactive queries on (its {@code application.server}), as
 * other instances learn it from {@code KafkaStreams#queryMetadataForKey}. Immutable.
 */
public final class HostInfo {
    private final String host;
    private final int port;

    public HostInfo(String host, int port) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
    }

    /**
     * Parses {@code host:port}; returns null for a null or empty endpoint.
     *
     * @throws IllegalArgumentException if the endpoint has no port, or a port that is not a number
     */
    public static HostInfo buildFromEndpoint(String endPoint) {
        if (endPoint == null || endPoint.isBlank()) {
            return null;
        }
        int colon = endPoint.lastIndexOf(':');
        if (colon <= 0 || colon == endPoint.length() - 1) {
            throw new IllegalArgumentException("Error parsing host address " + endPoint + ". Expected format"
                + " host:port.");
        }
        try {
            return new HostInfo(endPoint.substring(0, colon), Integer.parseInt(endPoint.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Error parsing host address " + endPoint + ". Expected format"
                + " host:port with a numeric port.", e);
        }
    }

    /** The placeholder of an unknown host. */
    public static HostInfo unavailable() {
        return new HostInfo("unavailable", -1);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostInfo that && port == that.port && host.equals(that.host);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port);
    }

    @Override
    public String toString() {
        return "HostInfo{host='" + host + "', port=" + port + "}";
    }
}
