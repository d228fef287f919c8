package dev.runnel.streams.internal.runtime;

import dev.runnel.common.header.Header;
import dev.runnel.common.header.Headers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The {@link Headers} of records inside streams-dsl: an ordered list compared by content. Streams code does not use
 * log-store's internal header class (ArchitectureTest). Not thread-safe; owned by one record.
 */
public final class StreamsHeaders implements Headers {
    private static final Header[] NO_HEADERS = new Header[0];

    /** The headers in order; {@code null} while empty, so that records without headers allocate no list. */
    private List<Header> headers;

    /** Creates empty headers. */
    public StreamsHeaders() {
    }

    private StreamsHeaders(List<Header> headers) {
        this.headers = headers;
    }

    /** Returns a copy of {@code headers}, or empty headers for {@code null}; values are shared, not copied. */
    public static StreamsHeaders copyOf(Iterable<Header> headers) {
        if (headers instanceof Headers known) {
            // toArray shares one empty array, so copying the usual header-less record allocates no iterator.
            Header[] all = known.toArray();
            return new StreamsHeaders(all.length == 0 ? null : new ArrayList<>(Arrays.asList(all)));
        }
        List<Header> copy = null;
        if (headers != null) {
            for (Header header : headers) {
                if (copy == null) {
                    copy = new ArrayList<>();
                }
                copy.add(header);
            }
        }
        return new StreamsHeaders(copy);
    }

    @Override
    public Headers add(Header header) {
        Objects.requireNonNull(header, "header");
        if (headers == null) {
            headers = new ArrayList<>();
        }
        headers.add(header);
        return this;
    }

    @Override
    public Headers add(String key, byte[] value) {
        return add(new Entry(Objects.requireNonNull(key, "key"), value));
    }

    @Override
    public Headers remove(String key) {
        if (headers != null) {
            headers.removeIf(header -> header.key().equals(key));
        }
        return this;
    }

    @Override
    public Header lastHeader(String key) {
        if (headers == null) {
            return null;
        }
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).key().equals(key)) {
                return headers.get(i);
            }
        }
        return null;
    }

    @Override
    public Iterable<Header> headers(String key) {
        return list().stream().filter(header -> header.key().equals(key)).toList();
    }

    @Override
    public Header[] toArray() {
        return headers == null ? NO_HEADERS : headers.toArray(NO_HEADERS);
    }

    @Override
    public java.util.Iterator<Header> iterator() {
        return list().iterator();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Headers that && sameContent(this, that);
    }

    @Override
    public int hashCode() {
        return contentHash(this);
    }

    /** Returns whether {@code a} and {@code b} hold the same keys and values in order, whatever their class. */
    public static boolean sameContent(Headers a, Headers b) {
        Header[] mine = a.toArray();
        Header[] theirs = b.toArray();
        if (mine.length != theirs.length) {
            return false;
        }
        for (int i = 0; i < mine.length; i++) {
            if (!mine[i].key().equals(theirs[i].key()) || !Arrays.equals(mine[i].value(), theirs[i].value())) {
                return false;
            }
        }
        return true;
    }

    /** Returns a hash of {@code headers}' keys and values, consistent with {@link #sameContent}. */
    public static int contentHash(Headers headers) {
        int hash = 1;
        for (Header header : headers.toArray()) {
            hash = 31 * hash + header.key().hashCode();
            hash = 31 * hash + Arrays.hashCode(header.value());
        }
        return hash;
    }

    /** Reads as Kafka's RecordHeaders, which a record's headers are in Kafka Streams: "RecordHeaders(headers = ...". */
    @Override
    public String toString() {
        return "RecordHeaders(headers = " + list() + ", isReadOnly = false)";
    }

    private List<Header> list() {
        return headers == null ? List.of() : headers;
    }

    private record Entry(String key, byte[] value) implements Header {
        /** Reads as Kafka's RecordHeader (and log-store's, which streams-dsl may not use): the value as its bytes. */
        @Override
        public String toString() {
            return "RecordHeader(key = " + key + ", value = " + Arrays.toString(value) + ")";
        }
    }
}
