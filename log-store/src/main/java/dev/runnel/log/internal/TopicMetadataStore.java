package dev.runnel.log.internal;

import dev.runnel.common.errors.KafkaStorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores each topic's {@link TopicMetadata} as {@code DATA_DIR/.meta/<topic>.properties}, written atomically. The file
 * is the commit point of a topic: it is written after the partition folders exist and deleted before they go, so a
 * crash leaves at worst orphan folders, which {@code RunnelLog} removes on open. Keys and values need no escaping:
 * both are validated by {@code LogConfig} first. Not thread-safe; callers serialise.
 *
 * <pre>
 * partitions=3
 * config.cleanup.policy=compact
 * </pre>
 */
public final class TopicMetadataStore {
    static final String META_DIR = ".meta";
    private static final String SUFFIX = ".properties";
    private static final String PARTITIONS_KEY = "partitions";
    private static final String CONFIG_PREFIX = "config.";

    private final Path metaDir;

    public TopicMetadataStore(Path dataDir) {
        this.metaDir = dataDir.resolve(META_DIR);
        try {
            Files.createDirectories(metaDir);
        } catch (IOException e) {
            throw new KafkaStorageException("Cannot create " + metaDir + ": " + e.getMessage(), e);
        }
    }

    public List<TopicMetadata> loadAll() {
        List<TopicMetadata> topics = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(metaDir, "*" + SUFFIX)) {
            for (Path file : files) {
                topics.add(load(file));
            }
        } catch (IOException e) {
            throw new KafkaStorageException("Cannot read topic metadata in " + metaDir + ": " + e.getMessage(), e);
        }
        return topics;
    }

    private static TopicMetadata load(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        String topic = fileName.substring(0, fileName.length() - SUFFIX.length());
        java.util.Properties properties = new java.util.Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        String partitions = properties.getProperty(PARTITIONS_KEY);
        if (partitions == null) {
            throw new KafkaStorageException("Topic metadata file " + file + " has no '" + PARTITIONS_KEY + "' entry");
        }
        Map<String, String> overrides = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(CONFIG_PREFIX)) {
                overrides.put(key.substring(CONFIG_PREFIX.length()), properties.getProperty(key));
            }
        }
        return new TopicMetadata(topic, Integer.parseInt(partitions.trim()), overrides);
    }

    public void save(TopicMetadata topic) {
        StringBuilder text = new StringBuilder();
        text.append(PARTITIONS_KEY).append('=').append(topic.partitions()).append('\n');
        topic.sortedOverrides().forEach((key, value) ->
            text.append(CONFIG_PREFIX).append(key).append('=').append(value).append('\n'));
        try {
            AtomicFiles.write(file(topic.name()), text.toString().getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new KafkaStorageException("Cannot write metadata of topic " + topic.name() + ": " + e.getMessage(),
                e);
        }
    }

    public void delete(String topic) {
        try {
            Files.deleteIfExists(file(topic));
            AtomicFiles.fsyncDirectory(metaDir);
        } catch (IOException e) {
            throw new KafkaStorageException("Cannot delete metadata of topic " + topic + ": " + e.getMessage(), e);
        }
    }

    private Path file(String topic) {
        return metaDir.resolve(topic + SUFFIX);
    }
}
