/**
 * Exceptions of the streams runtime and the handlers that decide what happens to a record that cannot be
 * deserialized or produced. Mirrors {@code org.apache.kafka.streams.errors}.
 */
package dev.runnel.streams.errors;
