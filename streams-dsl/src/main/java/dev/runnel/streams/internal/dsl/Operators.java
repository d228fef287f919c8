package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.KeyValue;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.kstream.ForeachAction;
import dev.runnel.streams.kstream.KeyValueMapper;
import dev.runnel.streams.kstream.Predicate;
import dev.runnel.streams.kstream.ValueMapperWithKey;
import dev.runnel.streams.processor.api.ContextualFixedKeyProcessor;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.FixedKeyProcessor;
import dev.runnel.streams.processor.api.FixedKeyProcessorSupplier;
import dev.runnel.streams.processor.api.FixedKeyRecord;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.Record;
import java.util.List;

/**
 * The stateless KStream operators, one processor supplier each, named input kind + operation (STYLE.md §3). Key-keeping
 * operators are fixed-key processors, so they cannot change keys by accident.
 */
public final class Operators {
    private Operators() {
    }

    /** filter and filterNot. */
    public record KStreamFilter<K, V>(Predicate<? super K, ? super V> predicate, boolean filterNot)
        implements ProcessorSupplier<K, V, K, V> {
        @Override
        public Processor<K, V, K, V> get() {
            return new ContextualProcessor<>() {
                @Override
                public void process(Record<K, V> record) {
                    if (predicate.test(record.key(), record.value()) != filterNot) {
                        context().forward(record);
                    }
                }
            };
        }
    }

    /** map and selectKey: one new pair per record. */
    public record KStreamMap<K, V, KR, VR>(
        KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper)
        implements ProcessorSupplier<K, V, KR, VR> {
        @Override
        public Processor<K, V, KR, VR> get() {
            return new ContextualProcessor<>() {
                @Override
                public void process(Record<K, V> record) {
                    KeyValue<? extends KR, ? extends VR> pair = mapper.apply(record.key(), record.value());
                    if (pair == null) {
                        throw new StreamsException("The KeyValueMapper of map returned null; return a KeyValue, or"
                            + " use flatMap to drop records");
                    }
                    context().forward(record.<KR>withKey(pair.key).<VR>withValue(pair.value));
                }
            };
        }
    }

    /** mapValues, with or without the key. */
    public record KStreamMapValues<K, V, VR>(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper)
        implements FixedKeyProcessorSupplier<K, V, VR> {
        @Override
        public FixedKeyProcessor<K, V, VR> get() {
            return new ContextualFixedKeyProcessor<>() {
                @Override
                public void process(FixedKeyRecord<K, V> record) {
                    context().forward(record.<VR>withValue(mapper.apply(record.key(), record.value())));
                }
            };
        }
    }

    /** flatMap: zero or more pairs per record. */
    public record KStreamFlatMap<K, V, KR, VR>(
        KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper)
        implements ProcessorSupplier<K, V, KR, VR> {
        @Override
        public Processor<K, V, KR, VR> get() {
            return new ContextualProcessor<>() {
                @Override
                public void process(Record<K, V> record) {
                    Iterable<? extends KeyValue<? extends KR, ? extends VR>> pairs =
                        mapper.apply(record.key(), record.value());
                    for (KeyValue<? extends KR, ? extends VR> pair : pairs) {
                        context().forward(record.<KR>withKey(pair.key).<VR>withValue(pair.value));
                    }
                }
            };
        }
    }

    /** flatMapValues: zero or more values per record, same key. */
    public record KStreamFlatMapValues<K, V, VR>(
        ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper)
        implements FixedKeyProcessorSupplier<K, V, VR> {
        @Override
        public FixedKeyProcessor<K, V, VR> get() {
            return new ContextualFixedKeyProcessor<>() {
                @Override
                public void process(FixedKeyRecord<K, V> record) {
                    for (VR value : mapper.apply(record.key(), record.value())) {
                        context().forward(record.withValue(value));
                    }
                }
            };
        }
    }

    /** peek (forwards) and foreach (terminal). */
    public record KStreamPeek<K, V>(ForeachAction<? super K, ? super V> action, boolean forwardDownstream)
        implements FixedKeyProcessorSupplier<K, V, V> {
        @Override
        public FixedKeyProcessor<K, V, V> get() {
            return new ContextualFixedKeyProcessor<>() {
                @Override
                public void process(FixedKeyRecord<K, V> record) {
                    action.apply(record.key(), record.value());
                    if (forwardDownstream) {
                        context().forward(record);
                    }
                }
            };
        }
    }

    /**
     * split: sends each record to the child of the first predicate it passes, else to the default child, else
     * nowhere. The lists grow while branches are added; tasks read them only once the topology is built.
     */
    public record KStreamBranch<K, V>(List<Predicate<? super K, ? super V>> predicates, List<String> childNames)
        implements ProcessorSupplier<K, V, K, V> {
        @Override
        public Processor<K, V, K, V> get() {
            return new ContextualProcessor<>() {
                @Override
                public void process(Record<K, V> record) {
                    for (int i = 0; i < predicates.size(); i++) {
                        if (predicates.get(i) == null || predicates.get(i).test(record.key(), record.value())) {
                            context().forward(record, childNames.get(i));
                            return;
                        }
                    }
                }
            };
        }
    }

    /** merge and branch children: passes every record on. */
    public record KStreamPassThrough<K, V>() implements ProcessorSupplier<K, V, K, V> {
        @Override
        public Processor<K, V, K, V> get() {
            return new ContextualProcessor<>() {
                @Override
                public void process(Record<K, V> record) {
                    context().forward(record);
                }
            };
        }
    }

    /** toStream: a table's changes as a stream of new values. */
    public record KTableToStream<K, V>() implements ProcessorSupplier<K, Change<V>, K, V> {
        @Override
        public Processor<K, Change<V>, K, V> get() {
            return new ToStreamProcessor<>();
        }
    }

    /** Forwards a table's new values; it never reads old ones (see {@link NewValuesOnly}). */
    private static final class ToStreamProcessor<K, V> extends ContextualProcessor<K, Change<V>, K, V>
        implements NewValuesOnly {
        @Override
        public void process(Record<K, Change<V>> record) {
            context().forward(record.withValue(record.value().newValue()));
        }
    }

    /**
     * A processor of a table's changes that reads only their new values, so its parent need not look old values up
     * (a cache write-down then skips a store read and a deserialization per entry).
     */
    interface NewValuesOnly {
    }
}
