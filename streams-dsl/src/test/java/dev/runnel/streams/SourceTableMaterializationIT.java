package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.clients.admin.Admin;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Produced;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source tables on a running client: one only turned into a stream has no store, so no changelog topic, and forwards
 * every update although the record cache is on; one joined by a stream is materialized, with its changelog, and the
 * join finds its values.
 */
class SourceTableMaterializationIT {
    private static final String APP = "lazy-tables";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path root;

    @Test
    void shouldCreateChangelogsOnlyForSourceTablesThatAreRead() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        List.of("prices", "prices-out", "users", "orders", "enriched").forEach(topic -> log.createTopic(topic, 1));
        StreamsBuilder builder = new StreamsBuilder();
        Consumed<String, String> strings = Consumed.with(Serdes.String(), Serdes.String());
        Produced<String, String> stringsOut = Produced.with(Serdes.String(), Serdes.String());
        // Stores prices-STATE-STORE-0000000000 (never added) and users-STATE-STORE-0000000005.
        builder.table("prices", strings).toStream().to("prices-out", stringsOut);
        KTable<String, String> users = builder.table("users", strings);
        builder.stream("orders", strings).join(users, (order, city) -> order + "@" + city).to("enriched", stringsOut);

        produce(log, "users", "alice", "paris", 1_000L);
        // Within one commit interval (30 s by default): a cached table would forward only the last.
        produce(log, "prices", "tea", "1", 1_000L);
        produce(log, "prices", "tea", "2", 1_001L);
        produce(log, "prices", "tea", "3", 1_002L);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps(APP))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            log.awaitProcessed(APP, List.of("prices", "users"), TIMEOUT);
            produce(log, "orders", "alice", "o1", 10_000L);
            Supplier<List<KeyValue<String, String>>> enriched = () -> read(log, "enriched");
            EmbeddedLogFixture.await(() -> !enriched.get().isEmpty(), TIMEOUT, "the order to be enriched");
            assertEquals(List.of(KeyValue.pair("alice", "o1@paris")), enriched.get());
            assertEquals(List.of(KeyValue.pair("tea", "1"), KeyValue.pair("tea", "2"), KeyValue.pair("tea", "3")),
                read(log, "prices-out"));
        }
        assertEquals(List.of(APP + "-users-STATE-STORE-0000000005-changelog"),
            topics(log).stream().filter(topic -> topic.endsWith("-changelog")).toList());
    }

    private static void produce(EmbeddedLogFixture log, String topic, String key, String value, long timestamp) {
        log.produce(topic, List.of(KeyValue.pair(key, value)), Serdes.String().serializer(),
            Serdes.String().serializer(), timestamp);
    }

    private static List<KeyValue<String, String>> read(EmbeddedLogFixture log, String topic) {
        return log.readAll(topic, Serdes.String().deserializer(), Serdes.String().deserializer(), false).stream()
            .map(record -> KeyValue.pair(record.key(), record.value())).toList();
    }

    private static List<String> topics(EmbeddedLogFixture log) {
        try (Admin admin = Admin.create(Map.of("log.dir", log.logDir().toString()))) {
            return admin.listTopics().names().get().stream().sorted().toList();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }
}
