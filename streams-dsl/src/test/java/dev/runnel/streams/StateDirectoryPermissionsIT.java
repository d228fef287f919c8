package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An application with stores restricts its state directories at start, as Kafka Streams does (KIP-1230). */
class StateDirectoryPermissionsIT {
    private static final String APP = "permissions";

    @TempDir
    Path root;

    private EmbeddedLogFixture log;

    @BeforeEach
    void createLog() {
        log = new EmbeddedLogFixture(root);
        log.createTopic("input", 1);
    }

    private static Topology counting() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("input", Consumed.with(Serdes.String(), Serdes.String())).groupByKey().count();
        return builder.build();
    }

    private static Topology stateless() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("input", Consumed.with(Serdes.String(), Serdes.String())).filter((key, value) -> true);
        return builder.build();
    }

    private void run(Topology topology, Properties props) {
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
        }
    }

    private static String permissions(Path directory) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(directory));
    }

    @Test
    void onlyTheOwnerWritesTheStateDirectoriesByDefault() throws IOException {
        run(counting(), log.streamsProps(APP));

        assertEquals("rwxr-x---", permissions(log.stateDir()));
        assertEquals("rwxr-x---", permissions(log.stateDir().resolve(APP)));
    }

    @Test
    void theGroupWritesThemWhenAllowed() throws IOException {
        Files.createDirectories(log.stateDir());
        Files.setPosixFilePermissions(log.stateDir(), PosixFilePermissions.fromString("rwx------"));
        Properties props = log.streamsProps(APP);
        props.put(StreamsConfig.ALLOW_OS_GROUP_WRITE_ACCESS_CONFIG, true);

        run(counting(), props);

        assertEquals("rwxrwx---", permissions(log.stateDir()), "an existing state.dir is changed too");
        assertEquals("rwxrwx---", permissions(log.stateDir().resolve(APP)));
    }

    @Test
    void aStatelessApplicationCreatesNoStateDirectory() {
        run(stateless(), log.streamsProps(APP));

        assertFalse(Files.exists(log.stateDir().resolve(APP)));
    }
}
