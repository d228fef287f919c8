package dev.runnel.streams.state;

/**
 * Marks a bytes store supplier whose stores keep values in the headers format of {@link HeadersBytesStore}, as
 * {@link Stores#persistentTimestampedKeyValueStoreWithHeaders} returns. Runnel's built-in stores keep whatever bytes
 * the layer above writes, so a headers-aware store built over any built-in supplier keeps its headers; the marker
 * tells such a supplier apart, as in Kafka Streams.
 */
public interface HeadersBytesStoreSupplier {
}
