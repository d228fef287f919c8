package dev.runnel.streams.kstream;

import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.Record;

/**
 * A terminal processor that runs a {@link ForeachAction} on each record's key and value and forwards nothing, for
 * {@code KStream#process(() -> new ForeachProcessor<>(action))} where {@code foreach} would do but a processor is
 * wanted (to wrap it, or to name and connect it in a {@code Topology}).
 */
public class ForeachProcessor<K, V> implements Processor<K, V, Void, Void> {
    private final ForeachAction<K, V> action;

    public ForeachProcessor(ForeachAction<K, V> action) {
        this.action = action;
    }

    @Override
    public void process(Record<K, V> record) {
        action.apply(record.key(), record.value());
    }
}
