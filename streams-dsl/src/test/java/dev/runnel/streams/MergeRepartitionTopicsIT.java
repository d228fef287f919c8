package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.clients.admin.Admin;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Joined;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.state.KeyValueStore;
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
 * {@code merge.repartition.topics} on a running client: a count, a reduce and a stream-table join after one
 * selectKey share one repartition topic, and give the results of the unoptimized application.
 */
class MergeRepartitionTopicsIT {
    private static final List<String> WORDS = List.of("apple", "pear", "apple", "fig", "pear", "apple", "kiwi");

    @TempDir
    Path root;

    /** The topics an application created and the records it wrote to each output, sorted. */
    private record Outcome(Set<String> repartitionTopics, List<String> counts, List<String> latest,
        List<String> joined) {
    }

    @Test
    void shouldCreateOneRepartitionTopicAndGiveTheSameResults() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        Outcome plain = run(log, "plain", StreamsConfig.NO_OPTIMIZATION);
        Outcome merged = run(log, "merged", StreamsConfig.MERGE_REPARTITION_TOPICS);

        assertEquals(Set.of("plain-counts-store-repartition", "plain-latest-store-repartition",
            "plain-join-repartition"), plain.repartitionTopics());
        assertEquals(Set.of("merged-counts-store-repartition"), merged.repartitionTopics(),
            "one repartition topic, named after the first");
        assertEquals(List.of("apple=1", "apple=2", "apple=3", "fig=1", "kiwi=1", "pear=1", "pear=2"), plain.counts());
        assertEquals(plain.counts(), merged.counts());
        assertEquals(plain.latest(), merged.latest());
        assertEquals(List.of("apple=0@red", "apple=2@red", "apple=5@red", "pear=1@green", "pear=4@green"),
            plain.joined());
        assertEquals(plain.joined(), merged.joined());
    }

    private Outcome run(EmbeddedLogFixture log, String app, String optimization) {
        for (String topic : List.of("words", "colors", "counts", "latest", "joined")) {
            log.createTopic(app + "-" + topic, 2);
        }
        log.produce(app + "-colors", List.of(KeyValue.pair("apple", "red"), KeyValue.pair("pear", "green")),
            Serdes.String().serializer(), Serdes.String().serializer(), 1L);
        List<KeyValue<String, String>> words = new ArrayList<>();
        for (int i = 0; i < WORDS.size(); i++) {
            words.add(KeyValue.pair("line-" + i, i + ":" + WORDS.get(i)));
        }
        log.produce(app + "-words", words, Serdes.String().serializer(), Serdes.String().serializer(), 10L);
        Properties props = log.streamsProps(app);
        props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, optimization);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        try (KafkaStreams streams = new KafkaStreams(topology(app).build(props), props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            EmbeddedLogFixture.await(() -> read(log, app + "-counts").size() == WORDS.size()
                && read(log, app + "-joined").size() == 5, Duration.ofSeconds(30), "all results");
            log.awaitProcessed(app, List.of(app + "-words"), Duration.ofSeconds(15));
        }
        Set<String> repartitionTopics = new TreeSet<>();
        for (String topic : topics(log)) {
            if (topic.startsWith(app + "-") && topic.endsWith("-repartition")) {
                repartitionTopics.add(topic);
            }
        }
        return new Outcome(repartitionTopics, read(log, app + "-counts"), read(log, app + "-latest"),
            read(log, app + "-joined"));
    }

    /** Words keyed by themselves: counted, reduced to their latest line and joined with their color. */
    private static StreamsBuilder topology(String app) {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> colors = builder.table(app + "-colors",
            Consumed.with(Serdes.String(), Serdes.String()));
        KStream<String, String> byWord = builder.stream(app + "-words",
                Consumed.with(Serdes.String(), Serdes.String()))
            .selectKey((line, value) -> value.substring(value.indexOf(':') + 1));
        byWord.groupByKey().count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts-store")
                .withValueSerde(Serdes.Long())).toStream()
            .mapValues(String::valueOf).to(app + "-counts", Produced.with(Serdes.String(), Serdes.String()));
        byWord.groupByKey().reduce((first, second) -> second,
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("latest-store"))
            .toStream().to(app + "-latest", Produced.with(Serdes.String(), Serdes.String()));
        byWord.join(colors, (line, color) -> line.substring(0, line.indexOf(':')) + "@" + color,
                Joined.as("join"))
            .to(app + "-joined", Produced.with(Serdes.String(), Serdes.String()));
        return builder;
    }

    private static List<String> read(EmbeddedLogFixture log, String topic) {
        List<String> records = new ArrayList<>();
        log.readAll(topic, Serdes.String().deserializer(), Serdes.String().deserializer(), false)
            .forEach(record -> records.add(record.key() + "=" + record.value()));
        records.sort(null);
        return records;
    }

    private static Set<String> topics(EmbeddedLogFixture log) {
        try (Admin admin = Admin.create(Map.of("log.dir", log.logDir().toString()))) {
            return admin.listTopics().names().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }
}
