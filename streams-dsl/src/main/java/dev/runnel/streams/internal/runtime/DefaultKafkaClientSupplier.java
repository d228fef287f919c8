package dev.runnel.streams.internal.runtime;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.consumer.Consumer;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.Producer;
import dev.runnel.common.serialization.ByteArrayDeserializer;
import dev.runnel.common.serialization.ByteArraySerializer;
import dev.runnel.streams.KafkaClientSupplier;
import java.util.Map;

/** The default {@code default.client.supplier}: the embedded log's clients, on raw bytes. Stateless. */
public final class DefaultKafkaClientSupplier implements KafkaClientSupplier {
    @Override
    public Admin getAdmin(Map<String, Object> config) {
        return Admin.create(config);
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
        return getConsumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
        return getConsumer(config);
    }
}
