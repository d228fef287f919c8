package dev.runnel.cli;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.Config;
import dev.runnel.clients.producer.Callback;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerConfig;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.KafkaException;
import dev.runnel.common.config.ConfigResource;
import dev.runnel.common.config.TopicConfig;
import dev.runnel.common.serialization.StringSerializer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code runnel produce}: sends each line of stdin to a topic, like Kafka's console producer. A line that cannot be
 * sent is reported on stderr with its line number and the others still go; the exit code is 1 if any failed. Exits
 * once every record is acknowledged. Not thread-safe; runs once.
 */
@Command(name = "produce", sortOptions = false,
    description = "Send lines from stdin to a topic, one record per line (like kafka-console-producer).")
final class ProduceCommand extends RunnelCommand {
    private static final Set<String> READER_PROPERTIES = Set.of("parse.key", "key.separator", "null.marker");

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic to send to.")
    String topic;

    @Option(names = "--key-separator", paramLabel = "SEP",
        description = "Split each line at the first SEP into key and value; without it records have no key.")
    String keySeparator;

    @Option(names = "--null-marker", paramLabel = "TEXT",
        description = "A key or value equal to TEXT is sent as null; a null value is a tombstone.")
    String nullMarker;

    @Option(names = "--acks", paramLabel = "0|1|all", defaultValue = "all",
        description = "all (default): acknowledged once fsynced; 1: once written; 0: not acknowledged.")
    String acks;

    @Option(names = "--compression", paramLabel = "CODEC", defaultValue = "none",
        description = "none (default), gzip, snappy, lz4 or zstd.")
    String compression;

    @Option(names = "--partition", paramLabel = "N",
        description = "Send every record to partition N instead of by key hash (or round-robin without keys).")
    Integer partition;

    @Option(names = "--property", paramLabel = "KEY=VALUE",
        description = "A line reader property, as in Kafka: parse.key=true, key.separator=SEP, null.marker=TEXT.")
    Map<String, String> readerProperties = new LinkedHashMap<>();

    @Option(names = "--producer-property", paramLabel = "KEY=VALUE",
        description = "A producer config, e.g. linger.ms=20 or batch.size=65536. Repeatable.")
    Map<String, String> producerProperties = new LinkedHashMap<>();

    private final AtomicInteger failures = new AtomicInteger();

    ProduceCommand(StandardStreams io) {
        super(io);
    }

    @Override
    public Integer call() throws Exception {
        String separator = keySeparator();
        String marker = readerProperties.getOrDefault("null.marker", nullMarker);
        if (separator != null && separator.isEmpty()) {
            throw usageError("--key-separator cannot be empty");
        }
        Map<String, Object> config = producerConfig();
        boolean compacted = checkTopic(config);
        if (compacted && separator == null) {
            throw new CommandFailedException("Topic '" + topic + "' is compacted (cleanup.policy=compact), so every "
                + "record needs a key; give --key-separator SEP and write KEY<SEP>VALUE lines");
        }
        int lines = 0;
        try (KafkaProducer<String, String> producer =
                 new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            Thread flushOnInterrupt = new Thread(producer::flush, "runnel-produce-shutdown");
            Runtime.getRuntime().addShutdownHook(flushOnInterrupt);
            try {
                lines = sendLines(producer, separator, marker, compacted);
                producer.flush();
            } finally {
                removeShutdownHook(flushOnInterrupt);
            }
        }
        int failed = failures.get();
        if (failed > 0) {
            io.err().println("runnel: " + failed + " of " + lines + " line(s) were not written to topic " + topic
                + "; see the errors above");
            return 1;
        }
        return 0;
    }

    private String keySeparator() {
        for (String key : readerProperties.keySet()) {
            if (!READER_PROPERTIES.contains(key)) {
                throw usageError("Unknown --property " + key + "; valid ones are parse.key, key.separator and "
                    + "null.marker (producer configs go in --producer-property)");
            }
        }
        String separator = readerProperties.getOrDefault("key.separator", keySeparator);
        boolean parseKey = Boolean.parseBoolean(readerProperties.getOrDefault("parse.key",
            Boolean.toString(separator != null)));
        return parseKey ? (separator == null ? "\t" : separator) : null;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, acks.toLowerCase(Locale.ROOT).equals("-1") ? "all" : acks);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        for (Map.Entry<String, String> property : producerProperties.entrySet()) {
            if (!ProducerConfig.configNames().contains(property.getKey())) {
                throw usageError("Unknown --producer-property " + property.getKey() + "; valid ones are "
                    + new java.util.TreeSet<>(ProducerConfig.configNames()));
            }
            config.put(property.getKey(), property.getValue());
        }
        return config;
    }

    /**
     * Fails at once for an unknown topic or partition rather than once per line, and fits the producer's sizes to the
     * topic's {@code max.message.bytes}, so that an oversized record fails alone instead of failing its whole batch.
     * Returns whether the topic is compacted.
     */
    private boolean checkTopic(Map<String, Object> config) throws InterruptedException {
        try (Admin admin = Admin.create(clientConfig())) {
            int partitions = TopicsCommand.await(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic)
                .partitions().size();
            if (partition != null && (partition < 0 || partition >= partitions)) {
                throw new CommandFailedException("Topic '" + topic + "' has " + partitions + " partition(s), 0 to "
                    + (partitions - 1) + "; --partition " + partition + " does not exist");
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config topicConfig = TopicsCommand.await(admin.describeConfigs(List.of(resource)).all()).get(resource);
            int maxMessageBytes = Integer.parseInt(topicConfig.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value());
            config.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                Math.min(ProducerConfig.DEFAULT_MAX_REQUEST_SIZE, maxMessageBytes));
            config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG,
                Math.min(ProducerConfig.DEFAULT_BATCH_SIZE, maxMessageBytes));
            return topicConfig.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()
                .contains(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    /** Returns the number of lines read. */
    private int sendLines(KafkaProducer<String, String> producer, String separator, String marker, boolean compacted) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
        int lineNumber = 0;
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                String key = null;
                String value = line;
                if (separator != null) {
                    int at = line.indexOf(separator);
                    if (at < 0) {
                        fail("No key separator found on line number " + lineNumber + "; lines need "
                            + "KEY" + separator + "VALUE with --key-separator '" + separator + "'");
                        continue;
                    }
                    key = line.substring(0, at);
                    value = line.substring(at + separator.length());
                }
                if (marker != null) {
                    key = marker.equals(key) ? null : key;
                    value = marker.equals(value) ? null : value;
                }
                if (compacted && key == null) {
                    fail("Line " + lineNumber + " has a null key, which compacted topic '" + topic
                        + "' cannot accept; give it a key");
                    continue;
                }
                send(producer, lineNumber, key, value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read stdin after line " + lineNumber, e);
        }
        return lineNumber;
    }

    private void send(KafkaProducer<String, String> producer, int lineNumber, String key, String value) {
        Callback callback = (metadata, error) -> {
            if (error != null) {
                fail("Line " + lineNumber + " was not written to topic " + topic + ": "
                    + error.getMessage());
            }
        };
        try {
            producer.send(new ProducerRecord<>(topic, partition, key, value), callback);
        } catch (KafkaException e) {
            fail("Line " + lineNumber + " was not sent to topic " + topic + ": " + e.getMessage());
        }
    }

    private void fail(String message) {
        failures.incrementAndGet();
        io.err().println("runnel: " + message);
    }

    static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and running the hook.
        }
    }
}
