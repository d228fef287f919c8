package dev.runnel.streams.kstream;

import dev.runnel.streams.processor.StreamPartitioner;

/**
 * Options of a foreign-key table join: the partitioners of the two tables' topics (so the internal subscription and
 * response topics are partitioned as the tables are) and the base name of the join's processors and internal topics.
 * Immutable: every {@code withX} returns a new instance.
 */
public class TableJoined<K, KO> implements NamedOperation<TableJoined<K, KO>> {
    /** The partitioner of this (left) table's topic, or {@code null} for the default. */
    protected final StreamPartitioner<K, Void> partitioner;
    /** The partitioner of the other (right) table's topic, or {@code null} for the default. */
    protected final StreamPartitioner<KO, Void> otherPartitioner;
    /** The base name, or {@code null} for generated names. */
    protected final String name;

    /** Creates an option object. */
    protected TableJoined(StreamPartitioner<K, Void> partitioner, StreamPartitioner<KO, Void> otherPartitioner,
        String name) {
        this.partitioner = partitioner;
        this.otherPartitioner = otherPartitioner;
        this.name = name;
    }

    /** Creates a copy of {@code tableJoined}. */
    protected TableJoined(TableJoined<K, KO> tableJoined) {
        this(tableJoined.partitioner, tableJoined.otherPartitioner, tableJoined.name);
    }

    /** Returns an instance with the given partitioners; either may be {@code null} for the default. */
    public static <K, KO> TableJoined<K, KO> with(StreamPartitioner<K, Void> partitioner,
        StreamPartitioner<KO, Void> otherPartitioner) {
        return new TableJoined<>(partitioner, otherPartitioner, null);
    }

    /** Returns an instance with the given base name. */
    public static <K, KO> TableJoined<K, KO> as(String name) {
        return new TableJoined<>(null, null, name);
    }

    /** Returns a copy with the given partitioner of this table's topic. */
    public TableJoined<K, KO> withPartitioner(StreamPartitioner<K, Void> partitioner) {
        return new TableJoined<>(partitioner, otherPartitioner, name);
    }

    /** Returns a copy with the given partitioner of the other table's topic. */
    public TableJoined<K, KO> withOtherPartitioner(StreamPartitioner<KO, Void> otherPartitioner) {
        return new TableJoined<>(partitioner, otherPartitioner, name);
    }

    /** Returns a copy with the given base name. */
    @Override
    public TableJoined<K, KO> withName(String name) {
        return new TableJoined<>(partitioner, otherPartitioner, name);
    }
}
