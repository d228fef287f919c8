package dev.runnel.streams.internal.runtime;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.StreamsMetrics;
import dev.runnel.streams.processor.Cancellable;
import dev.runnel.streams.processor.PunctuationType;
import dev.runnel.streams.processor.Punctuator;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.api.FixedKeyProcessor;
import dev.runnel.streams.processor.api.FixedKeyProcessorContext;
import dev.runnel.streams.processor.api.FixedKeyProcessorSupplier;
import dev.runnel.streams.processor.api.FixedKeyRecord;
import dev.runnel.streams.processor.api.InternalFixedKeyRecordFactory;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.processor.api.RecordMetadata;
import dev.runnel.streams.state.StoreBuilder;
import java.io.File;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Runs a {@link FixedKeyProcessorSupplier} as an ordinary processor node, so the runtime has one node kind. */
public record FixedKeyProcessorAdapter<KIn, VIn, VOut>(FixedKeyProcessorSupplier<KIn, VIn, VOut> supplier)
    implements ProcessorSupplier<KIn, VIn, KIn, VOut> {

    @Override
    public Processor<KIn, VIn, KIn, VOut> get() {
        FixedKeyProcessor<KIn, VIn, VOut> processor = supplier.get();
        return new Processor<>() {
            @Override
            public void init(ProcessorContext<KIn, VOut> context) {
                processor.init(new ContextView<>(context));
            }

            @Override
            public void process(Record<KIn, VIn> record) {
                processor.process(InternalFixedKeyRecordFactory.create(record));
            }

            @Override
            public void close() {
                processor.close();
            }
        };
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return supplier.stores();
    }

    /** A fixed-key view of a processor context: it forwards only records built from the input record. */
    private record ContextView<K, V>(ProcessorContext<K, V> context) implements FixedKeyProcessorContext<K, V> {
        @Override
        public <K1 extends K, V1 extends V> void forward(FixedKeyRecord<K1, V1> record) {
            context.forward(InternalFixedKeyRecordFactory.toRecord(record));
        }

        @Override
        public <K1 extends K, V1 extends V> void forward(FixedKeyRecord<K1, V1> record, String childName) {
            context.forward(InternalFixedKeyRecordFactory.toRecord(record), childName);
        }

        @Override
        public String applicationId() {
            return context.applicationId();
        }

        @Override
        public TaskId taskId() {
            return context.taskId();
        }

        @Override
        public Optional<RecordMetadata> recordMetadata() {
            return context.recordMetadata();
        }

        @Override
        public Serde<?> keySerde() {
            return context.keySerde();
        }

        @Override
        public Serde<?> valueSerde() {
            return context.valueSerde();
        }

        @Override
        public File stateDir() {
            return context.stateDir();
        }

        @Override
        public <S extends StateStore> S getStateStore(String name) {
            return context.getStateStore(name);
        }

        @Override
        public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
            return context.schedule(interval, type, callback);
        }

        @Override
        public void commit() {
            context.commit();
        }

        @Override
        public Map<String, Object> appConfigs() {
            return context.appConfigs();
        }

        @Override
        public Map<String, Object> appConfigsWithPrefix(String prefix) {
            return context.appConfigsWithPrefix(prefix);
        }

        @Override
        public long currentSystemTimeMs() {
            return context.currentSystemTimeMs();
        }

        @Override
        public long currentStreamTimeMs() {
            return context.currentStreamTimeMs();
        }

        @Override
        public StreamsMetrics metrics() {
            return context.metrics();
        }
    }
}
