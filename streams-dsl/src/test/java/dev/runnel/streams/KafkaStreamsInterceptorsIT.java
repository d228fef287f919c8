package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerConfig;
import dev.runnel.clients.consumer.ConsumerInterceptor;
import dev.runnel.clients.consumer.ConsumerRecords;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.clients.producer.ProducerConfig;
import dev.runnel.clients.producer.ProducerInterceptor;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.clients.producer.RecordMetadata;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Produced;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prefixed {@code interceptor.classes} of Kafka Streams reach the clients: {@code producer.} the thread's producer
 * (which sends byte arrays, as Kafka Streams' does) and {@code main.consumer.} the group consumer.
 */
class KafkaStreamsInterceptorsIT {
    /** What the interceptors, created by class name inside the runtime, saw. */
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    @TempDir
    Path root;

    public static final class SinkInterceptor implements ProducerInterceptor<byte[], byte[]> {
        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
            SEEN.add("send " + record.topic() + " " + new String(record.value(), StandardCharsets.UTF_8));
            return record;
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
            SEEN.add("ack " + metadata.topic() + " " + (exception == null));
        }

        @Override
        public void close() {
        }
    }

    public static final class SourceInterceptor implements ConsumerInterceptor<byte[], byte[]> {
        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
            records.forEach(r -> SEEN.add("consume " + r.topic()));
            return records;
        }

        @Override
        public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
            offsets.forEach((tp, offset) -> SEEN.add("commit " + tp + " " + offset.offset()));
        }

        @Override
        public void close() {
        }
    }

    @Test
    void shouldPassPrefixedInterceptorsToTheThreadsClients() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        log.createTopic("out", 1);
        log.produce("in", List.of(KeyValue.pair("k", "hello")), Serdes.String().serializer(),
            Serdes.String().serializer(), 1_000L);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .mapValues(value -> value.toUpperCase(Locale.ROOT))
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        Properties props = log.streamsProps("intercepted");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG),
            SinkInterceptor.class.getName());
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG),
            SourceInterceptor.class.getName());
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            EmbeddedLogFixture.await(() -> SEEN.contains("commit in-0 1"), Duration.ofSeconds(15),
                "the input offset committed");
        }
        assertTrue(SEEN.containsAll(List.of("consume in", "send out HELLO", "ack out true")), SEEN::toString);
        assertEquals(1, log.readAll("out", Serdes.String().deserializer(), Serdes.String().deserializer(), false)
            .size());
    }
}
