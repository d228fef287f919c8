package dev.runnel.streams.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.NewTopic;
import dev.runnel.clients.admin.OffsetSpec;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.StringSerializer;
import dev.runnel.common.utils.ManualTime;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RepartitionPurger} on a real embedded log, with the clock stepped by hand. */
class RepartitionPurgerTest {
    private static final TopicPartition REPARTITION = new TopicPartition("app-words-repartition", 0);
    private static final TopicPartition INPUT = new TopicPartition("lines", 0);
    private static final long INTERVAL_MS = 1_000;

    @TempDir
    Path logDir;

    private final ManualTime time = new ManualTime(0L);
    private Admin admin;
    private RepartitionPurger purger;

    @BeforeEach
    void createTopics() throws Exception {
        Map<String, Object> configs = Map.of("log.dir", logDir.toString());
        admin = Admin.create(configs);
        admin.createTopics(List.of(new NewTopic(REPARTITION.topic(), 1, (short) 1),
            new NewTopic(INPUT.topic(), 1, (short) 1))).all().get();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(configs, new StringSerializer(),
            new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(REPARTITION.topic(), 0, "k", "v" + i));
                producer.send(new ProducerRecord<>(INPUT.topic(), 0, "k", "v" + i));
            }
        }
        purger = new RepartitionPurger("thread-1", () -> Admin.create(configs),
            topic -> topic.endsWith("-repartition"), time, INTERVAL_MS);
    }

    @AfterEach
    void close() {
        purger.close();
        admin.close();
    }

    private long earliest(TopicPartition tp) throws Exception {
        return admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).partitionResult(tp).get().offset();
    }

    @Test
    void shouldPurgeOnlyRepartitionTopicsAndAtMostOncePerInterval() throws Exception {
        purger.maybePurge(() -> Map.of(REPARTITION, 4L, INPUT, 4L));
        assertEquals(0, earliest(REPARTITION), "an interval has not passed since the thread started");

        time.sleep(INTERVAL_MS);
        purger.maybePurge(() -> Map.of(REPARTITION, 4L, INPUT, 4L));
        assertEquals(4, earliest(REPARTITION));
        assertEquals(0, earliest(INPUT), "a user topic is never purged");

        time.sleep(INTERVAL_MS / 2);
        purger.maybePurge(() -> Map.of(REPARTITION, 8L));
        assertEquals(4, earliest(REPARTITION));

        time.sleep(INTERVAL_MS / 2);
        purger.maybePurge(() -> Map.of(REPARTITION, 8L));
        assertEquals(8, earliest(REPARTITION));
    }

    @Test
    void shouldRequestOnlyOffsetsThatMovedSinceTheLastRequest() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        Map<String, Object> configs = Map.of("log.dir", logDir.toString());
        try (RepartitionPurger counting = new RepartitionPurger("thread-2", () -> countingDeletes(
            Admin.create(configs), requests), topic -> topic.endsWith("-repartition"), time, INTERVAL_MS)) {
            for (long offset : new long[] {4L, 4L, 4L, 7L}) {
                time.sleep(INTERVAL_MS);
                counting.maybePurge(() -> Map.of(REPARTITION, offset));
            }
        }
        assertEquals(2, requests.get(), "one request for offset 4, asked three times, and one for 7");
        assertEquals(7, earliest(REPARTITION));
    }

    /** Returns {@code admin}, counting its deleteRecords calls in {@code requests}. */
    private static Admin countingDeletes(Admin admin, AtomicInteger requests) {
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
            (proxy, method, args) -> {
                if (method.getName().equals("deleteRecords")) {
                    requests.incrementAndGet();
                }
                try {
                    return method.invoke(admin, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    }

    @Test
    void shouldLogAFailedPurgeAndRetryAtTheNextInterval() throws Exception {
        time.sleep(INTERVAL_MS);
        // Past the log end: the log refuses it, and the purger only logs that.
        purger.maybePurge(() -> Map.of(REPARTITION, 99L));
        assertEquals(0, earliest(REPARTITION));

        time.sleep(INTERVAL_MS);
        purger.maybePurge(() -> Map.of(REPARTITION, 6L));
        assertEquals(6, earliest(REPARTITION));
    }
}
