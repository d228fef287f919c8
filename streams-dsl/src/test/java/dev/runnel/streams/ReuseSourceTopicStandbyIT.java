package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.integration.RestoreCounters.CountingListener;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.QueryableStoreTypes;
import dev.runnel.streams.state.ReadOnlyKeyValueStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standby tasks of a source table whose store reuses its source topic as changelog
 * ({@code reuse.ktable.source.topics}): the table's task gets a standby though it has no changelog topic, the standby
 * applies the topic only up to the offset the active task committed, and a promoted standby restores only the
 * records after its position, up to the committed offset.
 */
class ReuseSourceTopicStandbyIT {
    private static final String APP = "reuse-standby";
    private static final String USERS = "users";
    private static final String ORDERS = "orders";
    private static final String ENRICHED = "enriched";
    private static final String STORE = "users-store";
    private static final TaskId TASK = new TaskId(0, 0);
    private static final TopicPartition USERS_PARTITION = new TopicPartition(USERS, 0);
    private static final int COMMITTED_USERS = 10;
    private static final int PAUSED_USERS = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path root;

    private EmbeddedLogFixture log;
    private final List<KafkaStreams> instances = new ArrayList<>();
    private final AtomicLong restored = new AtomicLong();
    private KafkaStreams active;
    private KafkaStreams standby;

    @AfterEach
    void closeInstances() {
        instances.forEach(KafkaStreams::close);
    }

    @Test
    void shouldHostAStandbyOfATaskWhoseOnlyStoreReusesItsSourceTopic() {
        startBothWithCaughtUpStandby();
        assertEquals(Set.of(), EmbeddedLogFixture.standbyTaskIds(active));
        assertEquals(Set.of(), standby.activeTaskIds());
    }

    @Test
    void shouldNotApplySourceRecordsBeyondTheCommittedOffset() {
        startBothWithCaughtUpStandby();
        pauseActiveAndProduceUsers();

        // Many of the standby's polls (20 ms each when idle) and so several commit intervals (100 ms) pass, checked
        // after each: it must still stop at the commit.
        ReadOnlyKeyValueStore<String, String> stale = standby.store(StoreQueryParameters.fromNameAndType(STORE,
            QueryableStoreTypes.<String, String>keyValueStore()).enableStaleStores());
        for (int check = 0; check < 30; check++) {
            EmbeddedLogFixture.awaitPolls(standby, 5, TIMEOUT, "the standby thread's progress");
            long committed = committedOffset();
            assertEquals(COMMITTED_USERS, committed, "the paused active task commits nothing new");
            assertTrue(standbyPosition() <= committed, "the standby passed the committed offset " + committed
                + ": " + standbyPosition());
            assertNull(stale.get("u" + (COMMITTED_USERS + PAUSED_USERS - 1)), "an unprocessed record is served");
        }
        assertEquals(COMMITTED_USERS, standbyPosition(), "the standby stands at the committed offset");
        assertEquals("city0", stale.get("u0"));

        // Once the active task processes and commits them, the standby applies them.
        active.resume();
        EmbeddedLogFixture.await(() -> standbyPosition() == COMMITTED_USERS + PAUSED_USERS, TIMEOUT,
            "the standby to follow the commits");
        assertEquals("city" + (COMMITTED_USERS + PAUSED_USERS - 1),
            stale.get("u" + (COMMITTED_USERS + PAUSED_USERS - 1)));
    }

    @Test
    void shouldPromoteTheStandbyRestoringOnlyUpToTheCommittedOffset() {
        startBothWithCaughtUpStandby();
        pauseActiveAndProduceUsers();
        // The standby would apply the new users within a few polls if it ignored the commit; let it poll many times.
        EmbeddedLogFixture.awaitPolls(standby, 50, TIMEOUT, "the standby thread's progress");

        active.close();
        EmbeddedLogFixture.await(() -> standby.activeTaskIds().equals(Set.of(TASK))
            && standby.state() == KafkaStreams.State.RUNNING, TIMEOUT, "the survivor to run the task");
        // The standby stood at the committed offset, which the closing (paused) active task did not move.
        assertEquals(0L, restored.get(), "the promoted task reuses the standby's state");

        // The survivor processes the users produced during the pause, then joins orders with the whole table.
        log.awaitProcessed(APP, List.of(USERS, ORDERS), TIMEOUT);
        produce(ORDERS, List.of(KeyValue.pair("u0", "o1"),
            KeyValue.pair("u" + (COMMITTED_USERS + PAUSED_USERS - 1), "o2")), 50_000L);
        EmbeddedLogFixture.await(() -> enriched().size() == 2, TIMEOUT, "both orders to be enriched");
        assertEquals(List.of("o1@city0", "o2@city" + (COMMITTED_USERS + PAUSED_USERS - 1)), enriched());
    }

