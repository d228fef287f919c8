package dev.runnel.cli;

import dev.runnel.clients.consumer.ConsumerConfig;
import dev.runnel.clients.consumer.ConsumerRebalanceListener;
import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.consumer.ConsumerRecords;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.clients.consumer.OffsetAndMetadata;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code runnel consume}: prints a topic's records, one per line, like Kafka's console consumer. Runs until
 * {@code --max-messages}, until no record arrived for {@code --timeout-ms}, or until Ctrl-C, then prints
 * {@code Processed a total of N messages} on stderr. With {@code --group G} it reads as a member of G and, when it
 * stops, commits exactly the records it printed, so that the next member of G continues after them. Not
 * thread-safe; runs once (a shutdown hook only wakes it).
 */
@Command(name = "consume", sortOptions = false,
    description = "Print a topic's records, one per line (like kafka-console-consumer).")
final class ConsumeCommand extends RunnelCommand {
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);
    private static final long SHUTDOWN_WAIT_MS = 10_000;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic to read.")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the earliest record rather than the end (with "
        + "--group: only where the group has no committed offset).")
    boolean fromBeginning;

    @Option(names = "--group", paramLabel = "GROUP", description = "Read as a member of GROUP, from its committed "
        + "offsets, and commit what was printed.")
    String group;

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
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        }
        // Ctrl-C wakes the consumer, then waits until it has committed and closed, so the log shuts down cleanly.
        CountDownLatch closed = new CountDownLatch(1);
        Thread wakeOnInterrupt = null;
        try (KafkaConsumer<String, String> consumer =
                 new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            if (group == null) {
                assignAndSeek(consumer);
            } else {
                consumer.partitionsFor(topic); // Fails for an unknown topic, which a subscription would wait for.
                consumer.subscribe(List.of(topic), new CommitOnRevoke(consumer));
            }
            wakeOnInterrupt = new Thread(() -> {
                consumer.wakeup();
                awaitQuietly(closed);
            }, "runnel-consume-shutdown");
            Runtime.getRuntime().addShutdownHook(wakeOnInterrupt);
            try {
                int exitCode = consume(consumer);
                return group == null ? exitCode : commit(consumer, exitCode);
            } finally {
                io.err().println("Processed a total of " + printed + " messages");
            }
        } finally {
            closed.countDown();
            if (wakeOnInterrupt != null) {
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
        if (group != null && (partition != null || offset != null)) {
            throw usageError("--partition and --offset cannot be combined with --group: a group member reads the "
                + "partitions the group assigns it, from the group's committed offsets");
        }
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
            Iterator<ConsumerRecord<String, String>> iterator = records.iterator();
            while (iterator.hasNext()) {
                line.setLength(0);
                format(iterator.next(), line);
                out.append(line);
                if (++printed == limit) {
                    rewindToUnprinted(consumer, iterator);
                    break;
                }
            }
            out.flush();
            if (timeoutMs != null) {
                idleDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            }
        }
    }

    /**
     * Moves each partition's position back to its first record that was returned but not printed, so that the
     * positions (and a group's commit of them) cover exactly the printed records.
     */
    private static void rewindToUnprinted(KafkaConsumer<String, String> consumer,
                                          Iterator<ConsumerRecord<String, String>> unprinted) {
        Set<TopicPartition> rewound = new HashSet<>();
        while (unprinted.hasNext()) {
            ConsumerRecord<String, String> record = unprinted.next();
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            if (rewound.add(tp)) {
                consumer.seek(tp, record.offset());
            }
        }
    }

    /**
     * Commits the positions of the assigned partitions, which stop after the last printed record; returns the exit
     * code, 1 if the commit failed. Runs after an error too, to keep what was printed before it.
     */
    private int commit(KafkaConsumer<String, String> consumer, int exitCode) {
        try {
            consumer.commitSync();
            return exitCode;
        } catch (RuntimeException e) {
            return fail(new CommandFailedException("Could not commit the offsets of group '" + group + "' after "
                + printed + " printed record(s): " + e.getMessage() + "; the next member of the group may print "
                + "some of them again"));
        }
    }

    /**
     * Commits a partition's position when the group takes it away, so that its next owner starts after what this
     * member printed. Positions never run ahead of printing: records are printed as soon as a poll returns them.
     */
    private record CommitOnRevoke(KafkaConsumer<String, String> consumer) implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
            for (TopicPartition tp : partitions) {
                positions.put(tp, new OffsetAndMetadata(consumer.position(tp)));
            }
            consumer.commitSync(positions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // Positions come from the group's committed offsets, or from auto.offset.reset.
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // The group removed this member: a commit would be refused, and another member owns them now.
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
