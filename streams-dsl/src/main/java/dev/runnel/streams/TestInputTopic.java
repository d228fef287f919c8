package dev.runnel.streams;

import dev.runnel.common.serialization.Serializer;
import dev.runnel.streams.test.TestRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Pipes records into one input topic of a {@link TopologyTestDriver}; each record is processed completely before the
 * call returns. A record without its own time gets the topic's current time, which then advances by the auto-advance
 * duration. Created by {@link TopologyTestDriver#createInputTopic}. Not thread-safe.
 */
public class TestInputTopic<K, V> {
    private final TopologyTestDriver driver;
    private final String topic;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final Duration advanceDuration;
    private Instant currentTime;

    TestInputTopic(TopologyTestDriver driver, String topic, Serializer<K> keySerializer,
        Serializer<V> valueSerializer, Instant startTimestamp, Duration autoAdvance) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.topic = Objects.requireNonNull(topic, "topicName cannot be null");
        this.keySerializer = Objects.requireNonNull(keySerializer, "keySerializer cannot be null");
        this.valueSerializer = Objects.requireNonNull(valueSerializer, "valueSerializer cannot be null");
        this.currentTime = Objects.requireNonNull(startTimestamp, "startTimestamp cannot be null");
        if (Objects.requireNonNull(autoAdvance, "autoAdvance cannot be null").isNegative()) {
            throw new IllegalArgumentException("autoAdvance must be positive");
        }
        this.advanceDuration = autoAdvance;
    }

    /**
     * Moves the topic's current time forward.
     *
     * @throws IllegalArgumentException if {@code advance} is negative
     */
    public void advanceTime(Duration advance) {
        if (advance.isNegative()) {
            throw new IllegalArgumentException("advance must be positive");
        }
        currentTime = currentTime.plus(advance);
    }

    private Instant timestampAndAdvance() {
        Instant timestamp = currentTime;
        currentTime = currentTime.plus(advanceDuration);
        return timestamp;
    }

    /** Pipes a record, using its own time if it has one. */
    public void pipeInput(TestRecord<K, V> record) {
        Instant timestamp = record.getRecordTime() == null ? timestampAndAdvance() : record.getRecordTime();
        driver.pipeRecord(topic, record, keySerializer, valueSerializer, timestamp);
    }

    /** Pipes a value with a {@code null} key. */
    public void pipeInput(V value) {
        pipeInput(new TestRecord<>(value));
    }

    /** Pipes a key and value. */
    public void pipeInput(K key, V value) {
        pipeInput(new TestRecord<>(key, value));
    }

    /** Pipes a value with a {@code null} key at {@code timestamp}. */
    public void pipeInput(V value, Instant timestamp) {
        pipeInput(new TestRecord<>(null, value, timestamp));
    }

    /** Pipes a key and value at {@code timestampMs}. */
    public void pipeInput(K key, V value, long timestampMs) {
        pipeInput(new TestRecord<>(key, value, null, timestampMs));
    }

    /** Pipes a key and value at {@code timestamp}. */
    public void pipeInput(K key, V value, Instant timestamp) {
        pipeInput(new TestRecord<>(key, value, timestamp));
    }

    /** Pipes records in list order. */
    public void pipeRecordList(List<? extends TestRecord<K, V>> records) {
        for (TestRecord<K, V> record : records) {
            pipeInput(record);
        }
    }

    /** Pipes key-value pairs in list order. */
    public void pipeKeyValueList(List<KeyValue<K, V>> keyValues) {
        for (KeyValue<K, V> keyValue : keyValues) {
            pipeInput(keyValue.key, keyValue.value);
        }
    }

    /** Pipes values with {@code null} keys in list order. */
    public void pipeValueList(List<V> values) {
        for (V value : values) {
            pipeInput(value);
        }
    }

    /** Pipes key-value pairs at {@code startTimestamp}, {@code startTimestamp + advance}, and so on. */
    public void pipeKeyValueList(List<KeyValue<K, V>> keyValues, Instant startTimestamp, Duration advance) {
        Instant recordTime = startTimestamp;
        for (KeyValue<K, V> keyValue : keyValues) {
            pipeInput(keyValue.key, keyValue.value, recordTime);
            recordTime = recordTime.plus(advance);
        }
    }

    /** Pipes values at {@code startTimestamp}, {@code startTimestamp + advance}, and so on. */
    public void pipeValueList(List<V> values, Instant startTimestamp, Duration advance) {
        Instant recordTime = startTimestamp;
        for (V value : values) {
            pipeInput(value, recordTime);
            recordTime = recordTime.plus(advance);
        }
    }

    @Override
    public String toString() {
        return "TestInputTopic[topic='" + topic + "', keySerializer=" + keySerializer.getClass().getSimpleName()
            + ", valueSerializer=" + valueSerializer.getClass().getSimpleName() + "]";
    }
}
