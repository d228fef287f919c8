/**
 * The consumer, shaped like Kafka's: {@link dev.runnel.clients.consumer.KafkaConsumer} reads records from assigned
 * partitions of the embedded log, checking every batch's CRC.
 */
package dev.runnel.clients.consumer;
