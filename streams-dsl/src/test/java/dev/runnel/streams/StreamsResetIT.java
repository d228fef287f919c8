package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.runnel.cli.Runnel;
import dev.runnel.cli.StandardStreams;
import dev.runnel.clients.admin.Admin;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.integration.WordCountTopology;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
}
