/**
 * The producer client, shaped like Kafka's {@code org.apache.kafka.clients.producer}: it serializes records with
 * {@link dev.runnel.common.serialization.Serializer}s, chooses their partition with a {@link
 * dev.runnel.clients.producer.Partitioner} (by default the murmur2 hash of the key, exactly as Kafka computes it, or
 * round-robin for null keys), and appends them to the embedded log.
 */
package dev.runnel.clients.producer;
