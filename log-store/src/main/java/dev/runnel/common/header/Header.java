package dev.runnel.common.header;

/** A record header: a string key and a byte-array value, which may be null. */
public interface Header {
    String key();

    byte[] value();
}
