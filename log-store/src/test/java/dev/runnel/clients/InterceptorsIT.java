package dev.runnel.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.NewTopic;
import dev.runnel.clients.consumer.ConsumerConfig;
import dev.runnel.clients.consumer.ConsumerInterceptor;
import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.consumer.ConsumerRecords;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerConfig;
import dev.runnel.clients.producer.ProducerInterceptor;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.clients.producer.RecordMetadata;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.SerializationException;
import dev.runnel.common.errors.UnknownTopicOrPartitionException;
import dev.runnel.common.header.Headers;
import dev.runnel.common.serialization.StringDeserializer;
import dev.runnel.common.serialization.StringSerializer;
import dev.runnel.testing.Configs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code interceptor.classes} on a real producer and consumer over the embedded log. */
class InterceptorsIT {
    /** A config key the test interceptors read their shared event list from. */
    private static final String EVENTS = "test.interceptor.events";
    private static final TopicPartition CLICKS = new TopicPartition("clicks", 0);

    @TempDir
    Path dataDir;

    private final List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());

    private Map<String, Object> config(Object... keyValues) {
        return Configs.with(Configs.embedded(dataDir, EVENTS, events), keyValues);
    }

    @SuppressWarnings("unchecked")
    private static List<String> events(Map<String, ?> configs) {
        return (List<String>) configs.get(EVENTS);
    }

    /** Upper-cases values and stamps a header: what it returns is what gets serialized. */
    public static final class UpperCasing implements ProducerInterceptor<String, String> {
        private List<String> events;

        @Override
        public void configure(Map<String, ?> configs) {
            events = events(configs);
            events.add("configure client.id=" + configs.get(ProducerConfig.CLIENT_ID_CONFIG));
        }

        @Override
        public ProducerRecord<String, String> onSend(ProducerRecord<String, String> record) {
            ProducerRecord<String, String> upper = new ProducerRecord<>(record.topic(), record.partition(),
                record.key(), record.value() == null ? null : record.value().toUpperCase(java.util.Locale.ROOT));
            upper.headers().add("intercepted", "yes".getBytes(StandardCharsets.UTF_8));
            return upper;
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception, Headers headers) {
            String outcome = exception == null ? "offset " + metadata.offset()
                : exception.getClass().getSimpleName() + " partition " + metadata.partition();
            events.add("ack " + metadata.topic() + " " + outcome + " header=" + (headers.lastHeader("intercepted")
                != null));
        }

        @Override
        public void close() {
            events.add("close producer interceptor");
        }
    }

    /** Fails in every callback: the producer must log and carry on. */
    public static final class Failing implements ProducerInterceptor<String, String>, ConsumerInterceptor<String,
        String> {
        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public ProducerRecord<String, String> onSend(ProducerRecord<String, String> record) {
            throw new IllegalStateException("onSend fails");
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
            throw new IllegalStateException("onAcknowledgement fails");
        }

        @Override
        public ConsumerRecords<String, String> onConsume(ConsumerRecords<String, String> records) {
            throw new IllegalStateException("onConsume fails");
        }

        @Override
        public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
            throw new IllegalStateException("onCommit fails");
        }

        @Override
        public void close() {
            throw new IllegalStateException("close fails");
        }
    }

    /** Drops records whose value is "skip" and records commits. */
    public static final class Filtering implements ConsumerInterceptor<String, String> {
        private List<String> events;

        @Override
        public void configure(Map<String, ?> configs) {
            events = events(configs);
        }

        @Override
        public ConsumerRecords<String, String> onConsume(ConsumerRecords<String, String> records) {
            Map<TopicPartition, List<ConsumerRecord<String, String>>> kept = new LinkedHashMap<>();
            for (TopicPartition tp : records.partitions()) {
                kept.put(tp, records.records(tp).stream().filter(r -> !"skip".equals(r.value())).toList());
            }
            return new ConsumerRecords<>(kept);
        }

        @Override
        public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
            events.add("commit " + offsets);
        }

        @Override
        public void close() {
            events.add("close consumer interceptor");
        }
    }

    private void createClicks() throws Exception {
        try (Admin admin = Admin.create(config())) {
            admin.createTopics(List.of(new NewTopic("clicks", 1, (short) 1))).all().get();
        }
    }

    @Test
    void shouldInterceptSendsBeforeSerializationAndAcknowledgeBeforeTheCallback() throws Exception {
        createClicks();
        Map<String, Object> producerConfig = config(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
            Failing.class.getName() + ", " + UpperCasing.class.getName(), ProducerConfig.CLIENT_ID_CONFIG, "clicker",
            ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new StringSerializer())) {
            RecordMetadata metadata = producer.send(new ProducerRecord<>("clicks", "alice", "home"),
                (m, e) -> events.add("callback offset " + m.offset())).get();
            assertEquals(0, metadata.offset());
            ExecutionException unknown = assertThrows(ExecutionException.class,
                () -> producer.send(new ProducerRecord<>("no-such-topic", "bob", "cart")).get());
            assertInstanceOf(UnknownTopicOrPartitionException.class, unknown.getCause());
            ProducerRecord<Object, Object> notAString = new ProducerRecord<>("clicks", 0, 42, "x");
            @SuppressWarnings({"unchecked", "rawtypes"})
            KafkaProducer<Object, Object> raw = (KafkaProducer) producer;
            assertThrows(SerializationException.class, () -> raw.send(notAString));
        }
        assertEquals(List.of("configure client.id=clicker",
            "ack clicks offset 0 header=true",
            "callback offset 0",
            "ack no-such-topic UnknownTopicOrPartitionException partition -1 header=true",
            // UpperCasing failed on the Integer key too, so the record went on as sent, without the header.
            "ack clicks SerializationException partition 0 header=false",
            "close producer interceptor"), events);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config("auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(CLICKS));
            ConsumerRecord<String, String> record = consumer.poll(Duration.ofSeconds(5)).iterator().next();
            assertEquals("HOME", record.value());
            assertEquals("yes", new String(record.headers().lastHeader("intercepted").value(),
                StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldInterceptPollsAndCommits() throws Exception {
        createClicks();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config(), new StringSerializer(),
                new StringSerializer())) {
            for (String value : List.of("a", "skip", "b")) {
                producer.send(new ProducerRecord<>("clicks", value));
            }
        }
        Map<String, Object> consumerConfig = config("auto.offset.reset", "earliest", "group.id", "readers",
            "enable.auto.commit", false,
            ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, List.of(Filtering.class, Failing.class));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(CLICKS));
            List<String> values = new ArrayList<>();
            while (consumer.position(CLICKS) < 3) {
                consumer.poll(Duration.ofSeconds(5)).forEach(r -> values.add(r.value()));
            }
            assertEquals(List.of("a", "b"), values);
            consumer.commitSync();
            consumer.commitAsync(Map.of(CLICKS, new OffsetAndMetadata(2)),
                (offsets, e) -> events.add("async callback"));
            consumer.commitSync(Map.of());
        }
        assertEquals(List.of("commit {clicks-0=" + new OffsetAndMetadata(3) + "}",
            "commit {clicks-0=" + new OffsetAndMetadata(2) + "}", "async callback", "close consumer interceptor"),
            events);
    }
}
