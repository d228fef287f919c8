package dev.runnel.streams.internal.runtime;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.StreamsMetrics;
import dev.runnel.streams.processor.Cancellable;
import dev.runnel.streams.processor.PunctuationType;
import dev.runnel.streams.processor.Punctuator;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.api.ProcessingContext;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The methods every view of a processing context passes straight to it: a fixed-key processor's context and a value
 * transformer's old-style context differ only in how they forward and read the current record.
 */
public abstract class DelegatingProcessingContext {
    /** The context viewed. */
    protected final ProcessingContext context;

    protected DelegatingProcessingContext(ProcessingContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    public String applicationId() {
        return context.applicationId();
    }

    public TaskId taskId() {
        return context.taskId();
    }

    public Serde<?> keySerde() {
        return context.keySerde();
    }

    public Serde<?> valueSerde() {
        return context.valueSerde();
    }

    public File stateDir() {
        return context.stateDir();
    }

    public StreamsMetrics metrics() {
        return context.metrics();
    }

    public <S extends StateStore> S getStateStore(String name) {
        return context.getStateStore(name);
    }

    public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
        return context.schedule(interval, type, callback);
    }

    public Cancellable schedule(Instant startTime, Duration interval, PunctuationType type, Punctuator callback) {
        return context.schedule(startTime, interval, type, callback);
    }

    public void commit() {
        context.commit();
    }

    public Map<String, Object> appConfigs() {
        return context.appConfigs();
    }

    public Map<String, Object> appConfigsWithPrefix(String prefix) {
        return context.appConfigsWithPrefix(prefix);
    }

    public long currentSystemTimeMs() {
        return context.currentSystemTimeMs();
    }

    public long currentStreamTimeMs() {
        return context.currentStreamTimeMs();
    }
}
