package dev.runnel.streams.internal.runtime;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.ManualTime;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.StreamsMetrics;
import dev.runnel.streams.internal.metrics.StreamsMetricsRegistry;
import dev.runnel.streams.processor.Cancellable;
import dev.runnel.streams.processor.CommitCallback;
import dev.runnel.streams.processor.PunctuationType;
import dev.runnel.streams.processor.Punctuator;
import dev.runnel.streams.processor.StateRestoreCallback;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.api.RecordMetadata;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * What both {@code MockProcessorContext}s (the processor API's and the old one) keep of their pretend task: configs,
 * connected stores, clocks, scheduled punctuations and the commit flag. Not thread-safe; owned by one mock context.
 */
public final class MockTaskState {
    /** The {@code application.id} of a mock context created without configs. */
    public static final String DEFAULT_APPLICATION_ID = "dummy-mock-app-id";

    private final StreamsConfig config;
    private final TaskId taskId;
    private final File stateDir;
    private final Serde<?> keySerde;
    private final Serde<?> valueSerde;
    private final StreamsMetrics metrics;
    private final Map<String, StateStore> stores = new HashMap<>();
    private final List<ScheduledPunctuation> punctuations = new ArrayList<>();
    private long currentSystemTimeMs;
    private long currentStreamTimeMs;
    private boolean committed;

    /**
     * Parses {@code config} (which must set {@code application.id}).
     *
     * @throws dev.runnel.common.config.ConfigException if a config is missing or invalid
     */
    public MockTaskState(Properties config, TaskId taskId, File stateDir) {
        this.config = new QuietStreamsConfig(config);
        this.taskId = Objects.requireNonNull(taskId, "taskId");
        this.stateDir = stateDir;
        this.keySerde = configuredSerde(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, true);
        this.valueSerde = configuredSerde(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, false);
        this.metrics = new StreamsMetricsRegistry(new ManualTime(0L), this.config, false, List.of())
            .streamsMetrics();
    }

    /** Returns configs holding only the default {@code application.id}. */
    public static Properties defaultConfig() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        return config;
    }

    private Serde<?> configuredSerde(String key, boolean isKey) {
        Serde<?> serde = config.getConfiguredInstance(key, Serde.class);
        if (serde != null) {
            serde.configure(config.originals(), isKey);
        }
        return serde;
    }

    public String applicationId() {
        return config.getString(StreamsConfig.APPLICATION_ID_CONFIG);
    }

    public TaskId taskId() {
        return taskId;
    }

    public File stateDir() {
        return stateDir;
    }

    public Serde<?> keySerde() {
        return keySerde;
    }

    public Serde<?> valueSerde() {
        return valueSerde;
    }

    public StreamsMetrics metrics() {
        return metrics;
    }

    public Map<String, Object> appConfigs() {
        return config.values();
    }

    public Map<String, Object> appConfigsWithPrefix(String prefix) {
        return config.originalsWithPrefix(prefix);
    }

    public long currentSystemTimeMs() {
        return currentSystemTimeMs;
    }

    public void setCurrentSystemTimeMs(long timeMs) {
        this.currentSystemTimeMs = timeMs;
    }

    public long currentStreamTimeMs() {
        return currentStreamTimeMs;
    }

    public void setCurrentStreamTimeMs(long timeMs) {
        this.currentStreamTimeMs = timeMs;
    }

    /** Makes {@code store} reachable through {@code getStateStore}, replacing any store of the same name. */
    public void addStore(StateStore store) {
        stores.put(store.name(), store);
    }

    /** Returns the store named {@code name}, or {@code null}. */
    @SuppressWarnings("unchecked")
    public <S extends StateStore> S store(String name) {
        return (S) stores.get(name);
    }

    /**
     * Captures a punctuation; {@code startTime} is {@code null} for an unanchored one. As Kafka Streams' mock does, it
     * captures any interval: the runtime's minimum of 1 ms is not checked.
     */
    public ScheduledPunctuation schedule(Instant startTime, Duration interval, PunctuationType type,
        Punctuator callback) {
        ScheduledPunctuation punctuation = new ScheduledPunctuation(startTime, interval,
            Objects.requireNonNull(type, "type"), Objects.requireNonNull(callback, "callback"));
        punctuations.add(punctuation);
        return punctuation;
    }

    /** Returns the punctuations scheduled so far, cancelled ones included, in scheduling order. */
    public List<ScheduledPunctuation> punctuations() {
        return List.copyOf(punctuations);
    }

    public void commit() {
        committed = true;
    }

    public boolean committed() {
        return committed;
    }

    public void resetCommit() {
        committed = false;
    }

    /**
     * Returns the context to initialize stores with: registering a store makes it reachable through
     * {@code getStateStore}. Stores get no changelog and no cache from it.
     */
    public StateStoreContext storeContext(Supplier<Optional<RecordMetadata>> recordMetadata) {
        return new StoreContext(recordMetadata);
    }

    /** One captured {@code schedule} call. */
    public static final class ScheduledPunctuation implements Cancellable {
        private final Instant startTime;
        private final Duration interval;
        private final PunctuationType type;
        private final Punctuator punctuator;
        private boolean cancelled;

        ScheduledPunctuation(Instant startTime, Duration interval, PunctuationType type, Punctuator punctuator) {
            this.startTime = startTime;
            this.interval = interval;
            this.type = type;
            this.punctuator = punctuator;
        }

        public Instant startTime() {
            return startTime;
        }

        public Duration interval() {
            return interval;
        }

        public PunctuationType type() {
            return type;
        }

        public Punctuator punctuator() {
            return punctuator;
        }

        public boolean cancelled() {
            return cancelled;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final class StoreContext implements StateStoreContext {
        private final Supplier<Optional<RecordMetadata>> recordMetadata;

        StoreContext(Supplier<Optional<RecordMetadata>> recordMetadata) {
            this.recordMetadata = recordMetadata;
        }

        @Override
        public String applicationId() {
            return MockTaskState.this.applicationId();
        }

        @Override
        public TaskId taskId() {
            return taskId;
        }

        @Override
        public Optional<RecordMetadata> recordMetadata() {
            return recordMetadata.get();
        }

        @Override
        public Serde<?> keySerde() {
            return keySerde;
        }

        @Override
        public Serde<?> valueSerde() {
            return valueSerde;
        }

        @Override
        public File stateDir() {
            return stateDir;
        }

        @Override
        public void register(StateStore store, StateRestoreCallback stateRestoreCallback) {
            addStore(store);
        }

        @Override
        public void register(StateStore store, StateRestoreCallback stateRestoreCallback,
            CommitCallback commitCallback) {
            addStore(store);
        }

        @Override
        public Map<String, Object> appConfigs() {
            return MockTaskState.this.appConfigs();
        }

        @Override
        public Map<String, Object> appConfigsWithPrefix(String prefix) {
            return MockTaskState.this.appConfigsWithPrefix(prefix);
        }

        @Override
        public StreamsMetrics metrics() {
            return metrics;
        }
    }
}
