package dev.runnel.streams.kstream;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.TestOutputTopic;
import dev.runnel.streams.Topology;
import dev.runnel.streams.TopologyTestDriver;
import dev.runnel.streams.test.TestRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** A driver with String default serdes, String input topics, and outputs read as "key:value@timestamp". */
final class JoinFixture implements AutoCloseable {
    final TopologyTestDriver driver;

    JoinFixture(Topology topology) {
        this(topology, new Properties());
    }

    /** A driver with the String default serdes on top of {@code configs}. */
    JoinFixture(Topology topology, Properties configs) {
        Properties props = new Properties();
        props.putAll(configs);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.String().getClass().getName());
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.String().getClass().getName());
        driver = new TopologyTestDriver(topology, props, Instant.EPOCH);
    }

    TestInputTopic<String, String> input(String topic) {
        return driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.String().serializer());
    }

    /** Returns and removes what {@code topic} received, as "key:value@timestamp" strings. */
    List<String> read(String topic) {
        TestOutputTopic<String, String> output =
            driver.createOutputTopic(topic, Serdes.String().deserializer(), Serdes.String().deserializer());
        List<String> records = new ArrayList<>();
        for (TestRecord<String, String> record : output.readRecordsToList()) {
            records.add(record.key() + ":" + record.value() + "@" + record.timestamp());
        }
        return records;
    }

    /** Returns the task's dropped-records-total. */
    double droppedRecords() {
        return driver.metrics().entrySet().stream()
            .filter(e -> e.getKey().name().equals("dropped-records-total"))
            .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }

    @Override
    public void close() {
        driver.close();
    }
}
