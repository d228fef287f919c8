/**
 * What Kafka's {@code org.apache.kafka.clients} package holds for all clients: {@link
 * dev.runnel.clients.CommonClientConfigs}, the config keys several clients share. The clients themselves live in
 * the {@code producer}, {@code consumer} and {@code admin} subpackages.
 */
package dev.runnel.clients;
