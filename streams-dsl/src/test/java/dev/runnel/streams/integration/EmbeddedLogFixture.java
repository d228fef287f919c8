package dev.runnel.streams.integration;

import static org.junit.jupiter.api.Assertions.fail;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.Config;
import dev.runnel.clients.admin.NewTopic;
import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.config.ConfigResource;
import dev.runnel.common.serialization.Deserializer;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.common.serialization.StringDeserializer;
import dev.runnel.common.serialization.StringSerializer;
import dev.runnel.streams.KafkaStreams;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.ThreadMetadata;
import dev.runnel.streams.Topology;
import dev.runnel.streams.processor.TaskId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

/** A real embedded log under a test's temporary folder, with helpers to create topics, produce and read them back. */
public final class EmbeddedLogFixture {
    private final Path logDir;
    private final Path stateDir;

    public EmbeddedLogFixture(Path root) {
        this.logDir = root.resolve("log");
        this.stateDir = root.resolve("state");
    }

    public Path logDir() {
        return logDir;
    }

    public Path stateDir() {
        return stateDir;
    }

    /** Returns the base configs of an application on this log, with a short commit interval. */
    public Properties streamsProps(String applicationId) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.LOG_DIR_CONFIG, logDir.toString());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.POLL_MS_CONFIG, 20);
        return props;
    }

    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** Creates a topic with topic configs such as {@code segment.bytes}. */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        try (Admin admin = Admin.create(Map.of("log.dir", logDir.toString()))) {
            admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty())
                .configs(configs))).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("Could not create topic " + name, e);
        }
    }

    /** Returns the configs of {@code topic}, as Admin#describeConfigs reports them. */
    public Config topicConfig(String topic) {
        try (Admin admin = Admin.create(Map.of("log.dir", logDir.toString()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(List.of(resource)).all().get().get(resource);
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("Could not describe topic " + topic, e);
        }
    }

    public void deleteTopic(String name) {
        try (Admin admin = Admin.create(Map.of("log.dir", logDir.toString()))) {
            admin.deleteTopics(List.of(name)).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("Could not delete topic " + name, e);
        }
    }

    /** Returns the log start offset of each partition of {@code topic}. */
    public Map<TopicPartition, Long> beginningOffsets(String topic) {
        return offsets(topic, true);
    }

    /** Returns the log end offset of each partition of {@code topic}. */
    public Map<TopicPartition, Long> endOffsets(String topic) {
        return offsets(topic, false);
    }

    private Map<TopicPartition, Long> offsets(String topic, boolean beginning) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("log.dir", logDir.toString()),
            new dev.runnel.common.serialization.ByteArrayDeserializer(),
            new dev.runnel.common.serialization.ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < consumer.partitionsFor(topic).size(); p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            return beginning ? consumer.beginningOffsets(partitions) : consumer.endOffsets(partitions);
        }
    }

    public <K, V> void produce(String topic, List<KeyValue<K, V>> records, Serializer<K> keySerializer,
        Serializer<V> valueSerializer, long timestamp) {
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(Map.of("log.dir", logDir.toString()), keySerializer,
            valueSerializer)) {
            for (KeyValue<K, V> record : records) {
                producer.send(new ProducerRecord<>(topic, null, timestamp, record.key, record.value));
            }
            producer.flush();
        }
    }

    /** Produces {@code records} (each with its own topic, key, value and timestamp) and flushes. */
    public <K, V> void produce(List<ProducerRecord<K, V>> records, Serializer<K> keySerializer,
        Serializer<V> valueSerializer) {
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(Map.of("log.dir", logDir.toString()), keySerializer,
            valueSerializer)) {
            for (ProducerRecord<K, V> record : records) {
                producer.send(record);
            }
            producer.flush();
        }
    }

    /** Produces string records to {@code topic}, all at {@code timestamp}, given as key, value pairs, and flushes. */
    public void produceStrings(String topic, long timestamp, String... keysAndValues) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            records.add(new ProducerRecord<>(topic, null, timestamp, keysAndValues[i], keysAndValues[i + 1]));
        }
        produce(records, new StringSerializer(), new StringSerializer());
    }

    /**
     * Waits until application {@code applicationId} has processed everything in {@code inputTopics} and in its own
     * repartition topics: its committed offsets equal the end offsets of all of them, twice in a row (a commit
     * covers the outputs and repartition writes of what it commits, so then every output is written).
     */
    public void awaitProcessed(String applicationId, List<String> inputTopics, Duration timeout) {
        int[] settled = {0};
        await(() -> {
            boolean caughtUp = caughtUp(applicationId, inputTopics);
            settled[0] = caughtUp ? settled[0] + 1 : 0;
            return settled[0] >= 2;
        }, timeout, applicationId + " to process " + inputTopics + " and its repartition topics");
    }

    private boolean caughtUp(String applicationId, List<String> inputTopics) {
        try (Admin admin = Admin.create(Map.of("log.dir", logDir.toString()));
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("log.dir", logDir.toString()),
                 new dev.runnel.common.serialization.ByteArrayDeserializer(),
                 new dev.runnel.common.serialization.ByteArrayDeserializer())) {
            List<String> topics = new ArrayList<>(inputTopics);
            for (String topic : admin.listTopics().names().get()) {
                if (topic.startsWith(applicationId + "-") && topic.endsWith("-topic")
                    || topic.startsWith(applicationId + "-") && topic.endsWith("-repartition")) {
                    topics.add(topic);
                }
            }
            Map<TopicPartition, dev.runnel.clients.consumer.OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
            for (String topic : topics) {
                int count = consumer.partitionsFor(topic).size();
                for (int p = 0; p < count; p++) {
                    TopicPartition tp = new TopicPartition(topic, p);
                    long end = consumer.endOffsets(List.of(tp)).get(tp);
                    dev.runnel.clients.consumer.OffsetAndMetadata offset = committed.get(tp);
                    if (end > 0 && (offset == null || offset.offset() < end)) {
                        return false;
                    }
                }
            }
            return true;
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("Could not read the offsets of " + applicationId, e);
        }
    }

    /** Reads every record of {@code topic} up to its current end (its last stable offset when read committed). */
    public <K, V> List<ConsumerRecord<K, V>> readAll(String topic, Deserializer<K> keyDeserializer,
        Deserializer<V> valueDeserializer, boolean readCommitted) {
        Map<String, Object> configs = new HashMap<>();
        configs.put("log.dir", logDir.toString());
        configs.put("auto.offset.reset", "earliest");
        configs.put("isolation.level", readCommitted ? "read_committed" : "read_uncommitted");
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(configs, keyDeserializer, valueDeserializer)) {
            List<TopicPartition> partitions = new ArrayList<>();
            int count = consumer.partitionsFor(topic).size();
            for (int p = 0; p < count; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<K, V>> result = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 10_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.currentTimeMillis() > deadline) {
                    fail("Could not read " + topic + " to its end " + ends);
                }
                for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(50))) {
                    result.add(record);
                }
            }
            return result;
        }
    }

    /**
     * Reads every record of {@code topic}, whose keys are strings, up to its end (as {@link #readAll}) and returns the
     * values of each key in the order read, keys sorted.
     */
    public <V> Map<String, List<V>> readPerKey(String topic, Deserializer<V> valueDeserializer, boolean readCommitted) {
        Map<String, List<V>> perKey = new TreeMap<>();
        for (ConsumerRecord<String, V> record : readAll(topic, new StringDeserializer(), valueDeserializer,
            readCommitted)) {
            perKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value());
        }
        return perKey;
    }

    /**
     * Deletes the local state of the application {@code props} configure ({@link KafkaStreams#cleanUp()} on a client
     * that never starts), so that its next start must restore its stores from the changelogs.
     */
    public static void deleteLocalState(Topology topology, Properties props) {
        try (KafkaStreams cleaner = new KafkaStreams(topology, props)) {
            cleaner.cleanUp();
        }
    }

    /** Waits up to {@code timeout} for {@code condition}, failing with {@code message}. */
    public static void await(BooleanSupplier condition, Duration timeout, String message) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("Timed out after " + timeout + ": " + message);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Waits until {@code streams}' stream threads have polled {@code polls} more times (their {@code poll-total}),
     * within {@code timeout}. A test that must let the threads act on something (a pause, a commit interval) waits
     * for their progress, not for a time a slow machine may not give them.
     */
    public static void awaitPolls(KafkaStreams streams, int polls, Duration timeout, String message) {
        double target = pollTotal(streams) + polls;
        await(() -> pollTotal(streams) >= target, timeout, message + " (" + polls + " polls)");
    }

    private static double pollTotal(KafkaStreams streams) {
        return streams.metrics().entrySet().stream()
            .filter(metric -> metric.getKey().name().equals("poll-total"))
            .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue()).sum();
    }

    /** Returns the ids of the standby tasks of {@code streams}' threads. */
    public static Set<TaskId> standbyTaskIds(KafkaStreams streams) {
        Set<TaskId> ids = new HashSet<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            thread.standbyTasks().forEach(task -> ids.add(task.taskId()));
        }
        return ids;
    }

    /** Waits up to 15 seconds until {@code streams} is RUNNING. */
    public static void awaitRunning(KafkaStreams streams) {
        await(() -> streams.state() == KafkaStreams.State.RUNNING, Duration.ofSeconds(15),
            "KafkaStreams to be RUNNING (is " + streams.state() + ")");
    }
}
