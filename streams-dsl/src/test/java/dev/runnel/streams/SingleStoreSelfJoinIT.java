package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.JoinWindows;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.kstream.StreamJoined;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code single.store.self.join} on a running client: the inner join of a stream with itself writes one window
 * store changelog instead of two, and the results of the two-store join.
 */
class SingleStoreSelfJoinIT {
    private static final long[] TIMES = {100, 104, 100, 95, 120, 118, 111, 100, 140, 104, 112};

    @TempDir
    Path root;

    private record Outcome(List<String> pairs, Set<String> changelogs) {
    }

    @Test
    void shouldJoinWithOneStoreAndGiveTheSameResults() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        Outcome plain = run(log, "plain", StreamsConfig.NO_OPTIMIZATION);
        Outcome optimized = run(log, "optimized", StreamsConfig.SINGLE_STORE_SELF_JOIN);

        assertEquals(Set.of("plain-KSTREAM-JOINTHIS-0000000003-store-changelog",
            "plain-KSTREAM-JOINOTHER-0000000004-store-changelog"), plain.changelogs());
        assertEquals(Set.of("optimized-KSTREAM-JOINTHIS-0000000003-store-changelog"), optimized.changelogs(),
            "one store, one changelog");
        assertFalse(plain.pairs().isEmpty());
        assertEquals(plain.pairs(), optimized.pairs());
    }

    private Outcome run(EmbeddedLogFixture log, String app, String optimization) {
        log.createTopic(app + "-clicks", 1);
        log.createTopic(app + "-pairs", 1);
        List<ProducerRecord<String, String>> clicks = new ArrayList<>();
        for (int i = 0; i < TIMES.length; i++) {
            clicks.add(new ProducerRecord<>(app + "-clicks", null, TIMES[i], i % 3 == 0 ? "bob" : "ann", "c" + i));
        }
        log.produce(clicks, Serdes.String().serializer(), Serdes.String().serializer());
        Properties props = log.streamsProps(app);
        props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, optimization);
        try (KafkaStreams streams = new KafkaStreams(topology(app).build(props), props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            log.awaitProcessed(app, List.of(app + "-clicks"), Duration.ofSeconds(20));
        }
        List<String> pairs = new ArrayList<>();
        log.readAll(app + "-pairs", Serdes.String().deserializer(), Serdes.String().deserializer(), false)
            .forEach(record -> pairs.add(record.key() + "=" + record.value() + "@" + record.timestamp()));
        Set<String> changelogs = new TreeSet<>();
        for (String topic : topics(log)) {
            if (topic.startsWith(app + "-") && topic.endsWith("-changelog")) {
                changelogs.add(topic);
            }
        }
        return new Outcome(pairs, changelogs);
    }

    /** Clicks joined with the clicks of the same user within 10 ms before or 5 ms after (grace 20 ms). */
    private static StreamsBuilder topology(String app) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> clicks = builder.stream(app + "-clicks",
            Consumed.with(Serdes.String(), Serdes.String()));
        clicks.join(clicks, (left, right) -> left + "+" + right,
                JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(20))
                    .after(Duration.ofMillis(5)),
                StreamJoined.with(Serdes.String(), Serdes.String(), Serdes.String()))
            .to(app + "-pairs", Produced.with(Serdes.String(), Serdes.String()));
        return builder;
    }

    private static Set<String> topics(EmbeddedLogFixture log) {
        try (Admin admin = Admin.create(Map.of("log.dir", log.logDir().toString()))) {
            return admin.listTopics().names().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }
}
