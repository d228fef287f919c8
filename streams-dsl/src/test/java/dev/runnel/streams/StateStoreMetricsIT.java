package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.common.MetricName;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.state.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code stream-state-metrics} of a running client, tagged by the store supplier's metrics scope. */
class StateStoreMetricsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path root;

    @Test
    void shouldTagAStoresMetricsWithItsSuppliersMetricsScope() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .count(Materialized.as(Stores.lruMap("recent", 100)));
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("store-scope"))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            log.produce("in", List.of(KeyValue.pair("a", "1"), KeyValue.pair("b", "2"), KeyValue.pair("a", "3")),
                Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);

            // Kafka Streams names the tag <metricsScope>-state-id: in-memory-lru for Stores.lruMap.
            MetricName puts = new MetricName("put-rate", "stream-state-metrics", "", Map.of(
                "thread-id", "store-scope-1-StreamThread-1", "task-id", "0_0", "in-memory-lru-state-id", "recent"));
            EmbeddedLogFixture.await(() -> streams.metrics().containsKey(puts), TIMEOUT,
                puts + " among " + streams.metrics().keySet());
            assertEquals(0, streams.metrics().keySet().stream()
                .filter(name -> name.tags().containsKey("in-memory-state-id")).count());
        }
    }
}
