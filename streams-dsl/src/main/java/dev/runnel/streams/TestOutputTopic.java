package dev.runnel.streams;

import dev.runnel.common.serialization.Deserializer;
import dev.runnel.streams.test.TestRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads what a {@link TopologyTestDriver}'s topology wrote to one topic, oldest first; reading consumes. Created by
 * {@link TopologyTestDriver#createOutputTopic}. Not thread-safe.
 */
public class TestOutputTopic<K, V> {
    private final TopologyTestDriver driver;
    private final String topic;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;

    TestOutputTopic(TopologyTestDriver driver, String topic, Deserializer<K> keyDeserializer,
        Deserializer<V> valueDeserializer) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.topic = Objects.requireNonNull(topic, "topicName cannot be null");
        this.keyDeserializer = Objects.requireNonNull(keyDeserializer, "keyDeserializer cannot be null");
        this.valueDeserializer = Objects.requireNonNull(valueDeserializer, "valueDeserializer cannot be null");
    }

    /**
     * Reads the next record.
     *
     * @throws java.util.NoSuchElementException if the topic is empty ("Empty topic: ...") or was never written
     *     ("Uninitialized topic: ...")
     */
    public TestRecord<K, V> readRecord() {
        return driver.readRecord(topic, keyDeserializer, valueDeserializer);
    }

    /** Reads the next record's value. */
    public V readValue() {
        return readRecord().value();
    }

    /** Reads the next record's key and value. */
    public KeyValue<K, V> readKeyValue() {
        TestRecord<K, V> record = readRecord();
        return KeyValue.pair(record.key(), record.value());
    }

    /** Reads all remaining records. */
    public List<TestRecord<K, V>> readRecordsToList() {
        List<TestRecord<K, V>> records = new ArrayList<>();
        while (!isEmpty()) {
            records.add(readRecord());
        }
        return records;
    }

    /**
     * Reads all remaining records into a map, later values replacing earlier ones (a null value too).
     *
     * @throws IllegalStateException if a record has a null key
     */
    public Map<K, V> readKeyValuesToMap() {
        Map<K, V> map = new HashMap<>();
        while (!isEmpty()) {
            TestRecord<K, V> record = readRecord();
            if (record.key() == null) {
                throw new IllegalStateException("Null keys not allowed with readKeyValuesToMap method");
            }
            map.put(record.key(), record.value());
        }
        return map;
    }

    /** Reads all remaining keys and values. */
    public List<KeyValue<K, V>> readKeyValuesToList() {
        List<KeyValue<K, V>> keyValues = new ArrayList<>();
        while (!isEmpty()) {
            keyValues.add(readKeyValue());
        }
        return keyValues;
    }

    /** Reads all remaining values. */
    public List<V> readValuesToList() {
        List<V> values = new ArrayList<>();
        while (!isEmpty()) {
            values.add(readValue());
        }
        return values;
    }

    /** Returns the number of unread records. */
    public final long getQueueSize() {
        return driver.getQueueSize(topic);
    }

    /** Returns whether there are no unread records. */
    public final boolean isEmpty() {
        return getQueueSize() == 0;
    }

    @Override
    public String toString() {
        return "TestOutputTopic[topic='" + topic + "', keyDeserializer=" + keyDeserializer.getClass().getSimpleName()
            + ", valueDeserializer=" + valueDeserializer.getClass().getSimpleName() + ", size=" + getQueueSize() + "]";
    }
}
