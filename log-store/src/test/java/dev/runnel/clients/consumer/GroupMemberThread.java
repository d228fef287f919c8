package dev.runnel.clients.consumer;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.StringDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A group member polling on its own thread: records every consumed (partition, offset), commits in
 * {@code onPartitionsRevoked}, and keeps a shared owner map that fails on any partition owned twice at once.
 */
final class GroupMemberThread implements ConsumerRebalanceListener, AutoCloseable {
    final String name;
    private final Map<String, Object> config;
    private final Collection<String> topics;
    private final Map<TopicPartition, List<Long>> consumed;
    private final Map<TopicPartition, String> owners;
    final List<String> violations;
    final List<TopicPartition> revoked = new CopyOnWriteArrayList<>();
    final List<TopicPartition> lost = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean paused;
    volatile Set<TopicPartition> assignment = Set.of();
    volatile Throwable failure;
    private KafkaConsumer<String, String> consumer;

    GroupMemberThread(String name, Map<String, Object> config, Collection<String> topics,
                      Map<TopicPartition, List<Long>> consumed, Map<TopicPartition, String> owners,
                      List<String> violations) {
        this.name = name;
        this.config = config;
        this.topics = topics;
        this.consumed = consumed;
        this.owners = owners;
        this.violations = violations;
        this.thread = new Thread(this::run, "member-" + name);
    }

    static Map<TopicPartition, String> ownerMap() {
        return new ConcurrentHashMap<>();
    }

    GroupMemberThread start() {
        thread.start();
        return this;
    }

    private void run() {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(config, new StringDeserializer(),
            new StringDeserializer())) {
            consumer = c;
            c.subscribe(topics, this);
            while (running) {
                if (paused) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
                    continue;
                }
                for (ConsumerRecord<String, String> record : c.poll(Duration.ofMillis(50))) {
                    consumed.computeIfAbsent(new TopicPartition(record.topic(), record.partition()),
                        tp -> new CopyOnWriteArrayList<>()).add(record.offset());
                }
                assignment = Set.copyOf(c.assignment());
            }
        } catch (Throwable t) {
            failure = t;
        }
        assignment = Set.of();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        consumer.commitSync();
        revoked.addAll(partitions);
        release(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        lost.addAll(partitions);
        release(partitions);
    }

    private void release(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            if (!owners.remove(tp, name)) {
                violations.add(name + " gave up " + tp + " owned by " + owners.get(tp));
            }
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            String previous = owners.putIfAbsent(tp, name);
            if (previous != null) {
                violations.add(name + " was assigned " + tp + " while " + previous + " owns it");
            }
        }
    }

    /** Stops polling without closing (the member stalls). */
    void pause() {
        paused = true;
    }

    /** Stops polling and closes the consumer, which revokes (and commits) and leaves. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        paused = false;
        thread.join(30_000);
        if (thread.isAlive()) {
            throw new AssertionError(name + " did not stop");
        }
    }

    static List<String> newViolations() {
        return new CopyOnWriteArrayList<>();
    }

    static List<TopicPartition> sorted(Collection<TopicPartition> partitions) {
        List<TopicPartition> list = new ArrayList<>(partitions);
        list.sort(java.util.Comparator.comparing(TopicPartition::toString));
        return list;
    }
}
