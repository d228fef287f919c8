package dev.runnel.streams.processor;

import dev.runnel.common.header.Headers;
import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsMetrics;
import dev.runnel.streams.internal.runtime.MockTaskState;
import dev.runnel.streams.internal.runtime.ProcessorContextImpl;
import dev.runnel.streams.internal.runtime.MockTaskState.ScheduledPunctuation;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * An old-style {@link ProcessorContext} for unit-testing a callback that takes one (such as a
 * {@link dev.runnel.streams.kstream.ValueTransformerWithKey}) on its own: it captures forwards, scheduled punctuators
 * and commits, and lets the test set the current record's metadata, the clocks and the stores. It takes no action by
 * itself; new processors are tested with {@link dev.runnel.streams.processor.api.MockProcessorContext}.
 *
 * <pre>{@code
 * MockProcessorContext context = new MockProcessorContext();
 * context.register(store, null); // makes the store reachable through getStateStore
 * context.setRecordMetadata("input", 0, 42L, new RecordHeaders(), 1_000L);
 * transformer.init(context);
 * assertEquals(expected, transformer.transform("key", "value"));
 * }</pre>
 *
 * <p>A mock created without configs has {@code application.id} {@code dummy-mock-app-id}. Not thread-safe.
 */
public class MockProcessorContext implements ProcessorContext {
    private final MockTaskState state;
    private final List<CapturedForward> forwarded = new ArrayList<>();
    private String topic;
    private Integer partition;
    private Long offset;
    private Headers headers;
    private Long recordTimestamp;

    /** Creates a context for task {@code 0_0} with only an {@code application.id} configured and no state dir. */
    public MockProcessorContext() {
        this(MockTaskState.defaultConfig());
    }

    /** Creates a context for task {@code 0_0} with {@code config}, which must set {@code application.id}. */
    public MockProcessorContext(Properties config) {
        this(config, new TaskId(0, 0), null);
    }

    /** Creates a context with {@code config}, the given task id and state directory (which may be {@code null}). */
    public MockProcessorContext(Properties config, TaskId taskId, File stateDir) {
        this.state = new MockTaskState(config, taskId, stateDir);
    }

    @Override
    public String applicationId() {
        return state.applicationId();
    }

    @Override
    public TaskId taskId() {
        return state.taskId();
    }

    @Override
    public Map<String, Object> appConfigs() {
        return state.appConfigs();
    }

    @Override
    public Map<String, Object> appConfigsWithPrefix(String prefix) {
        return state.appConfigsWithPrefix(prefix);
    }

    /** Returns the time set by {@link #setCurrentSystemTimeMs}, 0 until then. */
    @Override
    public long currentSystemTimeMs() {
        return state.currentSystemTimeMs();
    }

    /** Returns the time set by {@link #setCurrentStreamTimeMs}, 0 until then. */
    @Override
    public long currentStreamTimeMs() {
        return state.currentStreamTimeMs();
    }

    @Override
    public Serde<?> keySerde() {
        return state.keySerde();
    }

    @Override
    public Serde<?> valueSerde() {
        return state.valueSerde();
    }

    @Override
    public File stateDir() {
        return state.stateDir();
    }

    @Override
    public StreamsMetrics metrics() {
        return state.metrics();
    }

    /** Sets all of the current record's metadata at once. */
    public void setRecordMetadata(String topic, int partition, long offset, Headers headers, long timestamp) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.headers = headers;
        this.recordTimestamp = timestamp;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public void setPartition(int partition) {
        this.partition = partition;
    }

    public void setOffset(long offset) {
        this.offset = offset;
    }

    public void setHeaders(Headers headers) {
        this.headers = headers;
    }

    public void setRecordTimestamp(long recordTimestamp) {
        this.recordTimestamp = recordTimestamp;
    }

    /** Sets what {@link #currentSystemTimeMs()} returns. */
    public void setCurrentSystemTimeMs(long currentSystemTimeMs) {
        state.setCurrentSystemTimeMs(currentSystemTimeMs);
    }

    /** Sets what {@link #currentStreamTimeMs()} returns. */
    public void setCurrentStreamTimeMs(long currentStreamTimeMs) {
        state.setCurrentStreamTimeMs(currentStreamTimeMs);
    }

    /**
     * Returns the topic the test set.
     *
     * @throws IllegalStateException if it was not set
     */
    @Override
    public String topic() {
        return requireSet(topic, "Topic", "setTopic()");
    }

    /**
     * Returns the partition the test set.
     *
     * @throws IllegalStateException if it was not set
     */
    @Override
    public int partition() {
        return requireSet(partition, "Partition", "setPartition()");
    }

    /**
     * Returns the offset the test set.
     *
     * @throws IllegalStateException if it was not set
     */
    @Override
    public long offset() {
        return requireSet(offset, "Offset", "setOffset()");
    }

    /** Returns the headers the test set, or {@code null}. */
    @Override
    public Headers headers() {
        return headers;
    }

