package dev.runnel.common;

/** The protocol family of a group, as Kafka 4's {@code GroupType}. Runnel's consumer groups are {@link #CLASSIC}. */
public enum GroupType {
    UNKNOWN("Unknown"),
    CONSUMER("Consumer"),
    CLASSIC("Classic"),
    SHARE("Share"),
    STREAMS("Streams");

    private final String displayName;

    GroupType(String displayName) {
        this.displayName = displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
