package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.NewPartitions;
import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.processor.TaskId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Partitions added to a source topic while the application runs get tasks of their own, as in Kafka Streams. */
class KafkaStreamsSourcePartitionsIT {
    @TempDir
    Path root;

    @Test
    void shouldProcessAPartitionAddedToASourceTopicWhileRunning() throws Exception {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        log.createTopic("out", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("grow-app"))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            log.produce(List.of(new ProducerRecord<>("in", 0, 1L, "k", "first")), Serdes.String().serializer(),
                Serdes.String().serializer());
            EmbeddedLogFixture.await(() -> values(log).contains("first"), Duration.ofSeconds(15), "first");

            try (Admin admin = Admin.create(Map.of("log.dir", log.logDir().toString()))) {
                admin.createPartitions(Map.of("in", NewPartitions.increaseTo(2))).all().get();
            }
            log.produce(List.of(new ProducerRecord<>("in", 1, 2L, "k", "second")), Serdes.String().serializer(),
                Serdes.String().serializer());
            EmbeddedLogFixture.await(() -> values(log).contains("second"), Duration.ofSeconds(30),
                "the record of the new partition");
            assertEquals(Set.of(new TaskId(0, 0), new TaskId(0, 1)), streams.activeTaskIds());
            assertTrue(streams.state() == KafkaStreams.State.RUNNING, streams.state().toString());
        }
    }

    private static List<String> values(EmbeddedLogFixture log) {
        return log.readAll("out", Serdes.String().deserializer(), Serdes.String().deserializer(), false).stream()
            .map(ConsumerRecord::value).toList();
    }
}
