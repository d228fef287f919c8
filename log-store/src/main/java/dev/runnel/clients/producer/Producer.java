package dev.runnel.clients.producer;

import dev.runnel.clients.consumer.ConsumerGroupMetadata;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.PartitionInfo;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.Uuid;
import dev.runnel.common.metrics.KafkaMetric;
import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/** The producer interface of Kafka's clients, implemented by {@link KafkaProducer}. */
public interface Producer<K, V> extends Closeable {
    void initTransactions();

    void beginTransaction();

    void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata groupMetadata);

    void commitTransaction();

    void abortTransaction();

    Future<RecordMetadata> send(ProducerRecord<K, V> record);

    Future<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback);

    void flush();

    List<PartitionInfo> partitionsFor(String topic);

    /**
     * Returns the client instance id that client telemetry (KIP-714) reports this producer under.
     *
     * @throws IllegalStateException if telemetry is not enabled, which it never is on the embedded log
     */
    Uuid clientInstanceId(Duration timeout);

    /** Returns the producer's metrics, with Kafka's names. */
    Map<MetricName, ? extends Metric> metrics();

    /**
     * Adds an application metric to those client telemetry (KIP-1076) reports. The embedded log has no client
     * telemetry, so, as Kafka's clients do with telemetry disabled, {@link KafkaProducer} ignores it.
     */
    void registerMetricForSubscription(KafkaMetric metric);

    /** Removes a metric added by {@link #registerMetricForSubscription}; ignored likewise. */
    void unregisterMetricFromSubscription(KafkaMetric metric);

    @Override
    void close();

    void close(Duration timeout);
}
