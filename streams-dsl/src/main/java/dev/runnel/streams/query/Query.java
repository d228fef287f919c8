package dev.runnel.streams.query;

/**
 * A query a state store can run for {@code KafkaStreams#query}. A marker: the built-in stores run the built-in
 * queries of this package and answer any other one with {@link FailureReason#UNKNOWN_QUERY_TYPE}.
 *
 * @param <R> the type of one partition's result
 */
public interface Query<R> {
}
