package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.errors.InvalidStateStoreException;
import dev.runnel.streams.errors.InvalidStateStorePartitionException;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.processor.StandbyUpdateListener;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.query.FailureReason;
import dev.runnel.streams.query.KeyQuery;
import dev.runnel.streams.query.QueryResult;
import dev.runnel.streams.query.StateQueryRequest;
import dev.runnel.streams.state.QueryableStoreTypes;
import dev.runnel.streams.state.ReadOnlyKeyValueStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries and listeners of standby tasks: two instances count a two-partition topic (alice in partition 0, bob in
 * partition 1), each running one partition's task and holding a standby of the other's. Reading alice on the
 * instance that runs partition 1 must go through its standby copy.
 */
class StandbyQueriesIT {
    private static final String APP = "standby-queries";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long ALICE_CLICKS = 5;
    private static final long BOB_CLICKS = 3;
    private static final TopicPartition ALICE_CHANGELOG = new TopicPartition(APP + "-counts-changelog", 0);

    @TempDir
    Path root;

    private EmbeddedLogFixture log;
    private final List<KafkaStreams> instances = new ArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startTwoInstances() {
        log = new EmbeddedLogFixture(root);
        log.createTopic("clicks", 2);
        for (int i = 1; i <= 2; i++) {
            KafkaStreams streams = new KafkaStreams(topology(), props(root.resolve("state-" + i)));
            streams.setStandbyUpdateListener(new RecordingListener(events, "instance-" + i));
            instances.add(streams);
        }
        instances.forEach(KafkaStreams::start);
        EmbeddedLogFixture.await(() -> instances.stream().allMatch(streams -> streams.activeTaskIds().size() == 1
                && streams.state() == KafkaStreams.State.RUNNING && standbyTaskCount(streams) == 1),
            TIMEOUT, "one active and one standby task on each instance");
        List<ProducerRecord<String, String>> clicks = new ArrayList<>();
        for (int i = 0; i < ALICE_CLICKS; i++) {
            clicks.add(new ProducerRecord<>("clicks", 0, 1_000L, "alice", "/home"));
        }
        for (int i = 0; i < BOB_CLICKS; i++) {
            clicks.add(new ProducerRecord<>("clicks", 1, 1_000L, "bob", "/home"));
        }
        log.produce(clicks, Serdes.String().serializer(), Serdes.String().serializer());
        log.awaitProcessed(APP, List.of("clicks"), TIMEOUT);
        EmbeddedLogFixture.await(() -> instances.stream().allMatch(StandbyQueriesIT::caughtUp), TIMEOUT,
            "the standbys caught up with their changelogs");
    }

    @AfterEach
    void closeInstances() {
        instances.forEach(KafkaStreams::close);
    }

    @Test
    void shouldReadTheStandbyCopyOnlyWithStaleStoresEnabled() {
        KafkaStreams standbyHost = standbyHostOf(0);
        StoreQueryParameters<ReadOnlyKeyValueStore<String, Long>> counts =
            StoreQueryParameters.fromNameAndType("counts", QueryableStoreTypes.keyValueStore());

        assertNull(standbyHost.store(counts).get("alice"), "only active tasks answer by default");
        assertEquals(BOB_CLICKS, standbyHost.store(counts).get("bob"));
        assertEquals(ALICE_CLICKS, standbyHost.store(counts.enableStaleStores()).get("alice"));
        assertEquals(BOB_CLICKS, standbyHost.store(counts.enableStaleStores()).get("bob"));

        ReadOnlyKeyValueStore<String, Long> partition0 = standbyHost.store(counts.withPartition(0));
        InvalidStateStoreException refused = assertThrows(InvalidStateStorePartitionException.class,
            () -> partition0.get("alice"));
        assertTrue(refused.getMessage().contains("enableStaleStores"), refused.getMessage());
        assertEquals(ALICE_CLICKS, standbyHost.store(counts.withPartition(0).enableStaleStores()).get("alice"));
        assertNull(standbyHost.store(counts.withPartition(0).enableStaleStores()).get("bob"));
    }

    @Test
    void shouldAnswerFromTheStandbyUnlessAnActiveTaskIsRequired() {
        KafkaStreams standbyHost = standbyHostOf(0);
        StateQueryRequest<Long> alice = StateQueryRequest.inStore("counts")
            .withQuery(KeyQuery.<String, Long>withKey("alice"));

        QueryResult<Long> fromStandby = standbyHost.query(alice.withPartitions(Set.of(0))).getPartitionResults()
            .get(0);
        assertTrue(fromStandby.isSuccess(), fromStandby.toString());
        assertEquals(ALICE_CLICKS, fromStandby.getResult());

        Map<Integer, QueryResult<Long>> activeOnly = standbyHost.query(alice.requireActive()).getPartitionResults();
        assertEquals(Set.of(0, 1), activeOnly.keySet(), "the standby partition answers too, with a failure");
        assertEquals(FailureReason.NOT_ACTIVE, activeOnly.get(0).getFailureReason());
        assertTrue(activeOnly.get(1).isSuccess(), activeOnly.get(1).toString());
        assertNull(activeOnly.get(1).getResult(), "alice is not in partition 1");

        QueryResult<Long> onActiveHost = activeHostOf(0).query(alice.withPartitions(Set.of(0)).requireActive())
            .getPartitionResults().get(0);
        assertEquals(ALICE_CLICKS, onActiveHost.getResult());
    }

