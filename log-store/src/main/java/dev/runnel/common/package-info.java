/**
 * Types shared by every Runnel client and module, named as in Kafka's {@code org.apache.kafka.common}: {@link
 * dev.runnel.common.TopicPartition}, {@link dev.runnel.common.KafkaException}, {@link dev.runnel.common.KafkaFuture}
 * and the partition and node descriptions that clients return.
 */
package dev.runnel.common;
