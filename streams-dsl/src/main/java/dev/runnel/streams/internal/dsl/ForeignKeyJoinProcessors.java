package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.ByteArraySerializer;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.internal.dsl.SubscriptionWrapper.Instruction;
import dev.runnel.streams.internal.dsl.SubscriptionWrapper.Response;
import dev.runnel.streams.internal.dsl.SubscriptionWrapper.Subscription;
import dev.runnel.streams.kstream.ValueJoiner;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.ProcessingContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.ValueAndTimestamp;
import java.util.Arrays;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processors of a foreign-key join (see {@link ForeignKeyJoinBuilder}). Serdes that are {@code null} resolve to
 * the application defaults in {@code init}, as sources and sinks resolve them.
 */
final class ForeignKeyJoinProcessors {
    private static final Logger LOG = LoggerFactory.getLogger(ForeignKeyJoinProcessors.class);

    private ForeignKeyJoinProcessors() {
    }

    /** The serdes of both tables, resolved per processor in {@code init}. */
    record Serdes<K, V, KO, VO>(Serde<K> keySerde, Serde<V> valueSerde, Serde<KO> otherKeySerde,
        Serde<VO> otherValueSerde, String topic) {
        @SuppressWarnings("unchecked")
        Serdes<K, V, KO, VO> resolve(ProcessingContext context) {
            return new Serdes<>(keySerde != null ? keySerde : (Serde<K>) context.keySerde(),
                valueSerde != null ? valueSerde : (Serde<V>) context.valueSerde(),
                otherKeySerde != null ? otherKeySerde : (Serde<KO>) context.keySerde(),
                otherValueSerde != null ? otherValueSerde : (Serde<VO>) context.valueSerde(), topic);
        }

        byte[] key(K key) {
            return keySerde.serializer().serialize(topic, key);
        }

        K key(byte[] bytes) {
            return keySerde.deserializer().deserialize(topic, bytes);
        }

        byte[] valueHash(V value) {
            return value == null ? null : SubscriptionWrapper.hash(valueSerde.serializer().serialize(topic, value));
        }

        byte[] otherKey(KO key) {
            return otherKeySerde.serializer().serialize(topic, key);
        }

        byte[] otherValue(VO value) {
            return value == null ? null : otherValueSerde.serializer().serialize(topic, value);
        }

        VO otherValue(byte[] bytes) {
            return bytes == null ? null : otherValueSerde.deserializer().deserialize(topic, bytes);
        }
    }

    /**
     * Left side: turns each change of the left table into subscriptions keyed by the old and new foreign keys. As in
     * Kafka Streams, a left join sends a value without foreign key (or a deletion) with a null foreign key, to be
     * answered with no foreign value; an inner join drops such a value, as a dropped record.
     */
    record SubscriptionSend<K, V, KO>(BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
        boolean leftJoin, Serdes<K, V, KO, ?> serdes) implements ProcessorSupplier<K, Change<V>, Object, byte[]> {
        @Override
        public Processor<K, Change<V>, Object, byte[]> get() {
            return new ContextualProcessor<>() {
                private Serdes<K, V, KO, ?> resolved;

                @Override
                public void init(ProcessorContext<Object, byte[]> context) {
                    super.init(context);
                    resolved = serdes.resolve(context);
                }

                @Override
                public void process(Record<K, Change<V>> record) {
                    if (!record.value().isLatest()) {
                        DroppedRecords.skipHistoryOnlyUpdate(LOG, context(), "a foreign-key join");
                        return;
                    }
                    V newValue = record.value().newValue();
                    V oldValue = record.value().oldValue();
                    KO oldKey = oldValue == null ? null : foreignKeyExtractor.apply(record.key(), oldValue);
                    KO newKey = newValue == null ? null : foreignKeyExtractor.apply(record.key(), newValue);
                    byte[] primaryKey = resolved.key(record.key());
                    byte[] hash = resolved.valueHash(newValue);
                    boolean keyChanged = oldKey != null
                        && (newKey == null || !Arrays.equals(resolved.otherKey(oldKey), resolved.otherKey(newKey)));
                    // As in Kafka, an inner join's result that disappears (the left record deleted, or its foreign key
                    // gone) is retracted through the old foreign key's side, which stamps the tombstone with the later
                    // of the left record's and the foreign record's times; a left join retracts it through a null
                    // foreign key, at the left record's time.
                    if (newValue == null) {
                        if (oldKey != null && !leftJoin) {
                            subscribe(record, oldKey, Instruction.DELETE_KEY_AND_PROPAGATE, null, primaryKey);
                        } else if (oldValue != null && leftJoin) {
                            if (oldKey != null) {
                                subscribe(record, oldKey, Instruction.DELETE_KEY_NO_PROPAGATE, null, primaryKey);
                            }
                            subscribe(record, null, Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE, null,
                                primaryKey);
                        }
                        return;
                    }
                    if (newKey == null && !leftJoin) {
                        // As in Kafka, an inner join drops (and counts) a record without foreign key, retracting the
                        // result of its old one.
                        DroppedRecords.skipNullForeignKey(LOG, context());
                        if (oldKey != null) {
                            subscribe(record, oldKey, Instruction.DELETE_KEY_AND_PROPAGATE, hash, primaryKey);
                        }
                        return;
                    }
                    if (keyChanged) {
                        subscribe(record, oldKey, Instruction.DELETE_KEY_NO_PROPAGATE, hash, primaryKey);
                    }
                    Instruction instruction = leftJoin || keyChanged
                        ? Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE
                        : Instruction.PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE;
                    subscribe(record, newKey, instruction, hash, primaryKey);
                }

                private void subscribe(Record<K, Change<V>> record, KO foreignKey, Instruction instruction,
                    byte[] hash, byte[] primaryKey) {
                    context().forward(record.<Object>withKey(foreignKey).withValue(
                        SubscriptionWrapper.encodeSubscription(instruction, hash, primaryKey)));
                }
            };
        }
    }

