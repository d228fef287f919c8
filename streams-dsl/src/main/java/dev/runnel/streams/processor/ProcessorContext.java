package dev.runnel.streams.processor;

import dev.runnel.common.header.Headers;
import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.StreamsMetrics;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The context of the older, key-value style callbacks that Kafka Streams still offers, such as a
 * {@link dev.runnel.streams.kstream.ValueTransformerWithKey} used by {@code KTable#transformValues}: its task, its
 * connected stores, punctuation, and where the current record came from. Not thread-safe; used only from the task's
 * thread.
 *
 * <p>New processors get {@link dev.runnel.streams.processor.api.ProcessorContext} instead.
 */
public interface ProcessorContext {
    /** Returns the {@code application.id}. */
    String applicationId();

    /** Returns the id of the task running the callback. */
    TaskId taskId();

    /** Returns the default key serde ({@code default.key.serde}), or {@code null} if unset. */
    Serde<?> keySerde();

    /** Returns the default value serde ({@code default.value.serde}), or {@code null} if unset. */
    Serde<?> valueSerde();

    /** Returns the task's state directory. */
    File stateDir();

    /** Returns the client's metrics, where the callback can add its own sensors. */
    StreamsMetrics metrics();

    /**
     * Returns a state store connected to this operator, or a global store.
     *
     * @throws dev.runnel.streams.errors.StreamsException if the store does not exist or is not connected
     */
    <S extends StateStore> S getStateStore(String name);

    /**
     * Schedules {@code callback} every {@code interval}, with the timing of
     * {@link dev.runnel.streams.processor.api.ProcessingContext#schedule}.
     *
     * @throws IllegalArgumentException if {@code interval} is shorter than 1 ms
     */
    Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback);

    /**
     * Schedules {@code callback} at {@code startTime} plus multiples of {@code interval}, with the timing of
     * {@link dev.runnel.streams.processor.api.ProcessingContext#schedule(Instant, Duration, PunctuationType,
     * Punctuator)}.
     *
     * @throws IllegalArgumentException if {@code interval} is shorter than 1 ms
     */
    Cancellable schedule(Instant startTime, Duration interval, PunctuationType type, Punctuator callback);

    /**
     * Registers a store with the runtime, as {@link StateStoreContext#register} does; stores register themselves in
     * their {@code init}, so processors rarely need this.
     *
     * @throws UnsupportedOperationException where the runtime registers stores itself, as for a
     *     {@code ValueTransformerWithKey}
     */
    void register(StateStore store, StateRestoreCallback stateRestoreCallback);

    /**
     * Sends a key-value pair to every child, with the current record's timestamp and headers.
     *
     * @throws dev.runnel.streams.errors.StreamsException where forwarding is not allowed, such as from a
     *     {@code ValueTransformerWithKey}, whose result is its return value
     */
    <K, V> void forward(K key, V value);

    /**
     * Sends a key-value pair where {@code to} says: to one child or all, with the current record's timestamp or the
     * one {@code to} carries, and the current record's headers.
     *
     * @throws dev.runnel.streams.errors.StreamsException where forwarding is not allowed, or if the child is unknown
     */
    <K, V> void forward(K key, V value, To to);

    /** Asks the runtime to commit the task soon. */
    void commit();

    /**
     * Returns the current record's source topic, or {@code null} if unknown (inside a punctuation, or when a join
     * looks a value up through a table that is not materialized).
     *
     * @throws IllegalStateException if no record is being processed (as in {@code init})
     */
    String topic();

    /**
     * Returns the current record's source partition, or -1 if unknown.
     *
     * @throws IllegalStateException if no record is being processed
     */
    int partition();

    /**
     * Returns the current record's source offset, or -1 if unknown.
     *
     * @throws IllegalStateException if no record is being processed
     */
    long offset();

    /**
     * Returns the current record's headers, empty if unknown.
     *
     * @throws IllegalStateException if no record is being processed
     */
    Headers headers();

    /**
     * Returns the current record's timestamp in ms (inside a punctuation, the punctuation's time).
     *
     * @throws IllegalStateException if no record is being processed
     */
    long timestamp();

    /** Returns all application configs, defaults included. */
    Map<String, Object> appConfigs();

    /** Returns the configs whose key starts with {@code prefix}, with the prefix removed. */
    Map<String, Object> appConfigsWithPrefix(String prefix);

    /** Returns the runtime's wall-clock time in ms (the test driver's mock time). */
    long currentSystemTimeMs();

    /** Returns the task's stream time: the largest input timestamp seen, or -1 before the first record. */
    long currentStreamTimeMs();
}
