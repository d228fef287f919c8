package dev.runnel.streams.processor.api;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.StreamsMetrics;
import dev.runnel.streams.TopologyTestDriver;
import dev.runnel.streams.internal.runtime.MockTaskState;
import dev.runnel.streams.internal.runtime.MockTaskState.ScheduledPunctuation;
import dev.runnel.streams.processor.Cancellable;
import dev.runnel.streams.processor.PunctuationType;
import dev.runnel.streams.processor.Punctuator;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import dev.runnel.streams.processor.TaskId;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * A {@link ProcessorContext} for unit-testing a {@link Processor} on its own: it captures what the processor forwards,
 * schedules and commits, and lets the test set the record metadata, clocks and stores the processor sees. It takes no
 * action by itself (a scheduled punctuator runs only when the test calls it); for that, run the processor in a small
 * topology with the {@link TopologyTestDriver}.
 *
 * <pre>{@code
 * MockProcessorContext<String, Long> context = new MockProcessorContext<>();
 * KeyValueStore<String, Long> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("counts"),
 *         Serdes.String(), Serdes.Long())
 *     .withLoggingDisabled() // the mock has no changelog (nor a record cache)
 *     .build();
 * store.init(context.getStateStoreContext(), store); // registering makes it reachable through getStateStore
 * processor.init(context);
 * processor.process(new Record<>("alice", "/home", 10L));
 * assertEquals(new Record<>("alice", 1L, 10L), context.forwarded().get(0).record());
 * }</pre>
 *
 * <p>Unlike Kafka's, a mock created without configs has {@code application.id} {@code dummy-mock-app-id} rather than
 * an empty one, which Runnel's config refuses. Not thread-safe.
 */
public class MockProcessorContext<KForward, VForward> implements ProcessorContext<KForward, VForward> {
    private final MockTaskState state;
    private final List<CapturedForward<? extends KForward, ? extends VForward>> forwarded = new ArrayList<>();
    private RecordMetadata recordMetadata;

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

    /** Sets what {@link #recordMetadata()} returns until the next call. */
    public void setRecordMetadata(String topic, int partition, long offset) {
        this.recordMetadata = new MockRecordMetadata(topic, partition, offset);
    }

    /** Sets what {@link #currentSystemTimeMs()} returns. */
    public void setCurrentSystemTimeMs(long currentSystemTimeMs) {
        state.setCurrentSystemTimeMs(currentSystemTimeMs);
    }

    /** Sets what {@link #currentStreamTimeMs()} returns. */
    public void setCurrentStreamTimeMs(long currentStreamTimeMs) {
        state.setCurrentStreamTimeMs(currentStreamTimeMs);
    }

    /** Returns the metadata set by {@link #setRecordMetadata}, empty until then. */
    @Override
    public Optional<RecordMetadata> recordMetadata() {
        return Optional.ofNullable(recordMetadata);
    }

    /** Returns a store added with {@link #addStateStore} or registered through {@link #getStateStoreContext()}. */
    @Override
    public <S extends StateStore> S getStateStore(String name) {
        return state.store(name);
    }

    /** Makes {@code stateStore} reachable through {@link #getStateStore}, by its name. */
    public <S extends StateStore> void addStateStore(S stateStore) {
        state.addStore(stateStore);
    }

    @Override
    public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
        return state.schedule(null, interval, type, callback);
    }

    @Override
    public Cancellable schedule(Instant startTime, Duration interval, PunctuationType type, Punctuator callback) {
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
    public <K extends KForward, V extends VForward> void forward(Record<K, V> record) {
        forwarded.add(new CapturedForward<>(record));
    }

    @Override
    public <K extends KForward, V extends VForward> void forward(Record<K, V> record, String childName) {
        forwarded.add(new CapturedForward<>(record, Optional.of(childName)));
    }

    /** Returns a copy of everything forwarded since creation or {@link #resetForwards()}, in order. */
    public List<CapturedForward<? extends KForward, ? extends VForward>> forwarded() {
        return new ArrayList<>(forwarded);
    }

    /**
     * Returns a copy of what the child {@code childName} would have received: the records forwarded to it by name
     * and those forwarded to all children.
     */
    public List<CapturedForward<? extends KForward, ? extends VForward>> forwarded(String childName) {
        List<CapturedForward<? extends KForward, ? extends VForward>> toChild = new ArrayList<>();
        for (CapturedForward<? extends KForward, ? extends VForward> forward : forwarded) {
            if (forward.childName().isEmpty() || forward.childName().get().equals(childName)) {
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

    /**
     * Returns the context to initialize a store with ({@code store.init(context.getStateStoreContext(), store)}):
     * registering makes the store reachable through {@link #getStateStore}. It offers no changelog and no record
     * cache, so build stores with logging disabled; a cached store writes straight through.
     */
    public StateStoreContext getStateStoreContext() {
        return state.storeContext(this::recordMetadata);
    }

    /** A record the processor forwarded, with the child it was sent to (empty for all children). */
    public static final class CapturedForward<K, V> {
        private final Record<K, V> record;
        private final Optional<String> childName;

        /** Captures a record forwarded to all children. */
        public CapturedForward(Record<K, V> record) {
            this(record, Optional.empty());
        }

        /** Captures a record forwarded to {@code childName}, or to all children if empty. */
        public CapturedForward(Record<K, V> record, Optional<String> childName) {
            this.record = Objects.requireNonNull(record, "record");
            this.childName = Objects.requireNonNull(childName, "childName");
        }

        /** Returns the child the record was forwarded to, empty if it went to all children. */
        public Optional<String> childName() {
            return childName;
        }

        public Record<K, V> record() {
            return record;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof CapturedForward<?, ?> that && record.equals(that.record)
                && childName.equals(that.childName);
        }

        @Override
        public int hashCode() {
            return Objects.hash(record, childName);
        }

        @Override
        public String toString() {
            return "CapturedForward{record=" + record + ", childName=" + childName + "}";
        }
    }

    /** A punctuator the processor scheduled, with its schedule; cancelling it here is what the processor sees. */
    public static final class CapturedPunctuator {
        private final ScheduledPunctuation punctuation;

        CapturedPunctuator(ScheduledPunctuation punctuation) {
            this.punctuation = punctuation;
        }

        /** Returns the start time of an anchored schedule, or {@code null} if none was given. */
        public Instant getStartTime() {
            return punctuation.startTime();
        }

        public Duration getInterval() {
            return punctuation.interval();
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

    private record MockRecordMetadata(String topic, int partition, long offset) implements RecordMetadata {
    }
}
