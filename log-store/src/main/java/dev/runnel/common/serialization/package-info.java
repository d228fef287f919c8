/**
 * Converts record keys and values between Java objects and the bytes the log stores, with the interfaces and
 * built-in implementations of Kafka's {@code org.apache.kafka.common.serialization}: a {@link
 * dev.runnel.common.serialization.Serializer} and {@link dev.runnel.common.serialization.Deserializer} per type,
 * paired as a {@link dev.runnel.common.serialization.Serde} and created through {@link
 * dev.runnel.common.serialization.Serdes}. The built-in formats are byte-for-byte Kafka's (fixed-width big-endian
 * numbers, UTF-8 strings, UUIDs as text), so data moves between Runnel and Kafka unchanged; the Jackson-based JSON
 * serde is Runnel's addition. Malformed input is reported as {@link dev.runnel.common.errors.SerializationException}.
 */
package dev.runnel.common.serialization;
