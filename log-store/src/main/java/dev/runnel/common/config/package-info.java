/**
 * Config names and resources: {@link dev.runnel.common.config.TopicConfig} spells every per-topic config exactly as
 * Kafka does.
 */
package dev.runnel.common.config;
