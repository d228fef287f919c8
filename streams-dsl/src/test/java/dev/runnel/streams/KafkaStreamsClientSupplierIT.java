package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.consumer.Consumer;
import dev.runnel.clients.consumer.ConsumerConfig;
import dev.runnel.clients.consumer.ConsumerGroupMetadata;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.clients.producer.Callback;
import dev.runnel.clients.producer.Producer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.clients.producer.RecordMetadata;
import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.PartitionInfo;
import dev.runnel.common.Uuid;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.metrics.KafkaMetric;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.internal.runtime.DefaultKafkaClientSupplier;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link KafkaClientSupplier}, given to the constructor or named in {@code default.client.supplier}, creates every
 * client the runtime uses, each with the configs {@link StreamsConfig} derives (prefixed configs included); the
 * application runs through them.
 */
class KafkaStreamsClientSupplierIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path root;

    @Test
    void shouldCreateEveryClientThroughTheGivenSupplierAndRunThroughThem() {
        EmbeddedLogFixture log = createTopics();
        Properties props = log.streamsProps("supplied-clients");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 5);
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 7);
        props.put(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 8);
        props.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 9);
        CountingSupplier supplier = new CountingSupplier();
        try (KafkaStreams streams = new KafkaStreams(countTopology(), props, supplier)) {
            runAndAwaitCounts(log, streams);
        }

        assertEquals(1, supplier.consumers.size(), "one main consumer");
        assertEquals(7, supplier.consumers.get(0).get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
        assertEquals("supplied-clients", supplier.consumers.get(0).get(ConsumerConfig.GROUP_ID_CONFIG));
        assertEquals(1, supplier.restoreConsumers.size(), "one restore consumer");
        assertEquals(8, supplier.restoreConsumers.get(0).get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
        assertEquals(1, supplier.globalConsumers.size(), "one global consumer");
        assertEquals(9, supplier.globalConsumers.get(0).get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
        assertEquals(1, supplier.producers.get(), "one producer");
        assertTrue(supplier.sends.get() >= 4, "outputs and changelog writes went through the supplied producer: "
            + supplier.sends.get());
        assertTrue(supplier.admins.get() >= 1, "internal topics were set up through the supplied admin client");
    }

    @Test
    void shouldCreateTheClientsThroughTheConfiguredSupplierClass() {
        EmbeddedLogFixture log = createTopics();
        Properties props = log.streamsProps("configured-supplier");
        props.put(StreamsConfig.DEFAULT_CLIENT_SUPPLIER_CONFIG, CountingSupplier.class.getName());
        CountingSupplier.CREATED.clear();
        try (KafkaStreams streams = new KafkaStreams(countTopology(), props)) {
            runAndAwaitCounts(log, streams);
        }

        assertEquals(1, CountingSupplier.CREATED.size(), "one supplier for the client");
        assertEquals(1, CountingSupplier.CREATED.get(0).producers.get());
        assertTrue(CountingSupplier.CREATED.get(0).sends.get() >= 4);
    }

    @Test
    void shouldTurnTheCacheOffWithTheDeprecatedCacheMaxBytesBuffering() {
        EmbeddedLogFixture log = createTopics();
        Properties props = log.streamsProps("deprecated-cache-size");
        props.put(StreamsConfig.CACHE_MAX_BYTES_BUFFERING_CONFIG, 0L);
        // No commit during the test: only a cache of size 0 forwards the counts before one.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Duration.ofHours(1).toMillis());
        try (KafkaStreams streams = new KafkaStreams(countTopology(), props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            log.produce("in", List.of(KeyValue.pair("a", "x"), KeyValue.pair("a", "y"), KeyValue.pair("a", "z")),
                Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);
            EmbeddedLogFixture.await(() -> counts(log).size() == 3, TIMEOUT, "every update of a to be forwarded");
            assertEquals(List.of(1L, 2L, 3L), counts(log));
        }
    }

    private EmbeddedLogFixture createTopics() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        log.createTopic("out", 1);
        log.createTopic("rates", 1);
        return log;
    }

    /** Counts the records per key into "out", beside a global table, so that every kind of client is needed. */
    private static Topology countTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable("rates", Consumed.with(Serdes.String(), Serdes.String()));
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .count(Materialized.as("counts"))
            .toStream()
            .to("out", Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    private static void runAndAwaitCounts(EmbeddedLogFixture log, KafkaStreams streams) {
        streams.start();
        EmbeddedLogFixture.awaitRunning(streams);
        log.produce("in", List.of(KeyValue.pair("a", "x"), KeyValue.pair("b", "y")), Serdes.String().serializer(),
            Serdes.String().serializer(), 1_000L);
        EmbeddedLogFixture.await(() -> counts(log).size() == 2, TIMEOUT, "a and b to be counted");
    }

    private static List<Long> counts(EmbeddedLogFixture log) {
        return log.readAll("out", Serdes.String().deserializer(), Serdes.Long().deserializer(), false).stream()
            .map(record -> record.value()).toList();
    }

    /** Creates the default clients, recording the configs of each and counting the sends of the producer it wraps. */
    public static final class CountingSupplier implements KafkaClientSupplier {
        static final List<CountingSupplier> CREATED = new CopyOnWriteArrayList<>();

        private final KafkaClientSupplier delegate = new DefaultKafkaClientSupplier();
        final List<Map<String, Object>> consumers = new CopyOnWriteArrayList<>();
        final List<Map<String, Object>> restoreConsumers = new CopyOnWriteArrayList<>();
        final List<Map<String, Object>> globalConsumers = new CopyOnWriteArrayList<>();
        final AtomicInteger producers = new AtomicInteger();
        final AtomicInteger admins = new AtomicInteger();
        final AtomicInteger sends = new AtomicInteger();

        public CountingSupplier() {
            CREATED.add(this);
        }

        @Override
        public Admin getAdmin(Map<String, Object> config) {
            admins.incrementAndGet();
            return delegate.getAdmin(config);
        }

        @Override
        public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
            producers.incrementAndGet();
            return new CountingProducer(delegate.getProducer(config), sends);
        }

        @Override
        public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
            consumers.add(config);
            return delegate.getConsumer(config);
        }

        @Override
        public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
            restoreConsumers.add(config);
            return delegate.getRestoreConsumer(config);
        }

        @Override
        public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
            globalConsumers.add(config);
            return delegate.getGlobalConsumer(config);
        }
    }

    /** A producer that counts the records sent through it. */
    private record CountingProducer(Producer<byte[], byte[]> delegate, AtomicInteger sends)
        implements Producer<byte[], byte[]> {
        @Override
        public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
            sends.incrementAndGet();
            return delegate.send(record);
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            sends.incrementAndGet();
            return delegate.send(record, callback);
        }

        @Override
        public void initTransactions() {
            delegate.initTransactions();
        }

        @Override
        public void beginTransaction() {
            delegate.beginTransaction();
        }

        @Override
        public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
            ConsumerGroupMetadata groupMetadata) {
            delegate.sendOffsetsToTransaction(offsets, groupMetadata);
        }

        @Override
        public void commitTransaction() {
            delegate.commitTransaction();
        }

        @Override
        public void abortTransaction() {
            delegate.abortTransaction();
        }

        @Override
        public void flush() {
            delegate.flush();
        }

        @Override
        public List<PartitionInfo> partitionsFor(String topic) {
            return delegate.partitionsFor(topic);
        }

        @Override
        public Uuid clientInstanceId(Duration timeout) {
            return delegate.clientInstanceId(timeout);
        }

        @Override
        public Map<MetricName, ? extends Metric> metrics() {
            return delegate.metrics();
        }

        @Override
        public void registerMetricForSubscription(KafkaMetric metric) {
            delegate.registerMetricForSubscription(metric);
        }

        @Override
        public void unregisterMetricFromSubscription(KafkaMetric metric) {
            delegate.unregisterMetricFromSubscription(metric);
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public void close(Duration timeout) {
            delegate.close(timeout);
        }
    }
}
