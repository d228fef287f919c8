package dev.runnel.streams.state;

import dev.runnel.common.header.Headers;
import dev.runnel.streams.internal.runtime.StreamsHeaders;
import java.util.Objects;

/**
 * A session's aggregate with the record headers that go with it, as kept by {@link SessionStoreWithHeaders}
 * (KIP-1271). The aggregate is never {@code null}, except in one made by {@link #makeAllowNullable}; the headers are
 * never {@code null} (none given means empty headers) and compare by their keys and values whatever their class.
 * The headers are held as given, not copied: the store serializes them on put.
 */
public final class AggregationWithHeaders<AGG> {
    private final AGG aggregation;
    private final Headers headers;

    private AggregationWithHeaders(AGG aggregation, Headers headers) {
        this.aggregation = aggregation;
        this.headers = headers == null ? new StreamsHeaders() : headers;
    }

    /** Returns the pair, or {@code null} if {@code aggregation} is null (a deletion); null headers mean none. */
    public static <AGG> AggregationWithHeaders<AGG> make(AGG aggregation, Headers headers) {
        return aggregation == null ? null : new AggregationWithHeaders<>(aggregation, headers);
    }

    /** Returns the pair even if {@code aggregation} is null; null headers mean none. */
    public static <AGG> AggregationWithHeaders<AGG> makeAllowNullable(AGG aggregation, Headers headers) {
        return new AggregationWithHeaders<>(aggregation, headers);
    }

    /** Returns {@code aggregationWithHeaders.aggregation()}, or {@code null} if it is null. */
    public static <AGG> AGG getAggregationOrNull(AggregationWithHeaders<AGG> aggregationWithHeaders) {
        return aggregationWithHeaders == null ? null : aggregationWithHeaders.aggregation();
    }

    /** Returns the aggregate; null only in one made by {@link #makeAllowNullable}. */
    public AGG aggregation() {
        return aggregation;
    }

    /** Returns the headers, empty if there were none. */
    public Headers headers() {
        return headers;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AggregationWithHeaders<?> that && Objects.equals(aggregation, that.aggregation)
            && StreamsHeaders.sameContent(headers, that.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(aggregation, StreamsHeaders.contentHash(headers));
    }

    @Override
    public String toString() {
        return "<" + aggregation + "," + headers + ">";
    }
}
