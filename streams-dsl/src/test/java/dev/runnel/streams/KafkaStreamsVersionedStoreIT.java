package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.state.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A versioned table's history survives a restart without local state: it is restored from the changelog. */
class KafkaStreamsVersionedStoreIT {
    private static final String APP = "versioned";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path root;

    @Test
    void shouldRestoreVersionHistoryFromChangelogAfterRestart() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("prices", 1);
        log.createTopic("orders", 1);
        log.createTopic("priced", 1);
        producePrice(log, "1.10", 1_000L);
        producePrice(log, "1.50", 8_000L);
        producePrice(log, "1.25", 5_000L); // late: history only
        try (KafkaStreams streams = new KafkaStreams(topology(), log.streamsProps(APP))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            log.awaitProcessed(APP, List.of("prices", "orders"), WAIT);
        }
        EmbeddedLogFixture.deleteLocalState(topology(), log.streamsProps(APP));

        produceOrder(log, "o1", 9_000L);
        produceOrder(log, "o2", 2_000L);
        produceOrder(log, "o3", 6_000L);
        try (KafkaStreams streams = new KafkaStreams(topology(), log.streamsProps(APP))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            log.awaitProcessed(APP, List.of("prices", "orders"), WAIT);
        }

        List<String> priced = new ArrayList<>();
        for (ConsumerRecord<String, String> record : log.readAll("priced", Serdes.String().deserializer(),
            Serdes.String().deserializer(), false)) {
            priced.add(record.value() + "@" + record.timestamp());
        }
        assertEquals(List.of("o1=1.50@9000", "o2=1.10@2000", "o3=1.25@6000"), priced,
            "each order joins the price valid at its time, from the restored history");
    }

    private static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> prices = builder.table("prices", Consumed.with(Serdes.String(), Serdes.String()),
            Materialized.as(Stores.persistentVersionedKeyValueStore("prices-store", Duration.ofMinutes(10))));
        builder.stream("orders", Consumed.with(Serdes.String(), Serdes.String()))
            .join(prices, (order, price) -> order + "=" + price)
            .to("priced", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    private static void producePrice(EmbeddedLogFixture log, String price, long timestamp) {
        log.produce("prices", List.of(KeyValue.pair("apple", price)), Serdes.String().serializer(),
            Serdes.String().serializer(), timestamp);
    }

    private static void produceOrder(EmbeddedLogFixture log, String order, long timestamp) {
        log.produce("orders", List.of(KeyValue.pair("apple", order)), Serdes.String().serializer(),
            Serdes.String().serializer(), timestamp);
    }
}
