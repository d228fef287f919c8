package dev.runnel.clients.consumer;

import dev.runnel.common.TopicPartition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The records one {@code poll} returned, grouped by partition, in offset order within each partition, and the
 * positions the poll moved partitions to ({@link #nextOffsets()}).
 */
public class ConsumerRecords<K, V> implements Iterable<ConsumerRecord<K, V>> {
    public static final ConsumerRecords<Object, Object> EMPTY = new ConsumerRecords<>(Map.of(), Map.of());

    private final Map<TopicPartition, List<ConsumerRecord<K, V>>> records;
    private final Map<TopicPartition, OffsetAndMetadata> nextOffsets;
    private final int count;

    /** Creates records without next offsets, as Kafka's deprecated constructor does. */
    public ConsumerRecords(Map<TopicPartition, List<ConsumerRecord<K, V>>> records) {
        this(records, Map.of());
    }

    public ConsumerRecords(Map<TopicPartition, List<ConsumerRecord<K, V>>> records,
                           Map<TopicPartition, OffsetAndMetadata> nextOffsets) {
        this.records = Collections.unmodifiableMap(new LinkedHashMap<>(records));
        this.nextOffsets = Collections.unmodifiableMap(new LinkedHashMap<>(nextOffsets));
        int total = 0;
        for (List<ConsumerRecord<K, V>> list : records.values()) {
            total += list.size();
        }
        this.count = total;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <K, V> ConsumerRecords<K, V> empty() {
        return (ConsumerRecords) EMPTY;
    }

    /** The records of one partition; empty if there are none. */
    public List<ConsumerRecord<K, V>> records(TopicPartition partition) {
        List<ConsumerRecord<K, V>> list = records.get(partition);
        return list == null ? List.of() : Collections.unmodifiableList(list);
    }

    /** The records of one topic, partition by partition. */
    public Iterable<ConsumerRecord<K, V>> records(String topic) {
        List<ConsumerRecord<K, V>> all = new ArrayList<>();
        records.forEach((tp, list) -> {
            if (tp.topic().equals(topic)) {
                all.addAll(list);
            }
        });
        return all;
    }

    /**
     * The offset of the next record to read in every partition whose position the poll advanced, including past
     * control or aborted records that return nothing; committing these commits exactly what the poll consumed.
     */
    public Map<TopicPartition, OffsetAndMetadata> nextOffsets() {
        return nextOffsets;
    }

    public Set<TopicPartition> partitions() {
        return records.keySet();
    }

    @Override
    public Iterator<ConsumerRecord<K, V>> iterator() {
        return records.values().stream().flatMap(List::stream).iterator();
    }

    public int count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }
}
