package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.errors.TopologyException;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Produced;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A source by regular expression on a real log: the topics that exist at start, and one created while running. */
class KafkaStreamsPatternSourceIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path root;

    @Test
    void readsTheMatchingTopicsAndPicksUpOneCreatedWhileRunning() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("orders-eu", 2);
        log.createTopic("orders-us", 1);
        log.createTopic("returns-eu", 1);
        log.createTopic("out", 1);
        produce(log, "orders-eu", "eu-1", "eu-2");
        produce(log, "orders-us", "us-1");
        produce(log, "returns-eu", "not-an-order");
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Pattern.compile("orders-.*"), Consumed.with(Serdes.String(), Serdes.String()))
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        Properties props = log.streamsProps("pattern-source");
        props.put("auto.offset.reset", "earliest");
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            EmbeddedLogFixture.await(() -> outputs(log).containsAll(List.of("eu-1", "eu-2", "us-1")), TIMEOUT,
                "the records of orders-eu and orders-us");

            log.createTopic("orders-asia", 1);
            produce(log, "orders-asia", "asia-1");
            EmbeddedLogFixture.await(() -> outputs(log).contains("asia-1"), TIMEOUT,
                "the record of orders-asia, created while running");
            produce(log, "orders-eu", "eu-3");
            EmbeddedLogFixture.await(() -> outputs(log).contains("eu-3"), TIMEOUT, "orders-eu still read");
            assertFalse(outputs(log).contains("not-an-order"), "returns-eu does not match: " + outputs(log));
            assertTrue(streams.state() == KafkaStreams.State.RUNNING
                || streams.state() == KafkaStreams.State.REBALANCING, "state " + streams.state());
        }
    }

    @Test
    void refusesToStartWhenTwoPatternsMatchOneTopic() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("orders-eu", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Pattern.compile("orders-.*"), Consumed.with(Serdes.String(), Serdes.String())).to("out");
        builder.stream(Pattern.compile(".*-eu"), Consumed.with(Serdes.String(), Serdes.String())).to("out");
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("pattern-overlap"))) {
            TopologyException error = assertThrows(TopologyException.class, streams::start);
            assertTrue(error.getMessage().contains("orders-eu"), error.getMessage());
        }
    }

    private static void produce(EmbeddedLogFixture log, String topic, String... values) {
        List<KeyValue<String, String>> records = java.util.Arrays.stream(values)
            .map(value -> KeyValue.pair(value, value)).toList();
        log.produce(topic, records, Serdes.String().serializer(), Serdes.String().serializer(),
            System.currentTimeMillis());
    }

    private static List<String> outputs(EmbeddedLogFixture log) {
        return log.readAll("out", Serdes.String().deserializer(), Serdes.String().deserializer(), false).stream()
            .map(ConsumerRecord::value).toList();
    }
}
