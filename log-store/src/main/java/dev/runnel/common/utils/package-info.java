/**
 * Small utilities that clients and tests share: the injectable {@link dev.runnel.common.utils.Time} clock, Kafka's
 * murmur2 hash and the {@link dev.runnel.common.utils.Bytes} key wrapper.
 */
package dev.runnel.common.utils;
