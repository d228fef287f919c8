package dev.runnel.common.record;

/** Whether a record's timestamp was set by its producer or by the log when it was appended. */
public enum TimestampType {
    NO_TIMESTAMP_TYPE(-1, "NoTimestampType"),
    CREATE_TIME(0, "CreateTime"),
    LOG_APPEND_TIME(1, "LogAppendTime");

    public final int id;
    public final String name;

    TimestampType(int id, String name) {
        this.id = id;
        this.name = name;
    }

    /** Parses a {@code message.timestamp.type} value: {@code CreateTime} or {@code LogAppendTime}. */
    public static TimestampType forName(String name) {
        for (TimestampType type : values()) {
            if (type.name.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Invalid timestamp type '" + name
            + "'; valid values are CreateTime, LogAppendTime");
    }

    @Override
    public String toString() {
        return name;
    }
}