    /**
     * Returns the record timestamp the test set.
     *
     * @throws IllegalStateException if it was not set
     */
    @Override
    public long timestamp() {
        return requireSet(recordTimestamp, "Timestamp", "setRecordTimestamp()");
    }

    /** Returns {@code value}, refusing an unset one with Kafka's message naming the setter to call. */
    private static <T> T requireSet(T value, String what, String setter) {
        if (value == null) {
            throw new IllegalStateException(what + " must be set before use via setRecordMetadata() or " + setter
                + ".");
        }
        return value;
    }

    /** Makes {@code store} reachable through {@link #getStateStore}; the restore callback is not used. */
    @Override
    public void register(StateStore store, StateRestoreCallback stateRestoreCallback) {
        state.addStore(store);
    }

    /** Returns a registered store, or {@code null}. */
    @Override
    public <S extends StateStore> S getStateStore(String name) {
        return state.store(name);
    }

    /** Captures the punctuation; as Kafka Streams' older mock does, it refuses an interval shorter than 1 ms. */
    @Override
    public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
        ProcessorContextImpl.schedulingIntervalMs(interval);
        return state.schedule(null, interval, type, callback);
    }

    @Override
    public Cancellable schedule(Instant startTime, Duration interval, PunctuationType type, Punctuator callback) {
        ProcessorContextImpl.schedulingIntervalMs(interval);
        return state.schedule(Objects.requireNonNull(startTime, "startTime"), interval, type, callback);
    }

    /** Returns the punctuators scheduled so far, in order, cancelled ones included. */
    public List<CapturedPunctuator> scheduledPunctuators() {
        List<CapturedPunctuator> punctuators = new ArrayList<>();
        for (ScheduledPunctuation punctuation : state.punctuations()) {
            punctuators.add(new CapturedPunctuator(punctuation));
        }
        return punctuators;
    }

    @Override
    public <K, V> void forward(K key, V value) {
        forward(key, value, To.all());
    }

    /** Captures the pair with the current record's timestamp (-1 if unset) unless {@code to} sets one. */
    @Override
    public <K, V> void forward(K key, V value, To to) {
        long timestamp = to.timestampOr(recordTimestamp == null ? -1L : recordTimestamp);
        forwarded.add(new CapturedForward(to.childName(), timestamp, KeyValue.pair(key, value), headers));
    }

    /** Returns a copy of everything forwarded since creation or {@link #resetForwards()}, in order. */
    public List<CapturedForward> forwarded() {
        return new ArrayList<>(forwarded);
    }

    /** Returns a copy of what the child {@code childName} would have received, including forwards to all. */
    public List<CapturedForward> forwarded(String childName) {
        List<CapturedForward> toChild = new ArrayList<>();
        for (CapturedForward forward : forwarded) {
            if (forward.childName() == null || forward.childName().equals(childName)) {
                toChild.add(forward);
            }
        }
        return toChild;
    }

    /** Forgets the captured forwards. */
    public void resetForwards() {
        forwarded.clear();
    }

    @Override
    public void commit() {
        state.commit();
    }

    /** Returns whether {@link #commit()} was called since creation or {@link #resetCommit()}. */
    public boolean committed() {
        return state.committed();
    }

    /** Clears the commit flag. */
    public void resetCommit() {
        state.resetCommit();
    }

    /** A forwarded key-value pair with its child ({@code null} for all), timestamp and headers. */
    public static class CapturedForward {
        private final String childName;
        private final long timestamp;
        private final KeyValue<?, ?> keyValue;
        private final Headers headers;

        CapturedForward(String childName, long timestamp, KeyValue<?, ?> keyValue, Headers headers) {
            this.childName = childName;
            this.timestamp = timestamp;
            this.keyValue = keyValue;
            this.headers = headers;
        }

        /** Returns the child the pair was sent to, or {@code null} for all children. */
        public String childName() {
            return childName;
        }

        public long timestamp() {
            return timestamp;
        }

        @SuppressWarnings("unchecked")
        public <K, V> KeyValue<K, V> keyValue() {
            return (KeyValue<K, V>) keyValue;
        }

        public Headers headers() {
            return headers;
        }

        @Override
        public String toString() {
            return "CapturedForward{childName='" + childName + "', timestamp=" + timestamp + ", keyValue=" + keyValue
                + "}";
        }
    }

    /** A punctuator the callback scheduled, with its schedule; cancelling it here is what the callback sees. */
    public static class CapturedPunctuator {
        private final ScheduledPunctuation punctuation;

        CapturedPunctuator(ScheduledPunctuation punctuation) {
            this.punctuation = punctuation;
        }

        /** Returns the start time of an anchored schedule, or {@code null} if none was given. */
        public Instant getStartTime() {
            return punctuation.startTime();
        }

        public long getIntervalMs() {
            return punctuation.interval().toMillis();
        }

        public PunctuationType getType() {
            return punctuation.type();
        }

        public Punctuator getPunctuator() {
            return punctuation.punctuator();
        }

        public void cancel() {
            punctuation.cancel();
        }

        public boolean cancelled() {
            return punctuation.cancelled();
        }
    }
}