    @Test
    void shouldReportStandbyUpdatesUntilThePromotion() {
        KafkaStreams standbyHost = standbyHostOf(0);
        String host = "instance-" + (instances.indexOf(standbyHost) + 1);
        assertThrows(IllegalStateException.class, () -> standbyHost.setStandbyUpdateListener(null));
        long changelogEnd = log.endOffsets(ALICE_CHANGELOG.topic()).get(ALICE_CHANGELOG);
        assertEquals(ALICE_CLICKS, changelogEnd, "without a cache every count reaches the changelog");

        assertTrue(events.contains(host + " start " + ALICE_CHANGELOG + " counts 0"), events.toString());
        long loaded = events.stream().filter(event -> event.startsWith(host + " batch " + ALICE_CHANGELOG))
            .mapToLong(event -> Long.parseLong(event.substring(event.lastIndexOf(' ') + 1))).sum();
        assertEquals(ALICE_CLICKS, loaded, "the batches cover the changelog: " + events);
        assertTrue(events.contains(host + " batch " + ALICE_CHANGELOG + " counts " + new TaskId(0, 0) + " end "
            + (changelogEnd - 1) + " of " + changelogEnd + " size " + lastBatchSize(host)), events.toString());

        int beforeClose = events.size();
        activeHostOf(0).close();
        EmbeddedLogFixture.await(() -> standbyHost.activeTaskIds().size() == 2
            && standbyHost.state() == KafkaStreams.State.RUNNING, TIMEOUT, "the survivor runs both tasks");
        List<String> afterClose = events.subList(beforeClose, events.size());
        assertTrue(afterClose.contains(host + " suspended " + ALICE_CHANGELOG + " counts at " + (changelogEnd - 1)
            + " of " + changelogEnd + " PROMOTED"), afterClose.toString());
        assertEquals(ALICE_CLICKS, standbyHost.store(StoreQueryParameters.fromNameAndType("counts",
            QueryableStoreTypes.<String, Long>keyValueStore())).get("alice"));
    }

    private long lastBatchSize(String host) {
        String last = events.stream().filter(event -> event.startsWith(host + " batch " + ALICE_CHANGELOG))
            .reduce((first, second) -> second).orElseThrow();
        return Long.parseLong(last.substring(last.lastIndexOf(' ') + 1));
    }

    private KafkaStreams activeHostOf(int partition) {
        return instances.stream().filter(streams -> streams.activeTaskIds().contains(new TaskId(0, partition)))
            .findFirst().orElseThrow();
    }

    private KafkaStreams standbyHostOf(int partition) {
        return instances.stream().filter(streams -> !streams.activeTaskIds().contains(new TaskId(0, partition)))
            .findFirst().orElseThrow();
    }

    private static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .count(Materialized.as("counts"));
        return builder.build();
    }

    private Properties props(Path stateDir) {
        Properties props = log.streamsProps(APP);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        // Without a cache every count reaches the changelog at once, so the standbys can catch up before a commit.
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        return props;
    }

    private static int standbyTaskCount(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream().mapToInt(thread -> thread.standbyTasks().size()).sum();
    }

    private static boolean caughtUp(KafkaStreams streams) {
        Map<Integer, LagInfo> lags = streams.allLocalStorePartitionLags().getOrDefault("counts", Map.of());
        return lags.size() == 2 && lags.values().stream().allMatch(lag -> lag.offsetLag() == 0);
    }

    /** Writes each callback as a line of text, prefixed with the instance it came from. */
    private record RecordingListener(List<String> events, String instance) implements StandbyUpdateListener {
        @Override
        public void onUpdateStart(TopicPartition topicPartition, String storeName, long startingOffset) {
            events.add(instance + " start " + topicPartition + " " + storeName + " " + startingOffset);
        }

        @Override
        public void onBatchLoaded(TopicPartition topicPartition, String storeName, TaskId taskId, long batchEndOffset,
            long batchSize, long currentEndOffset) {
            events.add(instance + " batch " + topicPartition + " " + storeName + " " + taskId + " end "
                + batchEndOffset + " of " + currentEndOffset + " size " + batchSize);
        }

        @Override
        public void onUpdateSuspended(TopicPartition topicPartition, String storeName, long storeOffset,
            long currentEndOffset, SuspendReason reason) {
            events.add(instance + " suspended " + topicPartition + " " + storeName + " at " + storeOffset + " of "
                + currentEndOffset + " " + reason);
        }
    }
}
