/**
 * The embedded partitioned log: {@link dev.runnel.log.RunnelLog} owns a data folder of topics whose partitions are
 * segmented, indexed, retained and compacted as Kafka's are. Clients open it through the {@code log.dir} config.
 */
package dev.runnel.log;
