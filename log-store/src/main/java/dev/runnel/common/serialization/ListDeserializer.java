package dev.runnel.common.serialization;

import dev.runnel.common.config.ConfigException;
import dev.runnel.common.errors.SerializationException;
import dev.runnel.common.header.Headers;
import java.lang.reflect.Constructor;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads lists written by {@link ListSerializer} or by Kafka's, in either of the format's strategies, deserializing
 * each element with an inner deserializer into a new instance of the given {@code List} class. Bytes that do not
 * hold a well-formed list are a {@link SerializationException}; a {@code null} input deserializes to {@code null}.
 *
 * <p>Created with the list class and inner deserializer, or with the no-argument constructor and then configured from
 * {@code default.list.key.serde.type} and {@code default.list.key.serde.inner} (or the {@code .value.} pair). The
 * list class needs a public constructor taking the initial capacity ({@code int}) or none. Thread-safe once
 * configured if the inner deserializer is.
 *
 * @param <Inner> the element type
 */
public class ListDeserializer<Inner> implements Deserializer<List<Inner>> {
    private Deserializer<Inner> inner;
    private Constructor<?> listConstructor;
    private boolean takesCapacity;
    private int width;

    /** Creates a deserializer to be configured from {@code default.list.(key|value).serde.type} and {@code .inner}. */
    public ListDeserializer() {
    }

    public <L extends List<Inner>> ListDeserializer(Class<L> listClass, Deserializer<Inner> inner) {
        Objects.requireNonNull(listClass, "listClass");
        this.inner = Objects.requireNonNull(inner, "inner");
        useListClass(listClass);
    }

    public Deserializer<Inner> innerDeserializer() {
        return inner;
    }

    /**
     * Creates the list class and inner deserializer from the configs when this deserializer was created without them.
     *
     * @throws ConfigException if they were passed to the constructor, or are not configured
     */
    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (inner != null) {
            throw new ConfigException("List deserializer was already initialized using a non-default "
                + "constructor");
        }
        Class<?> listClass = ListFormat.listClass(configs, isKey);
        inner = (Deserializer<Inner>) ListFormat.innerSerde(configs, isKey).deserializer();
        useListClass(listClass);
    }

    private void useListClass(Class<?> listClass) {
        width = ListFormat.widthOf(inner);
        try {
            listConstructor = listClass.getConstructor(int.class);
            takesCapacity = true;
        } catch (NoSuchMethodException noCapacity) {
            try {
                listConstructor = listClass.getConstructor();
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException("List class " + listClass.getName()
                    + " has neither a public (int) nor a public no-argument constructor", e);
            }
        }
    }

    @Override
    public List<Inner> deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    @Override
    public List<Inner> deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        if (inner == null) {
            throw new IllegalStateException("ListDeserializer has no inner deserializer: pass one to the constructor "
                + "or configure it with default.list.key.serde.type and .inner (or the value pair)");
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        try {
            byte strategy = in.get();
            if (strategy == ListFormat.CONSTANT_SIZE) {
                return readConstantSize(topic, headers, in);
            } else if (strategy == ListFormat.VARIABLE_SIZE) {
                return readVariableSize(topic, headers, in);
            }
            throw malformed(topic, "unknown serialization strategy flag " + strategy);
        } catch (BufferUnderflowException e) {
            throw malformed(topic, "the data ends before the list does");
        }
    }

    private List<Inner> readConstantSize(String topic, Headers headers, ByteBuffer in) {
        if (width == ListFormat.VARIABLE_WIDTH) {
            throw malformed(topic, "the list was written with fixed-width elements, which "
                + inner.getClass().getName() + " does not read");
        }
        int nullCount = requireCount(topic, in.getInt(), in.remaining() / Integer.BYTES, "null index");
        int[] nullIndexes = new int[nullCount];
        for (int i = 0; i < nullCount; i++) {
            nullIndexes[i] = in.getInt();
        }
        int size = requireCount(topic, in.getInt(), nullCount + in.remaining() / width, "element");
        List<Inner> list = newList(size);
        int nextNull = 0;
        for (int i = 0; i < size; i++) {
            if (nextNull < nullCount && nullIndexes[nextNull] == i) {
                nextNull++;
                list.add(null);
            } else {
                list.add(readEntry(topic, headers, in, width));
            }
        }
        if (nextNull != nullCount) {
            throw malformed(topic, "its null indexes are not ascending indexes below its size " + size);
        }
        return list;
    }

    private List<Inner> readVariableSize(String topic, Headers headers, ByteBuffer in) {
        int size = requireCount(topic, in.getInt(), in.remaining() / Integer.BYTES, "element");
        List<Inner> list = newList(size);
        for (int i = 0; i < size; i++) {
            int length = in.getInt();
            if (length == ListFormat.NULL_ENTRY_SIZE) {
                list.add(null);
            } else {
                list.add(readEntry(topic, headers, in, length));
            }
        }
        return list;
    }

    private Inner readEntry(String topic, Headers headers, ByteBuffer in, int length) {
        if (length < 0 || length > in.remaining()) {
            throw malformed(topic, "an element of " + length + " bytes does not fit in the " + in.remaining()
                + " bytes left");
        }
        ByteBuffer entry = in.slice().limit(length);
        in.position(in.position() + length);
        // The buffer variant lets deserializers that read in place skip copying each element.
        return inner.deserialize(topic, headers, entry);
    }

    /** Checks a count read from the data against what the remaining bytes can hold, before anything is allocated. */
    private static int requireCount(String topic, int count, int max, String what) {
        if (count < 0 || count > max) {
            throw malformed(topic, String.format(Locale.ROOT, "its %s count %d is not within [0, %d]", what, count,
                max));
        }
        return count;
    }

    @SuppressWarnings("unchecked")
    private List<Inner> newList(int size) {
        try {
            return (List<Inner>) (takesCapacity ? listConstructor.newInstance(size) : listConstructor.newInstance());
        } catch (ReflectiveOperationException e) {
            throw new SerializationException("Could not create a list of class "
                + listConstructor.getDeclaringClass().getName(), e);
        }
    }

    private static SerializationException malformed(String topic, String reason) {
        return new SerializationException("Invalid list data from topic '" + topic + "': " + reason);
    }

    @Override
    public void close() {
        if (inner != null) {
            inner.close();
        }
    }
}
