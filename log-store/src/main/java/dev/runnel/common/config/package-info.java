/**
 * Configuration, as Kafka's {@code org.apache.kafka.common.config}: {@link dev.runnel.common.config.ConfigDef}
 * defines a component's keys (types, defaults, validators, documentation), {@link
 * dev.runnel.common.config.AbstractConfig} parses given configs against it and is what an application's own config
 * class extends, and {@link dev.runnel.common.config.TopicConfig} spells every per-topic config exactly as Kafka does.
 */
package dev.runnel.common.config;
