package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.AutoOffsetReset;
import dev.runnel.streams.kstream.Branched;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.Named;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.processor.StreamPartitioner;
import dev.runnel.streams.processor.TimestampExtractor;
import java.util.function.Consumer;
import java.util.function.Function;

/** Read access to the DSL option objects, whose fields are protected so the public API shows only Kafka's methods. */
public final class OptionsInternal {
    private OptionsInternal() {
    }

    /** The parts of a {@link Consumed}. */
    public static final class ConsumedInternal<K, V> extends Consumed<K, V> {
        /** Reads {@code consumed}, for an operation that names its source after it: checks the name. */
        public ConsumedInternal(Consumed<K, V> consumed) {
            super(consumed);
            NamedInternal.checked(processorName);
        }

        /** Returns the key serde, or {@code null}. */
        public Serde<K> keySerde() {
            return keySerde;
        }

        /** Returns the value serde, or {@code null}. */
        public Serde<V> valueSerde() {
            return valueSerde;
        }

        /** Returns the timestamp extractor, or {@code null}. */
        public TimestampExtractor timestampExtractor() {
            return timestampExtractor;
        }

        /** Returns the processor name, or {@code null}. */
        public String name() {
            return processorName;
        }

        /** Returns the offset reset policy, or {@code null} for the config's. */
        public AutoOffsetReset resetPolicy() {
            return resetPolicy;
        }
    }

    /** The parts of a {@link Produced}. */
    public static final class ProducedInternal<K, V> extends Produced<K, V> {
        /** Reads {@code produced}, for an operation that names its sink after it: checks the name. */
        public ProducedInternal(Produced<K, V> produced) {
            super(produced);
            NamedInternal.checked(processorName);
        }

        /** Returns the key serde, or {@code null}. */
        public Serde<K> keySerde() {
            return keySerde;
        }

        /** Returns the value serde, or {@code null}. */
        public Serde<V> valueSerde() {
            return valueSerde;
        }

        /** Returns the partitioner, or {@code null}. */
        public StreamPartitioner<? super K, ? super V> partitioner() {
            return partitioner;
        }

        /** Returns the processor name, or {@code null}. */
        public String name() {
            return processorName;
        }
    }

    /** The name in a {@link Named}, or a generated one. */
    public static final class NamedInternal extends Named {
        /** Returns a {@link Named} without a name, which the operations given none take: a name is generated. */
        public static NamedInternal empty() {
            return new NamedInternal((Named) null);
        }

        /** Reads {@code named}; {@code null} means "generate". */
        public NamedInternal(Named named) {
            super(named);
        }

        /** Returns the name, or {@code null}. */
        public String name() {
            return name;
        }

        /**
         * Returns {@code name} once checked as the name of a processor. Option objects other than {@link Named}
         * accept any name, as in Kafka Streams; the operation that names a processor after one checks it.
         *
         * @throws dev.runnel.streams.errors.TopologyException if the name is illegal
         */
        public static String checked(String name) {
            if (name != null) {
                validate(name);
            }
            return name;
        }

        /**
         * Returns the name, or a new generated {@code prefix + index} name. A given name still takes an index, as in
         * Kafka Streams, so that naming one operation leaves the generated names of the others as they were.
         */
        public String orElseGenerateWithPrefix(InternalStreamsBuilder builder, String prefix) {
            return builder.name(name, prefix);
        }
    }

    /** The parts of a {@link Branched}. */
    public static final class BranchedInternal<K, V> extends Branched<K, V> {
        /** Reads {@code branched}. */
        public BranchedInternal(Branched<K, V> branched) {
            super(branched);
        }

        /** Returns the branch name, or {@code null}. */
        public String name() {
            return name;
        }

        /** Returns the chain function, or {@code null}. */
        public Function<? super KStream<K, V>, ? extends KStream<K, V>> chainFunction() {
            return chainFunction;
        }

        /** Returns the chain consumer, or {@code null}. */
        public Consumer<? super KStream<K, V>> chainConsumer() {
            return chainConsumer;
        }
    }
}
