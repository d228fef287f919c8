/**
 * Record headers: ordered key/value pairs carried with each record, as in Kafka.
 */
package dev.runnel.common.header;
