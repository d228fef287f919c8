package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.clients.admin.Config;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.JoinWindows;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.StreamJoined;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The changelogs of a stream-stream join's window stores, as Kafka Streams creates them: a join window keeps every
 * record, duplicates included, so its changelog is deleted by retention and never compacted, whatever the
 * StreamJoined's log config says; its other settings win.
 */
class StreamJoinChangelogIT {
    @TempDir
    Path root;

    @Test
    void shouldCreateJoinWindowChangelogsThatAreDeletedNeverCompacted() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("left", 1);
        log.createTopic("right", 1);
        StreamsBuilder builder = new StreamsBuilder();
        Consumed<String, String> strings = Consumed.with(Serdes.String(), Serdes.String());
        KStream<String, String> left = builder.stream("left", strings);
        left.join(builder.stream("right", strings), (l, r) -> l + r, JoinWindows.ofTimeDifferenceAndGrace(
            Duration.ofMinutes(1), Duration.ofSeconds(5)), StreamJoined.<String, String, String>with(Serdes.String(),
                Serdes.String(), Serdes.String()).withStoreName("orders")
                .withLoggingEnabled(Map.of("cleanup.policy", "compact", "retention.ms", "5000")))
            .foreach((key, value) -> { });
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("join-changelogs"))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            for (String side : List.of("this", "other")) {
                Config config = log.topicConfig("join-changelogs-orders-" + side + "-join-store-changelog");
                assertEquals("delete", config.get("cleanup.policy").value(), side);
                assertEquals("5000", config.get("retention.ms").value(), side);
            }
        }
    }
}
