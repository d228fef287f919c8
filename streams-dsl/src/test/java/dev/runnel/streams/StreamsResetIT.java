package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.cli.Runnel;
import dev.runnel.cli.StandardStreams;
import dev.runnel.clients.admin.Admin;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.integration.WordCountTopology;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.kstream.Repartitioned;
import dev.runnel.streams.kstream.Suppressed;
import dev.runnel.streams.kstream.TableJoined;
import dev.runnel.streams.kstream.TimeWindows;
import dev.runnel.streams.kstream.WindowedSerdes;
import dev.runnel.streams.state.Stores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runnel streams-reset}, then {@code KafkaStreams.cleanUp()}, make a word count reprocess its input from
 * scratch: its second run counts every line again from 1, as a first run does.
 */
class StreamsResetIT {
    private static final String APP = "wc";

    @TempDir
    Path root;

    private List<String> counts(EmbeddedLogFixture log) {
        return log.readAll("counts", Serdes.String().deserializer(), Serdes.Long().deserializer(), false).stream()
            .map(record -> record.key() + "=" + record.value()).toList();
    }

    private void runUntil(EmbeddedLogFixture log, int counts, boolean cleanUpFirst) {
        try (KafkaStreams streams = new KafkaStreams(WordCountTopology.build("lines", "words", "counts"),
            log.streamsProps(APP))) {
            if (cleanUpFirst) {
                streams.cleanUp();
            }
            streams.start();
            EmbeddedLogFixture.await(() -> counts(log).size() == counts, Duration.ofSeconds(15), counts + " counts");
        }
    }

    private static Set<String> topics(EmbeddedLogFixture log) throws Exception {
        try (Admin admin = Admin.create(Map.of("log.dir", log.logDir().toString()))) {
            return admin.listTopics().names().get();
        }
    }

    private static String reset(Path logDir, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            String[] args = new String[options.length + 5];
            args[0] = "streams-reset";
            args[1] = "--application-id";
            args[2] = APP;
            System.arraycopy(options, 0, args, 3, options.length);
            args[args.length - 2] = "--data-dir";
            args[args.length - 1] = logDir.toString();
            int exit = Runnel.execute(new StandardStreams(new ByteArrayInputStream(new byte[0]), outStream, errStream),
                args);
            assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldReprocessTheInputFromScratchAfterAResetAndACleanUp() throws Exception {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        for (String topic : List.of("lines", "words", "counts")) {
            log.createTopic(topic, 1);
        }
        log.produce("lines", List.of(KeyValue.pair("1", "the fox"), KeyValue.pair("2", "the dog")),
            Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);
        runUntil(log, 4, false);
        List<String> firstRun = counts(log);
        assertEquals(List.of("the=1", "fox=1", "the=2", "dog=1"), firstRun);

        String plan = reset(log.logDir(), "--input-topics", "lines", "--intermediate-topics", "words");

        assertFalse(topics(log).contains(APP + "-" + WordCountTopology.STORE + "-changelog"),
            "the changelog is deleted: " + plan);
        runUntil(log, 8, true);
        assertEquals(firstRun, counts(log).subList(4, 8), "counted again from 1, the old words not recounted");
    }
    /** Uses every kind of internal topic: repartition topics, changelogs and both forms of foreign-key join topics. */
    private static Topology everyInternalTopicKind() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> events = builder.stream("events", Consumed.with(Serdes.String(), Serdes.String()));
        events.groupBy((key, value) -> value).count();
        events.repartition(Repartitioned.as("rekeyed")).to("rekeyed-out");
        events.groupByKey().windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMinutes(1))).count()
            .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
            .toStream().to("windowed-out", Produced.with(WindowedSerdes.timeWindowedSerdeFrom(String.class,
                60_000L), Serdes.Long()));
        events.groupByKey().cogroup((String key, String value, String aggregate) -> aggregate + value)
            .aggregate(() -> "");
        KTable<String, String> users = builder.table("users", Consumed.with(Serdes.String(), Serdes.String()),
            Materialized.as("users-store"));
        KTable<String, String> orders = builder.table("orders", Consumed.with(Serdes.String(), Serdes.String()),
            Materialized.as("orders-store"));
        orders.join(users, order -> order, (order, user) -> order + user);
        orders.join(users, order -> order, (order, user) -> order + user, TableJoined.as("named-fk"));
        builder.table("prices", Consumed.with(Serdes.String(), Serdes.String()),
            Materialized.as(Stores.persistentVersionedKeyValueStore("prices-store", Duration.ofMinutes(5))));
        return builder.build();
    }

    @Test
    void shouldDeleteEveryInternalTopicTheApplicationCreated() throws Exception {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        for (String topic : List.of("events", "users", "orders", "prices", "rekeyed-out", "windowed-out")) {
            log.createTopic(topic, 1);
        }
        Properties props = log.streamsProps(APP);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.String().getClass());
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.String().getClass());
        try (KafkaStreams streams = new KafkaStreams(everyInternalTopicKind(), props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
        }
        Set<String> created = topics(log).stream().filter(topic -> topic.startsWith(APP + "-"))
            .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(created.containsAll(List.of(APP + "-rekeyed-repartition", APP + "-users-store-changelog",
            APP + "-prices-store-changelog", APP + "-named-fk-subscription-registration-topic",
            APP + "-named-fk-subscription-response-topic")), "the topics this test is about: " + created);
        assertTrue(created.stream().anyMatch(topic -> topic.matches(".*-SUBSCRIPTION-REGISTRATION-\\d+-topic")),
            "an unnamed foreign-key join's topics too: " + created);

        String plan = reset(log.logDir(), "--input-topics", "events,users,orders,prices");

        assertEquals(Set.of(), topics(log).stream().filter(topic -> topic.startsWith(APP + "-"))
            .collect(Collectors.toSet()), "every internal topic of " + created + " is deleted: " + plan);
    }
}
