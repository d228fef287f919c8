package dev.runnel.streams.internal.state;

import dev.runnel.streams.KeyValue;
import dev.runnel.streams.state.KeyValueIterator;
import java.util.function.Function;

/** A view of an iterator with keys and values converted, such as deserialized. */
public final class MappedKeyValueIterator<K1, V1, K2, V2> implements KeyValueIterator<K2, V2> {
    private final KeyValueIterator<K1, V1> inner;
    private final Function<K1, K2> keyMapper;
    private final Function<V1, V2> valueMapper;

    /** Creates the view; the mappers are applied lazily on each {@code next()}. */
    public MappedKeyValueIterator(KeyValueIterator<K1, V1> inner, Function<K1, K2> keyMapper,
        Function<V1, V2> valueMapper) {
        this.inner = inner;
        this.keyMapper = keyMapper;
        this.valueMapper = valueMapper;
    }

    @Override
    public boolean hasNext() {
        return inner.hasNext();
    }

    @Override
    public KeyValue<K2, V2> next() {
        KeyValue<K1, V1> next = inner.next();
        return KeyValue.pair(keyMapper.apply(next.key), valueMapper.apply(next.value));
    }

    @Override
    public K2 peekNextKey() {
        return keyMapper.apply(inner.peekNextKey());
    }

    @Override
    public void close() {
        inner.close();
    }
}
