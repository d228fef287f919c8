/**
 * Interactive Query v2 (KIP-796), as in Kafka Streams: a {@link dev.runnel.streams.query.StateQueryRequest} names a
 * store and a {@link dev.runnel.streams.query.Query}, {@code KafkaStreams#query} runs it against each requested local
 * partition of the store, and the {@link dev.runnel.streams.query.StateQueryResult} holds one
 * {@link dev.runnel.streams.query.QueryResult} per partition: a typed result, or a
 * {@link dev.runnel.streams.query.FailureReason} and message. The built-in queries read key-value, window and session
 * stores (KIP-805, KIP-806, KIP-992) and versioned key-value stores (KIP-960, KIP-968).
 */
package dev.runnel.streams.query;
