package dev.runnel.streams.processor.api;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.StreamsMetrics;
import dev.runnel.streams.processor.Cancellable;
import dev.runnel.streams.processor.PunctuationType;
import dev.runnel.streams.processor.Punctuator;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.TaskId;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What both processor kinds see of their task. Not thread-safe; used only from the task's thread. */
public interface ProcessingContext {
    /** Returns the {@code application.id}. */
    String applicationId();

    /** Returns the id of the task running the processor. */
    TaskId taskId();

    /**
     * Returns where the current input record came from: empty in {@code init} and {@code close}; inside a
     * punctuation the metadata has a {@code null} topic and offset -1.
     */
    Optional<RecordMetadata> recordMetadata();

    /** Returns the default key serde ({@code default.key.serde}), or {@code null} if unset. */
    Serde<?> keySerde();

    /** Returns the default value serde ({@code default.value.serde}), or {@code null} if unset. */
    Serde<?> valueSerde();

    /** Returns the task's state directory. */
    File stateDir();

    /**
     * Returns a state store connected to this processor, or a global store.
     *
     * @throws dev.runnel.streams.errors.StreamsException if the store does not exist or is not connected
     */
    <S extends StateStore> S getStateStore(String name);

    /**
     * Schedules {@code callback} every {@code interval}. Stream-time punctuations are aligned to multiples of the
     * interval and fire after a record moves stream time past them (once, however many intervals were skipped);
     * wall-clock punctuations first fire {@code interval} after scheduling.
     *
     * @throws IllegalArgumentException if {@code interval} is shorter than 1 ms
     */
    Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback);

    /**
     * Schedules {@code callback} at {@code startTime} plus multiples of {@code interval} (KIP-1146): a stream-time
     * punctuation is first due at {@code startTime}, and fires once stream time reaches it; a wall-clock punctuation
     * whose start time has passed is first due at the next such time. As for {@link #schedule(Duration,
     * PunctuationType, Punctuator)}, a jump over several due times fires once.
     *
     * @throws IllegalArgumentException if {@code interval} is shorter than 1 ms
     */
    Cancellable schedule(Instant startTime, Duration interval, PunctuationType type, Punctuator callback);

    /** Asks the runtime to commit the task soon (flush stores, produce outputs, commit input offsets). */
    void commit();

    /** Returns all application configs, defaults included. */
    Map<String, Object> appConfigs();

    /** Returns the configs whose key starts with {@code prefix}, with the prefix removed. */
    Map<String, Object> appConfigsWithPrefix(String prefix);

    /** Returns the runtime's wall-clock time in ms (the test driver's mock time). */
    long currentSystemTimeMs();

    /** Returns the task's stream time: the largest input timestamp seen, or -1 before the first record. */
    long currentStreamTimeMs();

    /** Returns the client's metrics, where the processor can add its own sensors (see {@link StreamsMetrics}). */
    StreamsMetrics metrics();
}
