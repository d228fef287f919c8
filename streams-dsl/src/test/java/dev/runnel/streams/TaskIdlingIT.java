package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerConfig;
import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Produced;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task reading several partitions idles as Kafka Streams' does (KIP-695, {@code max.task.idle.ms} 0 by default):
 * while one of its partitions is empty but still has unfetched records, it waits for the next poll instead of
 * processing the others, so it takes records in timestamp order across them. A stream-table join then sees the
 * table's older updates before the stream's records, however the polls split them.
 */
class TaskIdlingIT {
    private static final String APP = "idling";
    private static final int USERS = 20;

    @TempDir
    Path root;

    @Test
    void aStreamTableJoinSeesTheOlderTableUpdatesFirstThoughPollsReturnOneRecordAtATime() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("clicks", 1);
        log.createTopic("users", 1);
        log.createTopic("enriched", 1);
        List<KeyValue<String, String>> others = new ArrayList<>();
        List<KeyValue<String, String>> users = new ArrayList<>();
        List<KeyValue<String, String>> clicks = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            others.add(KeyValue.pair("other" + i, "someone"));
            users.add(KeyValue.pair("u" + i, "name" + i));
            clicks.add(KeyValue.pair("u" + i, "page" + i));
        }
        // Polls that take one record from each partition in turn would reach user i long after click i.
        log.produce("users", others, Serdes.String().serializer(), Serdes.String().serializer(), 500L);
        log.produce("users", users, Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);
        log.produce("clicks", clicks, Serdes.String().serializer(), Serdes.String().serializer(), 2_000L);

        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> names = builder.table("users", Consumed.with(Serdes.String(), Serdes.String()));
        builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String()))
            .join(names, (page, name) -> name + "@" + page)
            .to("enriched", Produced.with(Serdes.String(), Serdes.String()));
        Properties props = log.streamsProps(APP);
        // One record per poll: the partitions' records reach the task one at a time.
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 1);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            log.awaitProcessed(APP, List.of("clicks", "users"), Duration.ofSeconds(30));
            List<String> enriched = log.readAll("enriched", Serdes.String().deserializer(),
                Serdes.String().deserializer(), false).stream().map(ConsumerRecord::value).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                expected.add("name" + i + "@page" + i);
            }
            assertEquals(expected, enriched, "every click joined the user the table held before it");
            double enforced = streams.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("enforced-processing-total"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
            assertTrue(enforced > 0, "clicks past the last user were processed with the table partition empty");
        }
    }
}
