package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.streams.errors.StreamsNotStartedException;
import dev.runnel.streams.errors.StreamsStoppedException;
import dev.runnel.streams.errors.UnknownStateStoreException;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.processor.StreamPartitioner;
import dev.runnel.streams.query.KeyQuery;
import dev.runnel.streams.query.StateQueryRequest;
import dev.runnel.streams.state.HostInfo;
import dev.runnel.streams.state.QueryableStoreTypes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interactive queries on a running client, checked against Kafka Streams 4.x's behaviour. */
class InteractiveQueriesContractIT {
    @TempDir
    Path root;

    private static Topology countTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .count(Materialized.as("counts"));
        return builder.build();
    }

    @Test
    void shouldGiveTheStoresSourceTopicToTheKeySerializerAndThePartitionerOfQueryMetadataForKey() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("clicks", 2);
        Properties props = log.streamsProps("iq-metadata-topic");
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "host-a:7001");
        List<String> topics = new ArrayList<>();
        try (KafkaStreams streams = new KafkaStreams(countTopology(), props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            Serializer<String> keySerializer = (topic, key) -> {
                topics.add("serializer:" + topic);
                return Serdes.String().serializer().serialize(topic, key);
            };
            KeyQueryMetadata byDefault = streams.queryMetadataForKey("counts", "alice", keySerializer);
            assertEquals(new HostInfo("host-a", 7001), byDefault.activeHost());
            StreamPartitioner<String, Object> partitioner = (topic, key, value, partitions) -> {
                topics.add("partitioner:" + topic + ":" + value + ":" + partitions);
                return Optional.of(Set.of(1));
            };
            assertEquals(1, streams.queryMetadataForKey("counts", "alice", partitioner).partition());
        }
        assertEquals(List.of("serializer:clicks", "partitioner:clicks:null:2"), topics);
    }

    @Test
    void shouldCheckTheStoreNameBeforeTheStateInQueryAndRefuseStoreOnAStoppedClient() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("clicks", 1);
        StateQueryRequest<Long> unknown = StateQueryRequest.inStore("nope").withQuery(KeyQuery.withKey("alice"));
        StateQueryRequest<Long> known = StateQueryRequest.inStore("counts").withQuery(KeyQuery.withKey("alice"));
        StoreQueryParameters<?> counts = StoreQueryParameters.fromNameAndType("counts",
            QueryableStoreTypes.keyValueStore());
        KafkaStreams streams = new KafkaStreams(countTopology(), log.streamsProps("iq-state-checks"));
        try (streams) {
            assertThrows(UnknownStateStoreException.class, () -> streams.query(unknown), "before start");
            assertThrows(StreamsNotStartedException.class, () -> streams.query(known));
            assertThrows(StreamsNotStartedException.class, () -> streams.store(counts));
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
        }
        assertThrows(UnknownStateStoreException.class, () -> streams.query(unknown), "after close");
        assertThrows(StreamsStoppedException.class, () -> streams.query(known));
        assertThrows(IllegalStateException.class, () -> streams.store(counts));
    }
}
