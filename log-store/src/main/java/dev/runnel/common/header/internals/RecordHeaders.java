package dev.runnel.common.header.internals;

import dev.runnel.common.header.Header;
import dev.runnel.common.header.Headers;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * A list of headers that a producer may add to until the record is sent. The list is created on the first add, so the
 * common record without headers costs one small object on the fetch and send paths. Not thread-safe.
 */
public final class RecordHeaders implements Headers {
    private static final Header[] NO_HEADERS = new Header[0];

    /** The headers in order; {@code null} while there are none. */
    private List<Header> headers;
    private boolean readOnly;

    public RecordHeaders() {
    }

    public RecordHeaders(Header[] headers) {
        if (headers != null && headers.length > 0) {
            this.headers = new ArrayList<>(List.of(headers));
        }
    }

    public RecordHeaders(Iterable<Header> headers) {
        if (headers instanceof Headers known) {
            // toArray shares one empty array, so copying header-less headers allocates no iterator.
            Header[] all = known.toArray();
            if (all.length > 0) {
                this.headers = new ArrayList<>(List.of(all));
            }
        } else if (headers != null) {
            for (Header header : headers) {
                list(true).add(header);
            }
        }
    }

    /** Returns the list, creating it if {@code create}; without it an absent list reads as empty. */
    private List<Header> list(boolean create) {
        if (headers == null) {
            if (!create) {
                return List.of();
            }
            headers = new ArrayList<>(2);
        }
        return headers;
    }

    @Override
    public Headers add(Header header) {
        Objects.requireNonNull(header, "header");
        checkWritable();
        list(true).add(header);
        return this;
    }

    @Override
    public Headers add(String key, byte[] value) {
        return add(new RecordHeader(key, value));
    }

    @Override
    public Headers remove(String key) {
        checkWritable();
        if (headers != null) {
            headers.removeIf(header -> header.key().equals(key));
        }
        return this;
    }

    @Override
    public Header lastHeader(String key) {
        List<Header> all = list(false);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).key().equals(key)) {
                return all.get(i);
            }
        }
        return null;
    }

    @Override
    public Iterable<Header> headers(String key) {
        List<Header> matching = new ArrayList<>();
        for (Header header : list(false)) {
            if (header.key().equals(key)) {
                matching.add(header);
            }
        }
        return matching;
    }

    @Override
    public Header[] toArray() {
        return headers == null || headers.isEmpty() ? NO_HEADERS : headers.toArray(NO_HEADERS);
    }

    @Override
    public Iterator<Header> iterator() {
        return list(false).iterator();
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
        return other instanceof RecordHeaders that && list(false).equals(that.list(false));
    }

    @Override
    public int hashCode() {
        return list(false).hashCode();
    }

    @Override
    public String toString() {
        return "RecordHeaders(headers = " + list(false) + ", isReadOnly = " + readOnly + ")";
    }
}
