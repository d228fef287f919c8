package dev.runnel.cli;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.NewTopic;
import dev.runnel.clients.producer.Callback;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerConfig;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.clients.producer.RecordMetadata;
import dev.runnel.common.config.ConfigResource;
import dev.runnel.common.config.TopicConfig;
import dev.runnel.common.errors.TopicExistsException;
import dev.runnel.common.serialization.ByteArraySerializer;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code runnel perf produce}: sends N records of B bytes as fast as allowed and reports throughput and send-to-ack
 * latency like Kafka's {@code kafka-producer-perf-test}: a line every 5 seconds and a summary with percentiles.
 * Not thread-safe; runs once.
 */
@Command(name = "produce", sortOptions = false,
    description = "Producer load test with throughput and latency report (like kafka-producer-perf-test).")
final class ProducerPerformance extends RunnelCommand {
    private static final long REPORT_INTERVAL_MS = 5_000;
    private static final double MIB = 1024.0 * 1024.0;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC",
        description = "The topic; created with --partitions if it does not exist.")
    String topic;

    @Option(names = "--records", required = true, paramLabel = "N", description = "How many records to send.")
    long records;

    @Option(names = "--record-size", required = true, paramLabel = "BYTES", description = "Each record's value size.")
    int recordSize;

    @Option(names = "--acks", paramLabel = "0|1|all", defaultValue = "all", description = "Default: all.")
    String acks;

    @Option(names = "--batch-size", paramLabel = "BYTES", description = "Producer batch.size (default 16384).")
    Integer batchSize;

    @Option(names = "--linger-ms", paramLabel = "MS", description = "Producer linger.ms (default 5).")
    Long lingerMs;

    @Option(names = "--compression", paramLabel = "CODEC", defaultValue = "none",
        description = "none (default), gzip, snappy, lz4 or zstd.")
    String compression;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "1",
        description = "Partitions of the topic if this creates it (default 1).")
    int partitions;

    @Option(names = "--throughput", paramLabel = "RECORDS_PER_SEC", defaultValue = "-1",
        description = "Throttle to this many records/s; -1 (default) for no limit.")
    long throughput;

    ProducerPerformance(StandardStreams io) {
        super(io);
    }

    @Override
    public Integer call() throws Exception {
        if (records < 1 || recordSize < 0 || partitions < 1 || throughput == 0) {
            throw usageError("--records and --partitions must be at least 1, --record-size at least 0 and "
                + "--throughput positive or -1");
        }
        boolean appendTime = createTopicIfAbsent();
        Map<String, Object> config = clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, acks.equals("-1") ? "all" : acks);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        if (batchSize != null) {
            config.put(ProducerConfig.BATCH_SIZE_CONFIG, batchSize);
        }
        if (lingerMs != null) {
            config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        }
        LatencyStats stats = new LatencyStats(appendTime);
        long startMs;
        long endMs;
        try (KafkaProducer<byte[], byte[]> producer =
                 new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            // One immutable record, sent N times: the loop allocates nothing of its own.
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, payload(recordSize));
            startMs = System.currentTimeMillis();
            long startNanos = System.nanoTime();
            long nextReportMs = startMs + REPORT_INTERVAL_MS;
            long lastReportMs = startMs;
            for (long i = 0; i < records; i++) {
                producer.send(record, stats.callbackFor(i));
                if (throughput > 0) {
                    throttle(i + 1, startNanos);
                }
                // Only every 1024th record looks at the clock.
                if ((i & 1023) == 0) {
                    long now = System.currentTimeMillis();
                    if (now >= nextReportMs) {
                        stats.printWindow(io.err(), now - lastReportMs, recordSize);
                        lastReportMs = now;
                        nextReportMs = now + REPORT_INTERVAL_MS;
                    }
                }
            }
            producer.flush();
            endMs = System.currentTimeMillis();
        }
        return stats.printSummary(io.out(), io.err(), records, Math.max(1, endMs - startMs), recordSize);
    }

    /** Creates the topic if absent; returns whether its timestamps are log-append times. */
    private boolean createTopicIfAbsent() throws InterruptedException {
        try (Admin admin = Admin.create(clientConfig())) {
            try {
                TopicsCommand.await(admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all());
                io.err().println("Created topic " + topic + " with " + partitions + " partition(s).");
            } catch (TopicExistsException e) {
                // Reuse it, as Kafka's tool does.
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return "LogAppendTime".equals(TopicsCommand.await(admin.describeConfigs(List.of(resource)).all())
                .get(resource).get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG).value());
        }
    }

    /** Random upper-case letters, as Kafka's tool sends; compressible about as much as text. */
    static byte[] payload(int size) {
        SplittableRandom random = new SplittableRandom(42);
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) ('A' + random.nextInt(26));
        }
        return payload;
    }

    private void throttle(long sent, long startNanos) {
        long due = startNanos + sent * TimeUnit.SECONDS.toNanos(1) / throughput;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /**
     * Send-to-acknowledgement latency in milliseconds, recorded by the producer's I/O thread into a wait-free
     * HdrHistogram {@link Recorder} and read by the sending thread per report window.
     *
     * <p>The latency comes from the acknowledged record's own create timestamp, which the producer takes when
     * {@code send} is called, so one shared callback serves every record. On a LogAppendTime topic that timestamp is
     * the append time, so each record then gets a callback holding its send time.
     */
    static final class LatencyStats implements Callback {
        /** Latency is recorded for one acknowledgement in this many, as Kafka's tool samples its latencies. */
        static final int SAMPLE_EVERY = 16;

        private final boolean appendTime;
        private final Recorder recorder = new Recorder(3);
        private final Histogram total = new Histogram(3);
        /** Written only by the producer's I/O thread, where successful sends complete; read by the sending thread. */
        private volatile long acked;
        private final AtomicLong errors = new AtomicLong();
        private final AtomicReference<String> firstError = new AtomicReference<>();
        private long ackedAtLastWindow;
        private Histogram window;

        LatencyStats(boolean appendTime) {
            this.appendTime = appendTime;
        }

        Callback callbackFor(long ignoredRecordIndex) {
            if (!appendTime) {
                return this;
            }
            long sendMs = System.currentTimeMillis();
            return (metadata, error) -> complete(sendMs, error);
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception error) {
            complete(metadata.timestamp(), error);
        }

        private void complete(long sendMs, Exception error) {
            if (error != null) {
                errors.incrementAndGet();
                firstError.compareAndSet(null, error.getMessage());
                return;
            }
            long count = acked + 1;
            acked = count;
            // Completions arrive in send order, so every SAMPLE_EVERY-th one keeps the latencies' spread.
            if ((count & (SAMPLE_EVERY - 1)) == 0) {
                recorder.recordValue(Math.max(0, System.currentTimeMillis() - sendMs));
            }
        }

        /** Prints and clears the window: {@code N records sent, X records/sec (Y MB/sec), A ms avg, M ms max}. */
        void printWindow(PrintStream err, long elapsedMs, int recordSize) {
            window = recorder.getIntervalHistogram(window);
            total.add(window);
            long ackedNow = acked;
            long count = ackedNow - ackedAtLastWindow;
            ackedAtLastWindow = ackedNow;
            double perSec = count * 1000.0 / Math.max(1, elapsedMs);
            err.printf(Locale.ROOT, "%d records sent, %.1f records/sec (%.2f MB/sec), %.1f ms avg latency, "
                    + "%.1f ms max latency.%n", count, perSec, perSec * recordSize / MIB, window.getMean(),
                (double) window.getMaxValue());
        }

        /** Prints Kafka's summary line and a short throughput line; returns the exit code. */
        int printSummary(PrintStream out, PrintStream err, long sent, long elapsedMs, int recordSize) {
            window = recorder.getIntervalHistogram(window);
            total.add(window);
            long ackedCount = acked;
            double perSec = ackedCount * 1000.0 / elapsedMs;
            double mibPerSec = perSec * recordSize / MIB;
            out.printf(Locale.ROOT, "%d records sent, %.1f records/sec (%.2f MB/sec), %.2f ms avg latency, "
                    + "%.2f ms max latency, %d ms 50th, %d ms 95th, %d ms 99th, %d ms 99.9th.%n", ackedCount, perSec,
                mibPerSec, total.getMean(), (double) total.getMaxValue(), total.getValueAtPercentile(50),
                total.getValueAtPercentile(95), total.getValueAtPercentile(99), total.getValueAtPercentile(99.9));
            out.printf(Locale.ROOT, "perf produce: %.0f records/s, %.2f MB/s (%d records of %d bytes)%n", perSec,
                mibPerSec, ackedCount, recordSize);
            if (errors.get() > 0) {
                err.println("runnel: " + errors.get() + " of " + sent + " records failed; the first error: "
                    + firstError.get());
                return 1;
            }
            return 0;
        }
    }
}
