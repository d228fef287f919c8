package dev.runnel.common.header.internals;

import dev.runnel.common.header.Header;
import dev.runnel.common.header.Headers;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/** A list of headers that a producer may add to until the record is sent. Not thread-safe. */
public final class RecordHeaders implements Headers {
    private static final Header[] NO_HEADERS = new Header[0];

    private final List<Header> headers;
    private boolean readOnly;

    public RecordHeaders() {
        this.headers = new ArrayList<>(2);
    }

    public RecordHeaders(Header[] headers) {
        // An empty ArrayList allocates its array on the first add: records without headers (the common case on the
        // fetch path) cost no array.
        this.headers = headers == null || headers.length == 0 ? new ArrayList<>() : new ArrayList<>(List.of(headers));
    }

    public RecordHeaders(Iterable<Header> headers) {
        this.headers = new ArrayList<>();
        if (headers != null) {
            for (Header header : headers) {
                this.headers.add(header);
            }
        }
    }

    @Override
    public Headers add(Header header) {
        Objects.requireNonNull(header, "header");
        checkWritable();
        headers.add(header);
        return this;
    }

    @Override
    public Headers add(String key, byte[] value) {
        return add(new RecordHeader(key, value));
    }

    @Override
    public Headers remove(String key) {
        checkWritable();
        headers.removeIf(header -> header.key().equals(key));
        return this;
    }

    @Override
    public Header lastHeader(String key) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).key().equals(key)) {
                return headers.get(i);
            }
        }
        return null;
    }

    @Override
    public Iterable<Header> headers(String key) {
        List<Header> matching = new ArrayList<>();
        for (Header header : headers) {
            if (header.key().equals(key)) {
                matching.add(header);
            }
        }
        return matching;
    }

    @Override
    public Header[] toArray() {
        return headers.isEmpty() ? NO_HEADERS : headers.toArray(NO_HEADERS);
    }

    @Override
    public Iterator<Header> iterator() {
        return headers.iterator();
    }

    /** Freezes the headers once the record is handed to the producer, as Kafka does. */
    public void setReadOnly() {
        readOnly = true;
    }

    private void checkWritable() {
        if (readOnly) {
            throw new IllegalStateException("RecordHeaders has been closed.");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordHeaders that && headers.equals(that.headers);
    }

    @Override
    public int hashCode() {
        return headers.hashCode();
    }

    @Override
    public String toString() {
        return "RecordHeaders(headers = " + headers + ", isReadOnly = " + readOnly + ")";
    }
}
