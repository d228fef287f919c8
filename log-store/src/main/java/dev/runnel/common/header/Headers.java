package dev.runnel.common.header;

/** The ordered headers of one record. Keys may repeat; the order is kept on the wire. */
public interface Headers extends Iterable<Header> {
    /** Adds a header at the end. Throws {@link IllegalStateException} once the headers are read-only. */
    Headers add(Header header);

    Headers add(String key, byte[] value);

    /** Removes every header with this key. */
    Headers remove(String key);

    /** Returns the last header with this key, or null. */
    Header lastHeader(String key);

    Iterable<Header> headers(String key);

    Header[] toArray();
}
