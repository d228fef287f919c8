package dev.runnel.cli;

import dev.runnel.clients.consumer.ConsumerConfig;
import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.consumer.ConsumerRecords;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.common.PartitionInfo;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.ByteArrayDeserializer;
import java.io.PrintStream;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code runnel perf consume}: reads a topic from the beginning as fast as it can and reports throughput like Kafka's
 * {@code kafka-consumer-perf-test}. Not thread-safe; runs once.
 */
@Command(name = "consume", sortOptions = false,
    description = "Consumer load test: read a topic from the beginning and report throughput "
        + "(like kafka-consumer-perf-test).")
final class ConsumerPerformance extends RunnelCommand {
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final double MIB = 1024.0 * 1024.0;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic to read.")
    String topic;

    @Option(names = "--records", paramLabel = "N",
        description = "How many records to read (default: all the topic holds when the test starts).")
    Long records;

    @Option(names = "--max-poll-records", paramLabel = "N", defaultValue = "10000",
        description = "Consumer max.poll.records (default ${DEFAULT-VALUE}).")
    int maxPollRecords;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "10000",
        description = "Give up when no record arrives for MS milliseconds (default ${DEFAULT-VALUE}).")
    long timeoutMs;

    ConsumerPerformance(StandardStreams io) {
        super(io);
    }

    @Override
    public Integer call() {
        if ((records != null && records < 0) || maxPollRecords < 1 || timeoutMs < 0) {
            throw usageError("--records must not be negative, --max-poll-records must be at least 1 and "
                + "--timeout-ms must not be negative");
        }
        Map<String, Object> config = clientConfig();
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        try (KafkaConsumer<byte[], byte[]> consumer =
                 new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long target = records != null ? records : available(consumer, partitions);
            return run(consumer, target);
        }
    }

    private static long available(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long total = 0;
        for (TopicPartition tp : partitions) {
            total += end.get(tp) - begin.get(tp);
        }
        return total;
    }

    private int run(KafkaConsumer<byte[], byte[]> consumer, long target) {
        long count = 0;
        long bytes = 0;
        long startMs = System.currentTimeMillis();
        long lastProgressMs = startMs;
        boolean timedOut = false;
        while (count < target) {
            ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL_TIMEOUT);
            if (batch.isEmpty()) {
                if (System.currentTimeMillis() - lastProgressMs > timeoutMs) {
                    timedOut = true;
                    break;
                }
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                bytes += Math.max(0, record.serializedValueSize()) + Math.max(0, record.serializedKeySize());
                if (++count == target) {
                    break;
                }
            }
            lastProgressMs = System.currentTimeMillis();
        }
        long endMs = System.currentTimeMillis();
        if (timedOut) {
            io.err().println("WARNING: Exiting before consuming the expected number of messages: timeout ("
                + timeoutMs + " ms) exceeded. You can use the --timeout-ms option to increase the timeout.");
        }
        print(io.out(), startMs, endMs, count, bytes);
        return timedOut ? 1 : 0;
    }

    /** Kafka's columns and a short throughput line. */
    private static void print(PrintStream out, long startMs, long endMs, long count, long bytes) {
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss:SSS", Locale.ROOT);
        double seconds = Math.max(1, endMs - startMs) / 1000.0;
        double mib = bytes / MIB;
        out.println("start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec");
        out.printf(Locale.ROOT, "%s, %s, %.4f, %.4f, %d, %.4f%n", format.format(new Date(startMs)),
            format.format(new Date(endMs)), mib, mib / seconds, count, count / seconds);
        out.printf(Locale.ROOT, "perf consume: %.0f records/s, %.2f MB/s (%d records)%n", count / seconds,
            mib / seconds, count);
    }
}
