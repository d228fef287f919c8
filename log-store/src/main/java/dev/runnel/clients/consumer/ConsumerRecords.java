package dev.runnel.clients.consumer;

import dev.runnel.common.TopicPartition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The records one {@code poll} returned, grouped by partition, in offset order within each partition. */
public class ConsumerRecords<K, V> implements Iterable<ConsumerRecord<K, V>> {
    @SuppressWarnings("rawtypes")
    private static final ConsumerRecords EMPTY = new ConsumerRecords<>(Map.of());

    private final Map<TopicPartition, List<ConsumerRecord<K, V>>> records;
    private final int count;

    public ConsumerRecords(Map<TopicPartition, List<ConsumerRecord<K, V>>> records) {
        this.records = Collections.unmodifiableMap(new LinkedHashMap<>(records));
        int total = 0;
        for (List<ConsumerRecord<K, V>> list : records.values()) {
            total += list.size();
        }
        this.count = total;
    }

    @SuppressWarnings("unchecked")
    public static <K, V> ConsumerRecords<K, V> empty() {
        return (ConsumerRecords<K, V>) EMPTY;
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
