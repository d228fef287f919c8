/**
 * State stores: the key-value store interfaces, their suppliers and builders, and the {@link
 * dev.runnel.streams.state.Stores} factory. Runnel's stores keep their data in memory and log each change to a
 * compacted changelog topic from which they are restored. Mirrors {@code org.apache.kafka.streams.state}.
 */
package dev.runnel.streams.state;
