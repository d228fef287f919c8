package dev.runnel.streams.internal.runtime;

import dev.runnel.clients.consumer.ConsumerConfig;
import dev.runnel.clients.consumer.ConsumerPartitionAssignor;
import dev.runnel.clients.producer.ProducerConfig;
import dev.runnel.streams.StreamsConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configs of one stream thread's clients, as Kafka Streams derives them: the user's client keys (unprefixed, then
 * {@code consumer.}/{@code producer.}-prefixed, which win), then what the runtime requires. Immutable.
 */
final class ClientConfigs {
    /** Kafka Streams' exactly-once transaction timeout: long enough for a commit interval, short for a crash. */
    static final int EOS_TRANSACTION_TIMEOUT_MS = 10_000;
    private static final int MAX_POLL_RECORDS = 1000;
    static final long PRODUCER_LINGER_MS = 100L;
    static final int PRODUCER_BATCH_SIZE = 256 * 1024;

    private final StreamsConfig config;
    private final String threadId;
    private final boolean exactlyOnce;

    ClientConfigs(StreamsConfig config, String threadId) {
        this.config = config;
        this.threadId = threadId;
        this.exactlyOnce = !StreamsConfig.AT_LEAST_ONCE.equals(
            config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    }

    boolean exactlyOnce() {
        return exactlyOnce;
    }

    static String consumerClientId(String threadId) {
        return threadId + "-consumer";
    }

    static String restoreConsumerClientId(String threadId) {
        return threadId + "-restore-consumer";
    }

    static String producerClientId(String threadId) {
        return threadId + "-producer";
    }

    private Map<String, Object> common(Set<String> keys, String prefix) {
        Map<String, Object> configs = new HashMap<>();
        for (Map.Entry<String, Object> entry : config.originals().entrySet()) {
            if (keys.contains(entry.getKey())) {
                configs.put(entry.getKey(), entry.getValue());
            }
        }
        for (Map.Entry<String, Object> entry : config.originalsWithPrefix(prefix).entrySet()) {
            if (keys.contains(entry.getKey())) {
                configs.put(entry.getKey(), entry.getValue());
            }
        }
        return configs;
    }

    /** The {@code auto.offset.reset} the application configured for its input topics (default earliest). */
    String autoOffsetReset() {
        return String.valueOf(consumerBase().get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG));
    }

    /**
     * The group consumer: group {@code application.id}, manual commits, the streams assignor, and no reset of its
     * own: the thread resets each partition as its topic's policy says ({@link OffsetResetter}). A configured
     * {@code group.instance.id} gets the thread's index appended, as in Kafka Streams: each thread is its own static
     * member, and one id shared by several would fence all but the newest.
     */
    Map<String, Object> mainConsumer(ConsumerPartitionAssignor assignor, int threadIndex) {
        Map<String, Object> configs = consumerBase();
        Object instanceId = configs.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        if (instanceId != null) {
            configs.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId + "-" + threadIndex);
        }
        configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        configs.put(ConsumerConfig.GROUP_ID_CONFIG, config.getString(StreamsConfig.APPLICATION_ID_CONFIG));
        configs.put(ConsumerConfig.CLIENT_ID_CONFIG, consumerClientId(threadId));
        configs.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(assignor));
        return configs;
    }

    /** The restore consumer: no group, assign and seek only. */
    Map<String, Object> restoreConsumer() {
        Map<String, Object> configs = consumerBase();
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        configs.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        configs.put(ConsumerConfig.CLIENT_ID_CONFIG, restoreConsumerClientId(threadId));
        return configs;
    }

    private Map<String, Object> consumerBase() {
        Map<String, Object> configs = new HashMap<>();
        configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        configs.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        configs.putAll(common(ConsumerConfig.KEYS, StreamsConfig.CONSUMER_PREFIX));
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        if (exactlyOnce) {
            configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        }
        return configs;
    }

    /** The thread's producer; transactional under exactly-once, with a transactional id stable across restarts. */
    Map<String, Object> producer() {
        Map<String, Object> configs = new HashMap<>();
        // Kafka Streams' producer default: linger.ms=100 (StreamsConfig's producer overrides). A stream thread flushes
        // its producer on every commit anyway, so lingering only lets the sender write fewer, larger batches.
        configs.put(ProducerConfig.LINGER_MS_CONFIG, PRODUCER_LINGER_MS);
        // Larger batches than the client's 16 KiB: one append and one CRC per batch on the embedded log.
        configs.put(ProducerConfig.BATCH_SIZE_CONFIG, PRODUCER_BATCH_SIZE);
        configs.putAll(common(ProducerConfig.KEYS, StreamsConfig.PRODUCER_PREFIX));
        configs.put(ProducerConfig.CLIENT_ID_CONFIG, producerClientId(threadId));
        if (exactlyOnce) {
            configs.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, EOS_TRANSACTION_TIMEOUT_MS);
            configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            configs.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, threadId);
        }
        return configs;
    }
}
