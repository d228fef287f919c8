package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Utils;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.state.HostInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routing metadata names standbys: two instances, each serving on its own {@code application.server}, count a
 * two-partition topic with {@code num.standby.replicas=1}, so each runs one partition's task and keeps a standby of
 * the other's.
 */
class StandbyRoutingIT {
    private static final String APP = "standby-routing";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final HostInfo HOST_A = new HostInfo("host-a", 7001);
    private static final HostInfo HOST_B = new HostInfo("host-b", 7002);

    @TempDir
    Path root;

    private EmbeddedLogFixture log;
    private KafkaStreams a;
    private KafkaStreams b;

    @BeforeEach
    void startTwoInstances() {
        log = new EmbeddedLogFixture(root);
        log.createTopic("clicks", 2);
        a = new KafkaStreams(topology(), props(HOST_A, root.resolve("state-a")));
        b = new KafkaStreams(topology(), props(HOST_B, root.resolve("state-b")));
        a.start();
        b.start();
        EmbeddedLogFixture.await(() -> hasOneActiveAndOneStandby(a) && hasOneActiveAndOneStandby(b), TIMEOUT,
            "one active and one standby task on each instance");
    }

    @AfterEach
    void closeInstances() {
        a.close();
        b.close();
    }

    @Test
    void shouldNameTheOtherInstanceAsStandbyHostOfAKey() {
        int partition = Utils.toPositive(Utils.murmur2("alice".getBytes(StandardCharsets.UTF_8))) % 2;
        KeyQueryMetadata where = b.queryMetadataForKey("counts", "alice", Serdes.String().serializer());

        assertEquals(partition, where.partition());
        HostInfo active = a.activeTaskIds().contains(new TaskId(0, partition)) ? HOST_A : HOST_B;
        HostInfo standby = active.equals(HOST_A) ? HOST_B : HOST_A;
        assertEquals(active, where.activeHost(), where.toString());
        assertEquals(Set.of(standby), where.standbyHosts(), where.toString());
    }

    @Test
    void shouldNameTheStandbyHostForACustomPartitioner() {
        KeyQueryMetadata where = a.queryMetadataForKey("counts", "anyone",
            (topic, key, value, count) -> Optional.of(Set.of(1)));
        IllegalArgumentException multicast = assertThrows(IllegalArgumentException.class,
            () -> a.queryMetadataForKey("counts", "anyone", (topic, key, value, count) -> Optional.of(Set.of(0, 1))));
        assertTrue(multicast.getMessage().contains("exactly one"), multicast.getMessage());

        HostInfo active = a.activeTaskIds().contains(new TaskId(0, 1)) ? HOST_A : HOST_B;
        assertEquals(new KeyQueryMetadata(active, Set.of(active.equals(HOST_A) ? HOST_B : HOST_A), 1), where);
    }

    @Test
    void shouldListEachInstancesStandbyStoresAndPartitions() {
        Map<HostInfo, StreamsMetadata> byHost = new HashMap<>();
        a.metadataForAllStreamsClients().forEach(meta -> byHost.put(meta.hostInfo(), meta));
        assertEquals(Set.of(HOST_A, HOST_B), byHost.keySet());

        for (Map.Entry<HostInfo, KafkaStreams> instance : Map.of(HOST_A, a, HOST_B, b).entrySet()) {
            StreamsMetadata meta = byHost.get(instance.getKey());
            int activePartition = instance.getValue().activeTaskIds().iterator().next().partition();
            assertEquals(Set.of("counts"), meta.stateStoreNames(), meta.toString());
            assertEquals(Set.of(new TopicPartition("clicks", activePartition)), meta.topicPartitions());
            assertEquals(Set.of("counts"), meta.standbyStateStoreNames(), meta.toString());
            assertEquals(Set.of(new TopicPartition("clicks", 1 - activePartition)), meta.standbyTopicPartitions());
        }
        assertEquals(2, b.streamsMetadataForStore("counts").size());
    }

    private static boolean hasOneActiveAndOneStandby(KafkaStreams streams) {
        return streams.state() == KafkaStreams.State.RUNNING && streams.activeTaskIds().size() == 1
            && streams.metadataForLocalThreads().stream().mapToInt(thread -> thread.standbyTasks().size()).sum() == 1;
    }

    private static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .count(Materialized.as("counts"));
        return builder.build();
    }

    private Properties props(HostInfo host, Path stateDir) {
        Properties props = log.streamsProps(APP);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, host.host() + ":" + host.port());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        return props;
    }
}