    /**
     * Right side, subscriptions: keeps each subscription in the subscription store under (foreign key, primary key)
     * and passes it on, decoded, to {@link SubscriptionJoinForeign}.
     */
    record SubscriptionReceive<KO>(String storeName, Serdes<?, ?, KO, ?> serdes)
        implements ProcessorSupplier<KO, byte[], KO, Subscription> {
        @Override
        public Processor<KO, byte[], KO, Subscription> get() {
            return new ContextualProcessor<>() {
                private KeyValueStore<Bytes, byte[]> store;
                private Serdes<?, ?, KO, ?> resolved;

                @Override
                public void init(ProcessorContext<KO, Subscription> context) {
                    super.init(context);
                    store = context.getStateStore(storeName);
                    resolved = serdes.resolve(context);
                }

                @Override
                public void process(Record<KO, byte[]> record) {
                    if (record.value() == null) {
                        return;
                    }
                    Subscription subscription = SubscriptionWrapper.decodeSubscription(record.value());
                    if (record.key() == null) {
                        // A left join's value without foreign key: nothing to keep, answered with no foreign value.
                        if (subscription.instruction() == Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE) {
                            context().forward(record.withValue(subscription));
                        } else {
                            DroppedRecords.skipNullKeyOrValue(LOG, context(), "a foreign-key join's subscriptions",
                                true);
                        }
                        return;
                    }
                    Bytes storeKey = Bytes.wrap(SubscriptionWrapper.combinedKey(resolved.otherKey(record.key()),
                        subscription.primaryKey()));
                    if (subscription.instruction() == Instruction.DELETE_KEY_AND_PROPAGATE
                        || subscription.instruction() == Instruction.DELETE_KEY_NO_PROPAGATE) {
                        store.delete(storeKey);
                    } else {
                        store.put(storeKey, record.value());
                    }
                    context().forward(record.withValue(subscription));
                }
            };
        }
    }

