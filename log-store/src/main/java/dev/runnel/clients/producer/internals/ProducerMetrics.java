package dev.runnel.clients.producer.internals;

import dev.runnel.common.MetricName;
import dev.runnel.common.metrics.Metrics;
import dev.runnel.common.metrics.Sensor;
import dev.runnel.common.metrics.stats.Avg;
import dev.runnel.common.metrics.stats.Max;
import dev.runnel.log.internal.record.RecordBatch;
import dev.runnel.log.internal.record.RecordBatchBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A producer's metrics, named as Kafka names them: group {@code producer-metrics} with tag {@code client-id}, and
 * {@code producer-topic-metrics} with tags {@code client-id} and {@code topic}.
 *
 * <p>Nothing is recorded per record by {@code send}: the sender thread records once per write round (Kafka's
 * "request") and once per batch, and rates, totals and averages are computed from counters when read. Averages and
 * maxima of batches (size, compression, queue time) are windowed as Kafka's are; {@code record-size-avg} and
 * {@code records-per-request-avg} are averages since the producer started. Thread-safe.
 */
final class ProducerMetrics {
    static final String GROUP = "producer-metrics";
    static final String TOPIC_GROUP = "producer-topic-metrics";

    private final Metrics metrics;
    private final String clientId;
    private final LongAdder recordsSent = new LongAdder();
    private final LongAdder recordBytes = new LongAdder();
    private final LongAdder recordErrors = new LongAdder();
    private final LongAdder recordRetries = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder requestRecords = new LongAdder();
    private final Sensor batchSize;
    private final Sensor compressionRate;
    private final Sensor queueTime;
    private final Sensor recordSizeMax;
    private final Sensor requestLatency;
    private final Map<String, TopicCounters> topics = new ConcurrentHashMap<>();

    ProducerMetrics(Metrics metrics, String clientId, BufferMemory memory) {
        this.metrics = metrics;
        this.clientId = clientId;
        countAndRate("record-send", "records sent", recordsSent);
        countAndRate("record-error", "record sends that resulted in errors", recordErrors);
        countAndRate("record-retry", "retried record sends", recordRetries);
        countAndRate("request", "write requests (one per round of batches the sender writes)", requests);
        metrics.addAverage(name("records-per-request-avg", "The average number of records per write request"),
            requestRecords::sum, requests::sum);
        metrics.addAverage(name("record-size-avg", "The average record size in bytes"), recordBytes::sum,
            recordsSent::sum);
        this.batchSize = windowed("batch-size", "the number of bytes sent per partition per request", true);
        this.compressionRate = windowed("compression-rate", "the compression rate of record batches "
            + "(compressed size / uncompressed size)", false);
        this.queueTime = windowed("record-queue-time", "the time in ms record batches spent in the send buffer", true);
        this.recordSizeMax = metrics.sensor(clientId + ".record-size-max");
        recordSizeMax.add(name("record-size-max", "The maximum record size in bytes"), new Max());
        this.requestLatency = windowed("request-latency", "the time in ms a write request takes (append, and fsync "
            + "under acks=all)", true);
        metrics.addMetric(name("buffer-total-bytes", "The maximum amount of buffer memory the client can use "
            + "(buffer.memory)"), () -> (double) memory.totalBytes());
        metrics.addMetric(name("buffer-available-bytes", "The buffer memory not in use"),
            () -> (double) memory.availableBytes());
        // The embedded log never throttles; the metrics exist so that dashboards built for Kafka find them.
        metrics.addMetric(name("produce-throttle-time-avg", "The average time in ms a request was throttled"),
            () -> 0.0);
        metrics.addMetric(name("produce-throttle-time-max", "The maximum time in ms a request was throttled"),
            () -> 0.0);
    }

    private MetricName name(String name, String description) {
        return new MetricName(name, GROUP, description, Map.of("client-id", clientId));
    }

    private void countAndRate(String prefix, String events, LongAdder counter) {
        metrics.addMeter(GROUP, prefix, events, Map.of("client-id", clientId), counter::sum);
    }

    private Sensor windowed(String prefix, String what, boolean withMax) {
        Sensor sensor = metrics.sensor(clientId + "." + prefix);
        sensor.add(name(prefix + "-avg", "The average of " + what), new Avg());
        if (withMax) {
            sensor.add(name(prefix + "-max", "The maximum of " + what), new Max());
        }
        return sensor;
    }

    /** Records a batch written to the log, before its callbacks run, so a flush that returns sees it counted. */
    void recordBatchSent(ProducerBatch batch, long nowMs) {
        RecordBatchBuilder builder = batch.builder();
        int records = builder.recordCount();
        int uncompressed = builder.uncompressedSizeInBytes();
        int sent = builder.estimatedSizeInBytes();
        recordsSent.add(records);
        recordBytes.add(uncompressed - RecordBatch.HEADER_SIZE);
        batchSize.record(sent, nowMs);
        compressionRate.record(uncompressed == 0 ? 1.0 : (double) sent / uncompressed, nowMs);
        queueTime.record(Math.max(0, nowMs - batch.createdMs()), nowMs);
        recordSizeMax.record(builder.maxRecordSizeInBytes(), nowMs);
        TopicCounters topic = topic(batch.topicPartition().topic());
        topic.records.add(records);
        topic.bytes.add(sent);
    }

    /** Records the failure of every record of {@code batch}. */
    void recordBatchFailed(ProducerBatch batch) {
        recordErrors.add(batch.recordCount());
        topic(batch.topicPartition().topic()).errors.add(batch.recordCount());
    }

    /** Records one record that failed before it was queued (too large, no buffer memory, unknown topic). */
    void recordSendFailed(String topic) {
        recordErrors.increment();
        topic(topic).errors.increment();
    }

    void recordRetry(ProducerBatch batch) {
        recordRetries.add(batch.recordCount());
    }

    /** Records one write round of {@code records} records that took {@code latencyMs}. */
    void recordRequest(int records, double latencyMs, long nowMs) {
        requests.increment();
        requestRecords.add(records);
        requestLatency.record(latencyMs, nowMs);
    }

    private TopicCounters topic(String topic) {
        TopicCounters counters = topics.get(topic);
        return counters != null ? counters : topics.computeIfAbsent(topic, this::registerTopic);
    }

    private TopicCounters registerTopic(String topic) {
        TopicCounters counters = new TopicCounters();
        Map<String, String> tags = Map.of("client-id", clientId, "topic", topic);
        String of = " for topic " + topic;
        metrics.addMeter(TOPIC_GROUP, "record-send", "records sent" + of, tags, counters.records::sum);
        metrics.addMeter(TOPIC_GROUP, "byte", "bytes sent" + of, tags, counters.bytes::sum);
        metrics.addMeter(TOPIC_GROUP, "record-error", "record sends that resulted in errors" + of, tags,
            counters.errors::sum);
        return counters;
    }

    /** What one topic's metrics count. */
    private static final class TopicCounters {
        private final LongAdder records = new LongAdder();
        private final LongAdder bytes = new LongAdder();
        private final LongAdder errors = new LongAdder();
    }
}
