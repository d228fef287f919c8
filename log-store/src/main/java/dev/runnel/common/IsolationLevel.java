package dev.runnel.common;

import java.util.Locale;

/**
 * The values of a consumer's {@code isolation.level}, with Kafka's protocol ids: {@code read_uncommitted} (0) reads
 * every record, {@code read_committed} (1) only those of committed transactions and of no transaction.
 */
public enum IsolationLevel {
    READ_UNCOMMITTED((byte) 0),
    READ_COMMITTED((byte) 1);

    private final byte id;

    IsolationLevel(byte id) {
        this.id = id;
    }

    public byte id() {
        return id;
    }

    /**
     * Returns the level with this protocol id.
     *
     * @throws IllegalArgumentException for an unknown id
     */
    public static IsolationLevel forId(byte id) {
        for (IsolationLevel level : values()) {
            if (level.id == id) {
                return level;
            }
        }
        throw new IllegalArgumentException("Unknown isolation level " + id);
    }

    /** Returns the config value, {@code read_committed} or {@code read_uncommitted}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