    /**
     * Right side, subscriptions received: answers each with the foreign key's current value, keyed by the primary
     * key, as its instruction says.
     */
    record SubscriptionJoinForeign<K, KO, VO>(KTableValueGetterSupplier<KO, VO> otherGetter,
        Serdes<K, ?, KO, VO> serdes) implements ProcessorSupplier<KO, Subscription, K, byte[]> {
        @Override
        public Processor<KO, Subscription, K, byte[]> get() {
            return new ContextualProcessor<>() {
                private final KTableValueGetter<KO, VO> getter = otherGetter.get();
                private Serdes<K, ?, KO, VO> resolved;

                @Override
                public void init(ProcessorContext<K, byte[]> context) {
                    super.init(context);
                    getter.init(context);
                    resolved = serdes.resolve(context);
                }

                @Override
                public void process(Record<KO, Subscription> record) {
                    Subscription subscription = record.value();
                    Instruction instruction = subscription.instruction();
                    if (instruction == Instruction.DELETE_KEY_NO_PROPAGATE) {
                        return;
                    }
                    K primaryKey = resolved.key(subscription.primaryKey());
                    ValueAndTimestamp<VO> foreign = record.key() == null ? null : getter.get(record.key());
                    if (instruction == Instruction.DELETE_KEY_AND_PROPAGATE) {
                        respond(record, primaryKey, subscription.hash(), null, resultTimestamp(record, foreign));
                    } else if (foreign != null || instruction == Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE) {
                        respond(record, primaryKey, subscription.hash(), ValueAndTimestamp.getValueOrNull(foreign),
                            resultTimestamp(record, foreign));
                    }
                }

                @Override
                public void close() {
                    getter.close();
                }

                /** A result's time: the later of the subscribing left record's and the foreign record's. */
                private static long resultTimestamp(Record<?, ?> record, ValueAndTimestamp<?> foreign) {
                    return foreign == null ? record.timestamp() : Math.max(record.timestamp(), foreign.timestamp());
                }

                private void respond(Record<KO, Subscription> record, K primaryKey, byte[] hash, VO foreignValue,
                    long timestamp) {
                    context().forward(record.withKey(primaryKey).withValue(
                        SubscriptionWrapper.encodeResponse(hash, resolved.otherValue(foreignValue)))
                        .withTimestamp(timestamp));
                }
            };
        }
    }

    /** Right side, table changes: answers every subscription of the changed foreign key with its new value. */
    record ForeignTableChange<K, KO, VO>(String storeName, Serdes<K, ?, KO, VO> serdes)
        implements ProcessorSupplier<KO, Change<VO>, K, byte[]> {
        @Override
        public Processor<KO, Change<VO>, K, byte[]> get() {
            return new ContextualProcessor<>() {
                private KeyValueStore<Bytes, byte[]> store;
                private Serdes<K, ?, KO, VO> resolved;

                @Override
                public void init(ProcessorContext<K, byte[]> context) {
                    super.init(context);
                    store = context.getStateStore(storeName);
                    resolved = serdes.resolve(context);
                }

                @Override
                public void process(Record<KO, Change<VO>> record) {
                    if (!record.value().isLatest()) {
                        DroppedRecords.skipHistoryOnlyUpdate(LOG, context(), "a foreign-key join");
                        return;
                    }
                    if (record.key() == null) {
                        return;
                    }
                    byte[] prefix = SubscriptionWrapper.foreignKeyPrefix(resolved.otherKey(record.key()));
                    byte[] foreignValue = resolved.otherValue(record.value().newValue());
                    try (KeyValueIterator<Bytes, byte[]> subscriptions =
                        store.prefixScan(prefix, new ByteArraySerializer())) {
                        while (subscriptions.hasNext()) {
                            KeyValue<Bytes, byte[]> entry = subscriptions.next();
                            Subscription subscription = SubscriptionWrapper.decodeSubscription(entry.value);
                            context().forward(record.withKey(resolved.key(subscription.primaryKey())).withValue(
                                SubscriptionWrapper.encodeResponse(subscription.hash(), foreignValue)));
                        }
                    }
                }
            };
        }
    }

    /**
     * Left side, responses: drops a response whose hash no longer matches the current left value (a newer
     * subscription is on its way), else joins the current left value with the foreign value.
     */
    record ResponseResolve<K, V, VO, VR>(KTableValueGetterSupplier<K, V> thisGetter,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, boolean leftJoin, Serdes<K, V, ?, VO> serdes)
        implements ProcessorSupplier<K, byte[], K, VR> {
        @Override
        public Processor<K, byte[], K, VR> get() {
            return new ContextualProcessor<>() {
                private final KTableValueGetter<K, V> getter = thisGetter.get();
                private Serdes<K, V, ?, VO> resolved;

                @Override
                public void init(ProcessorContext<K, VR> context) {
                    super.init(context);
                    getter.init(context);
                    resolved = serdes.resolve(context);
                }

                @Override
                public void process(Record<K, byte[]> record) {
                    Response response = SubscriptionWrapper.decodeResponse(record.value());
                    V current = ValueAndTimestamp.getValueOrNull(getter.get(record.key()));
                    if (!SubscriptionWrapper.sameHash(response.hash(), resolved.valueHash(current))) {
                        return;
                    }
                    VO foreign = resolved.otherValue(response.foreignValue());
                    VR result = foreign == null && (!leftJoin || current == null) ? null
                        : joiner.apply(current, foreign);
                    context().forward(record.withValue(result));
                }

                @Override
                public void close() {
                    getter.close();
                }
            };
        }
    }
}
