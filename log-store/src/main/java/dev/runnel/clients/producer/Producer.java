package dev.runnel.clients.producer;

import dev.runnel.common.PartitionInfo;
import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;

/** The producer interface of Kafka's clients, implemented by {@link KafkaProducer}. */
public interface Producer<K, V> extends Closeable {
    Future<RecordMetadata> send(ProducerRecord<K, V> record);

    Future<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback);

    void flush();

    List<PartitionInfo> partitionsFor(String topic);

    @Override
    void close();

    void close(Duration timeout);
}
