package dev.runnel.cli;

import dev.runnel.clients.consumer.ConsumerConfig;
import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.consumer.ConsumerRecords;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.common.PartitionInfo;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.RecordDeserializationException;
import dev.runnel.common.errors.WakeupException;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.serialization.StringDeserializer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code runnel consume}: prints a topic's records, one per line, like Kafka's console consumer. Runs until
 * {@code --max-messages}, until no record arrived for {@code --timeout-ms}, or until Ctrl-C, then prints
 * {@code Processed a total of N messages} on stderr. Not thread-safe; runs once (a shutdown hook only wakes it).
 */
@Command(name = "consume", sortOptions = false,
    description = "Print a topic's records, one per line (like kafka-console-consumer).")
final class ConsumeCommand extends RunnelCommand {
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);
    private static final long SHUTDOWN_WAIT_MS = 10_000;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic to read.")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the earliest record rather than the end.")
    boolean fromBeginning;

    @Option(names = "--partition", paramLabel = "N", description = "Read only partition N (default: all).")
    Integer partition;

    @Option(names = "--offset", paramLabel = "N|earliest|latest",
        description = "Start offset in --partition: a number, earliest or latest (default latest).")
    String offset;

    @Option(names = "--max-messages", paramLabel = "N", description = "Stop after N records.")
    Long maxMessages;

    @Option(names = "--timeout-ms", paramLabel = "MS",
        description = "Stop when no record has arrived for MS milliseconds (default: run until Ctrl-C).")
    Long timeoutMs;

    @Option(names = "--print-timestamp", description = "Print CreateTime:TS (or LogAppendTime:TS) first.")
    boolean printTimestamp;

    @Option(names = "--print-partition", description = "Print Partition:N.")
    boolean printPartition;

    @Option(names = "--print-offset", description = "Print Offset:N.")
    boolean printOffset;

    @Option(names = "--print-key", description = "Print the key before the value.")
    boolean printKey;

    @Option(names = "--key-separator", paramLabel = "SEP", defaultValue = "\t",
        description = "The text between printed fields (default: a tab).")
    String separator;

    private long printed;

    ConsumeCommand(StandardStreams io) {
        super(io);
    }

    @Override
    public Integer call() throws IOException {
        checkOptions();
        Map<String, Object> config = clientConfig();
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        try (KafkaConsumer<String, String> consumer =
                 new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            assignAndSeek(consumer);
            CountDownLatch finished = new CountDownLatch(1);
            Thread wakeOnInterrupt = new Thread(() -> {
                consumer.wakeup();
                awaitQuietly(finished);
            }, "runnel-consume-shutdown");
            Runtime.getRuntime().addShutdownHook(wakeOnInterrupt);
            try {
                return consume(consumer);
            } finally {
                io.err().println("Processed a total of " + printed + " messages");
                finished.countDown();
                ProduceCommand.removeShutdownHook(wakeOnInterrupt);
            }
        }
    }

    /** Prints records until a stop condition or an error; returns the exit code. */
    private int consume(KafkaConsumer<String, String> consumer) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(io.out(), StandardCharsets.UTF_8), 1 << 16);
        try {
            printRecords(consumer, out);
            return 0;
        } catch (WakeupException e) {
            return 0; // Ctrl-C: stop cleanly.
        } catch (RecordDeserializationException e) {
            int p = e.topicPartition().partition();
            return fail(new CommandFailedException("Cannot deserialize the record in topic " + topic + " partition "
                + p + " at offset " + e.offset() + ": " + e.getMessage() + " To skip it: --partition " + p
                + " --offset " + (e.offset() + 1)));
        } catch (RuntimeException e) {
            return fail(e);
        } finally {
            out.flush();
        }
    }

    private void checkOptions() {
        if (offset != null && partition == null) {
            throw usageError("--offset needs --partition N: an offset belongs to one partition");
        }
        if (offset != null && fromBeginning) {
            throw usageError("--offset and --from-beginning cannot be combined; use --offset earliest");
        }
        if (maxMessages != null && maxMessages < 1) {
            throw usageError("--max-messages must be at least 1, got " + maxMessages);
        }
        if (timeoutMs != null && timeoutMs < 0) {
            throw usageError("--timeout-ms must not be negative, got " + timeoutMs);
        }
    }

    private void assignAndSeek(KafkaConsumer<String, String> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        List<TopicPartition> partitions = new ArrayList<>();
        if (partition == null) {
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        } else if (partition < 0 || partition >= infos.size()) {
            throw new CommandFailedException("Topic '" + topic + "' has " + infos.size() + " partition(s), 0 to "
                + (infos.size() - 1) + "; --partition " + partition + " does not exist");
        } else {
            partitions.add(new TopicPartition(topic, partition));
        }
        consumer.assign(partitions);
        if (offset == null) {
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
        } else if (offset.equals("earliest")) {
            consumer.seekToBeginning(partitions);
        } else if (offset.equals("latest")) {
            consumer.seekToEnd(partitions);
        } else {
            consumer.seek(partitions.get(0), parseOffset());
        }
    }

    private long parseOffset() {
        try {
            long value = Long.parseLong(offset);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw usageError("--offset must be a non-negative number, earliest or latest, got '" + offset + "'");
    }

    /** Prints records until {@code --max-messages} or {@code --timeout-ms}, counting them in {@link #printed}. */
    private void printRecords(KafkaConsumer<String, String> consumer, Writer out) throws IOException {
        long limit = maxMessages == null ? Long.MAX_VALUE : maxMessages;
        long idleDeadline = timeoutMs == null ? 0 : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        StringBuilder line = new StringBuilder(256);
        while (printed < limit) {
            Duration pollTimeout = timeoutMs == null ? IDLE_POLL
                : Duration.ofNanos(Math.max(0, idleDeadline - System.nanoTime()));
            ConsumerRecords<String, String> records = consumer.poll(pollTimeout);
            if (records.isEmpty()) {
                if (timeoutMs != null && System.nanoTime() - idleDeadline >= 0) {
                    break;
                }
                continue;
            }
            for (ConsumerRecord<String, String> record : records) {
                line.setLength(0);
                format(record, line);
                out.append(line);
                if (++printed == limit) {
                    break;
                }
            }
            out.flush();
            if (timeoutMs != null) {
                idleDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            }
        }
    }

    /** Appends the enabled fields in Kafka's order, separated by {@code --key-separator}, and a newline. */
    void format(ConsumerRecord<String, String> record, StringBuilder line) {
        if (printTimestamp) {
            TimestampType type = record.timestampType();
            line.append(type == TimestampType.NO_TIMESTAMP_TYPE ? "NO_TIMESTAMP" : type.name + ":" + record.timestamp())
                .append(separator);
        }
        if (printPartition) {
            line.append("Partition:").append(record.partition()).append(separator);
        }
        if (printOffset) {
            line.append("Offset:").append(record.offset()).append(separator);
        }
        if (printKey) {
            line.append(record.key()).append(separator);
        }
        line.append(record.value()).append('\n');
    }

    private int fail(RuntimeException error) {
        io.err().println("runnel: " + Runnel.describe(error));
        if (verbose) {
            error.printStackTrace(io.err());
        }
        return 1;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(SHUTDOWN_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
