package dev.runnel.common.record;

import java.util.Locale;

/**
 * The codecs a record batch can be compressed with. The id is stored in the low three bits of the batch attributes and
 * the name is the value of {@code compression.type}, both exactly as in Kafka.
 */
public enum CompressionType {
    NONE(0, "none"),
    GZIP(1, "gzip"),
    SNAPPY(2, "snappy"),
    LZ4(3, "lz4"),
    ZSTD(4, "zstd");

    public final int id;
    public final String name;

    CompressionType(int id, String name) {
        this.id = id;
        this.name = name;
    }

    public static CompressionType forId(int id) {
        for (CompressionType type : values()) {
            if (type.id == id) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown compression type id: " + id);
    }

    /** Parses a {@code compression.type} value; the error lists the valid names. */
    public static CompressionType forName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (CompressionType type : values()) {
            if (type.name.equals(lower)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown compression type '" + name
            + "'; valid values are none, gzip, snappy, lz4, zstd");
    }

    @Override
    public String toString() {
        return name;
    }
}
