package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Joined;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.state.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream-table join with a grace period on a real log: a stream record still waiting in the buffer when the
 * application stops, and whose local state is then wiped, comes back from the buffer's changelog and is joined after
 * the restart, with the table version valid at its timestamp.
 */
class KStreamKTableJoinGraceIT {
    private static final String APP = "grace";

    @TempDir
    Path root;

    @Test
    void aBufferedRecordSurvivesARestartWithoutLocalStateAndJoinsAsOfItsTime() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        for (String topic : List.of("prices", "orders", "priced")) {
            log.createTopic(topic, 1);
        }
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> prices = builder.table("prices", Consumed.with(Serdes.String(), Serdes.String()),
            Materialized.as(Stores.persistentVersionedKeyValueStore("prices-store", Duration.ofMillis(500))));
        builder.stream("orders", Consumed.with(Serdes.String(), Serdes.String()))
            .join(prices, (order, price) -> order + "@" + price, Joined.with(Serdes.String(), Serdes.String(),
                Serdes.String(), "pricing", Duration.ofMillis(20)))
            .to("priced", Produced.with(Serdes.String(), Serdes.String()));
        Topology topology = builder.build();
        Properties props = log.streamsProps(APP);

        // o1@50 waits until stream time 70; the price valid at 50 arrives after it.
        produce(log, record("prices", "1.00", 0), record("orders", "o1", 50));
        produce(log, record("prices", "2.00", 40));
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            log.awaitProcessed(APP, List.of("prices", "orders"), Duration.ofSeconds(15));
        }
        assertEquals(List.of(), priced(log), "o1 is still buffered");
        EmbeddedLogFixture.deleteLocalState(topology, props);
        assertFalse(Files.exists(log.stateDir().resolve(APP)), "no local state is left to restore from");

        produce(log, record("orders", "o2", 100)); // stream time 100: o1 is due, o2 waits
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            EmbeddedLogFixture.await(() -> !priced(log).isEmpty(), Duration.ofSeconds(15), "o1's join result");
            log.awaitProcessed(APP, List.of("prices", "orders"), Duration.ofSeconds(15));
        }
        assertEquals(List.of("apple:o1@2.00@50"), priced(log));
    }

    private static ProducerRecord<String, String> record(String topic, String value, long timestamp) {
        return new ProducerRecord<>(topic, null, timestamp, "apple", value);
    }

    @SafeVarargs
    private static void produce(EmbeddedLogFixture log, ProducerRecord<String, String>... records) {
        log.produce(List.of(records), Serdes.String().serializer(), Serdes.String().serializer());
    }

    private static List<String> priced(EmbeddedLogFixture log) {
        return log.readAll("priced", Serdes.String().deserializer(), Serdes.String().deserializer(), false).stream()
            .map(KStreamKTableJoinGraceIT::format).toList();
    }

    private static String format(ConsumerRecord<String, String> record) {
        return record.key() + ":" + record.value() + "@" + record.timestamp();
    }
}
