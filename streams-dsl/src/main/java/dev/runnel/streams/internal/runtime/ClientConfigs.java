package dev.runnel.streams.internal.runtime;

import dev.runnel.clients.consumer.ConsumerConfig;
import dev.runnel.clients.consumer.ConsumerPartitionAssignor;
import dev.runnel.clients.producer.ProducerConfig;
import dev.runnel.streams.StreamsConfig;
import java.util.List;
import java.util.Map;

/**
 * The configs of one stream thread's clients: {@link StreamsConfig}'s (the user's client keys, layered by prefix),
 * plus what only the runtime knows, the assignor and the transactional id. Immutable.
 */
final class ClientConfigs {
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

    /** The {@code auto.offset.reset} the application configured for its input topics (default earliest). */
    String autoOffsetReset() {
        return String.valueOf(config.getMainConsumerConfigs(groupId(), consumerClientId(threadId), 0)
            .get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG));
    }

    /**
     * The group consumer: the streams assignor, and no reset of its own: the thread resets each partition as its
     * topic's policy says ({@link OffsetResetter}).
     */
    Map<String, Object> mainConsumer(ConsumerPartitionAssignor assignor, int threadIndex) {
        Map<String, Object> configs = config.getMainConsumerConfigs(groupId(), consumerClientId(threadId),
            threadIndex);
        configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        configs.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(assignor));
        return configs;
    }

    /** The restore consumer: no group, assign and seek only. */
    Map<String, Object> restoreConsumer() {
        return config.getRestoreConsumerConfigs(restoreConsumerClientId(threadId));
    }

    /** The thread's producer; transactional under exactly-once, with a transactional id stable across restarts. */
    Map<String, Object> producer() {
        Map<String, Object> configs = config.getProducerConfigs(producerClientId(threadId));
        if (exactlyOnce) {
            configs.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, threadId);
        }
        return configs;
    }

    private String groupId() {
        return config.getString(StreamsConfig.APPLICATION_ID_CONFIG);
    }
}
