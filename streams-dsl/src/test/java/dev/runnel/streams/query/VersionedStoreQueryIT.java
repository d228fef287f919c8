package dev.runnel.streams.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.KafkaStreams;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.state.Stores;
import dev.runnel.streams.state.VersionedRecord;
import dev.runnel.streams.state.VersionedRecordIterator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interactive Query v2 of a versioned source table on a running client (KIP-960, KIP-968): a two-partition price
 * topic with apple in partition 0 (a late version and a deletion among its updates) and pear in partition 1.
 */
class VersionedStoreQueryIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String APP = "iq2-versioned";
    private static final String STORE = "prices-store";

    @TempDir
    Path root;

    @Test
    void shouldAnswerVersionedKeyQueriesOfAVersionedTablePerPartition() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        try (KafkaStreams streams = start(log)) {
            producePrices(log);
            log.awaitProcessed(APP, List.of("prices"), TIMEOUT);

            StateQueryResult<VersionedRecord<String>> latest = streams.query(
                inPrices(VersionedKeyQuery.withKey("apple")));
            assertEquals(Set.of(0, 1), latest.getPartitionResults().keySet(), "every local partition answers");
            assertEquals(new VersionedRecord<>("1.75", 12_000L), latest.getPartitionResults().get(0).getResult());
            assertNull(latest.getPartitionResults().get(1).getResult(), "apple is not in partition 1");

            assertEquals(new VersionedRecord<>("1.25", 5_000L, 8_000L), appleAsOf(streams, 6_000L),
                "the late version is in the history");
            assertNull(appleAsOf(streams, 11_000L), "deleted from 10000 to 12000");
            assertNull(appleAsOf(streams, 999L), "before the first version");
            assertEquals(new VersionedRecord<>("0.80", 2_000L, 7_000L), streams.query(inPrices(
                VersionedKeyQuery.<String, String>withKey("pear").asOf(Instant.ofEpochMilli(6_999L))))
                .getPartitionResults().get(1).getResult());
        }
    }

    @Test
    void shouldAnswerMultiVersionedKeyQueriesOfAVersionedTablePerPartition() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        try (KafkaStreams streams = start(log)) {
            producePrices(log);
            log.awaitProcessed(APP, List.of("prices"), TIMEOUT);

            assertEquals(Map.of(0, List.of("1.75@12000-", "1.50@8000-10000", "1.25@5000-8000", "1.10@1000-5000"),
                1, List.of()), versions(streams.query(inPrices(MultiVersionedKeyQuery.withKey("apple")))));
            assertEquals(Map.of(0, List.of("1.25@5000-8000", "1.50@8000-10000"), 1, List.of()),
                versions(streams.query(inPrices(MultiVersionedKeyQuery.<String, String>withKey("apple")
                    .fromTime(Instant.ofEpochMilli(6_000L)).toTime(Instant.ofEpochMilli(11_000L))
                    .withAscendingTimestamps()))));
            assertEquals(Map.of(0, List.of(), 1, List.of("0.90@7000-", "0.80@2000-7000")),
                versions(streams.query(inPrices(MultiVersionedKeyQuery.<String, String>withKey("pear")
                    .withDescendingTimestamps()))));

            StateQueryResult<String> plain = streams.query(inPrices(KeyQuery.withKey("apple")));
            plain.getPartitionResults().values().forEach(result -> assertEquals(FailureReason.UNKNOWN_QUERY_TYPE,
                result.getFailureReason(), "a versioned store answers only the versioned queries"));
        }
    }

    private static KafkaStreams start(EmbeddedLogFixture log) {
        log.createTopic("prices", 2);
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("prices", Consumed.with(Serdes.String(), Serdes.String()),
            Materialized.as(Stores.persistentVersionedKeyValueStore(STORE, Duration.ofMinutes(10))));
        KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps(APP));
        streams.start();
        EmbeddedLogFixture.awaitRunning(streams);
        return streams;
    }

    /** Produces the prices, each to the partition of its key; apple's 1.25 comes late and a deletion follows 1.50. */
    private static void producePrices(EmbeddedLogFixture log) {
        List<ProducerRecord<String, String>> prices = List.of(
            new ProducerRecord<>("prices", 0, 1_000L, "apple", "1.10"),
            new ProducerRecord<>("prices", 0, 8_000L, "apple", "1.50"),
            new ProducerRecord<>("prices", 0, 5_000L, "apple", "1.25"),
            new ProducerRecord<>("prices", 0, 10_000L, "apple", (String) null),
            new ProducerRecord<>("prices", 0, 12_000L, "apple", "1.75"),
            new ProducerRecord<>("prices", 1, 2_000L, "pear", "0.80"),
            new ProducerRecord<>("prices", 1, 7_000L, "pear", "0.90"));
        log.produce(prices, Serdes.String().serializer(), Serdes.String().serializer());
    }

    private static <R> StateQueryRequest<R> inPrices(Query<R> query) {
        return StateQueryRequest.inStore(STORE).withQuery(query);
    }

    private static VersionedRecord<String> appleAsOf(KafkaStreams streams, long timestamp) {
        return streams.query(inPrices(VersionedKeyQuery.<String, String>withKey("apple")
            .asOf(Instant.ofEpochMilli(timestamp)))).getPartitionResults().get(0).getResult();
    }

    /** Returns each partition's versions as "value@timestamp-validTo" (no validTo for the latest), closing them. */
    private static Map<Integer, List<String>> versions(StateQueryResult<VersionedRecordIterator<String>> result) {
        Map<Integer, List<String>> versions = new TreeMap<>();
        result.getPartitionResults().forEach((partition, answer) -> {
            List<String> list = new ArrayList<>();
            try (VersionedRecordIterator<String> iterator = answer.getResult()) {
                iterator.forEachRemaining(version -> list.add(version.value() + "@" + version.timestamp() + "-"
                    + version.validTo().map(String::valueOf).orElse("")));
            }
            versions.put(partition, list);
        });
        return versions;
    }
}