    /**
     * Starts the instance running the task, lets it process and commit the first users, then starts the other one and
     * waits until that one hosts the standby of the task, caught up to the committed offset.
     */
    private void startBothWithCaughtUpStandby() {
        log = new EmbeddedLogFixture(root);
        log.createTopic(USERS, 1, Map.of("cleanup.policy", "compact"));
        log.createTopic(ORDERS, 1);
        log.createTopic(ENRICHED, 1);
        active = start("state-1");
        EmbeddedLogFixture.await(() -> active.activeTaskIds().equals(Set.of(TASK)), TIMEOUT, "the first to run it");
        produceUsers(0, COMMITTED_USERS);
        log.awaitProcessed(APP, List.of(USERS), TIMEOUT);
        standby = start("state-2");
        EmbeddedLogFixture.await(() -> active.activeTaskIds().equals(Set.of(TASK))
                && active.state() == KafkaStreams.State.RUNNING && standby.state() == KafkaStreams.State.RUNNING
                && EmbeddedLogFixture.standbyTaskIds(standby).equals(Set.of(TASK)),
            TIMEOUT, "the second instance to host a standby of the table's task");
        EmbeddedLogFixture.await(() -> standbyPosition() == COMMITTED_USERS, TIMEOUT, "the standby to catch up");
    }

    /** Pauses the active instance, so it processes and commits nothing more, then produces new users. */
    private void pauseActiveAndProduceUsers() {
        active.pause();
        // A thread reads the pause at the start of a loop: after two more polls, a whole loop began paused and its
        // partitions are paused, so nothing produced from here on is processed.
        EmbeddedLogFixture.awaitPolls(active, 2, TIMEOUT, "the active thread to take the pause");
        produceUsers(COMMITTED_USERS, COMMITTED_USERS + PAUSED_USERS);
    }

    private KafkaStreams start(String stateDir) {
        Properties props = log.streamsProps(APP);
        props.put(StreamsConfig.STATE_DIR_CONFIG, root.resolve(stateDir).toString());
        props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        KafkaStreams streams = new KafkaStreams(topology().build(props), props);
        instances.add(streams);
        if (instances.size() > 1) {
            streams.setGlobalStateRestoreListener(new CountingListener(restored));
        }
        streams.start();
        return streams;
    }

    /** The users table (its store reusing the users topic) joined by the orders stream: one task. */
    private static StreamsBuilder topology() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> users = builder.table(USERS, Consumed.with(Serdes.String(), Serdes.String()),
            Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(STORE));
        builder.stream(ORDERS, Consumed.with(Serdes.String(), Serdes.String()))
            .join(users, (order, city) -> order + "@" + city)
            .to(ENRICHED, Produced.with(Serdes.String(), Serdes.String()));
        return builder;
    }

    private void produceUsers(int from, int to) {
        List<KeyValue<String, String>> users = new ArrayList<>();
        for (int i = from; i < to; i++) {
            users.add(KeyValue.pair("u" + i, "city" + i));
        }
        produce(USERS, users, 1_000L + from);
    }

    private void produce(String topic, List<KeyValue<String, String>> records, long timestamp) {
        log.produce(topic, records, Serdes.String().serializer(), Serdes.String().serializer(), timestamp);
    }

    private List<String> enriched() {
        List<String> values = new ArrayList<>();
        log.readAll(ENRICHED, Serdes.String().deserializer(), Serdes.String().deserializer(), false)
            .forEach(record -> values.add(record.value()));
        return values;
    }

    /** Returns the offset the standby's store stands at on the users topic, -1 without one. */
    private long standbyPosition() {
        LagInfo lag = standby.allLocalStorePartitionLags().getOrDefault(STORE, Map.of()).get(0);
        return lag == null ? -1 : lag.currentOffsetPosition();
    }

    private long committedOffset() {
        try (Admin admin = Admin.create(Map.of("log.dir", log.logDir().toString()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(APP).partitionsToOffsetAndMetadata().get()
                .get(USERS_PARTITION);
            return offset == null ? -1 : offset.offset();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }
}
