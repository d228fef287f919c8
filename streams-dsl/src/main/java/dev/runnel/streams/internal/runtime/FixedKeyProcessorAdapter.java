package dev.runnel.streams.internal.runtime;

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
    private static final class ContextView<K, V> extends DelegatingProcessingContext
        implements FixedKeyProcessorContext<K, V> {
        private final ProcessorContext<K, V> forwarding;

        ContextView(ProcessorContext<K, V> context) {
            super(context);
            this.forwarding = context;
        }

        @Override
        public <K1 extends K, V1 extends V> void forward(FixedKeyRecord<K1, V1> record) {
            forwarding.forward(InternalFixedKeyRecordFactory.toRecord(record));
        }

        @Override
        public <K1 extends K, V1 extends V> void forward(FixedKeyRecord<K1, V1> record, String childName) {
            forwarding.forward(InternalFixedKeyRecordFactory.toRecord(record), childName);
        }

        @Override
        public Optional<RecordMetadata> recordMetadata() {
            return context.recordMetadata();
        }
    }
}
