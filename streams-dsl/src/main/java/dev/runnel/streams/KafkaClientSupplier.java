package dev.runnel.streams;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.consumer.Consumer;
import dev.runnel.clients.producer.Producer;
import java.util.Map;

/**
 * Creates the clients a {@link KafkaStreams} runs on: each stream thread's producer, main consumer and restore
 * consumer, the global consumer and the admin client. Pass one to a {@code KafkaStreams} constructor, or name its
 * class in {@code default.client.supplier}, to wrap or replace the clients, for example to count or trace what they
 * do. Each method gets the configs {@link StreamsConfig} derives for that client and must return a new client
 * working on raw bytes; the runtime closes it. Called from the threads that create the clients, so implementations
 * must be thread-safe.
 *
 * <pre>{@code
 * KafkaClientSupplier supplier = new KafkaClientSupplier() {
 *     public Admin getAdmin(Map<String, Object> config) { return Admin.create(config); }
 *     public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
 *         return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
 *     }
 *     ...
 * };
 * KafkaStreams streams = new KafkaStreams(topology, props, supplier);
 * }</pre>
 */
public interface KafkaClientSupplier {
    /**
     * Returns a new admin client for the runtime's internal topics and offsets.
     *
     * @throws UnsupportedOperationException by default: implementations must override it, as in Kafka Streams
     */
    default Admin getAdmin(Map<String, Object> config) {
        throw new UnsupportedOperationException(getClass().getName() + " must implement getAdmin(Map)");
    }

    /** Returns a new producer for a stream thread's output, changelog and repartition records. */
    Producer<byte[], byte[]> getProducer(Map<String, Object> config);

    /** Returns a new consumer of a stream thread's input, a member of the application's group. */
    Consumer<byte[], byte[]> getConsumer(Map<String, Object> config);

    /** Returns a new consumer, without a group, that restores stores from changelogs and updates standby tasks. */
    Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config);

    /** Returns a new consumer, without a group, that keeps the global stores up to date. */
    Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config);
}
