package dev.runnel.common.serialization;

import dev.runnel.common.config.ConfigException;
import dev.runnel.common.errors.SerializationException;
import dev.runnel.common.header.Headers;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Serializes a {@code List} by serializing each element with an inner serializer, in Kafka's list format
 * (KIP-466), so that lists written by Runnel and by Kafka read back in either. Lists of shorts, integers, floats,
 * longs, doubles and UUIDs are written without per-element lengths, with the positions of null elements up front;
 * other lists carry each element's length, -1 for null. A {@code null} list serializes to {@code null}.
 *
 * <p>Created with the inner serializer, or with the no-argument constructor and then configured from
 * {@code default.list.key.serde.inner} / {@code default.list.value.serde.inner} (a {@link Serde} class). Thread-safe
 * once configured if the inner serializer is.
 *
 * @param <Inner> the element type
 */
public class ListSerializer<Inner> implements Serializer<List<Inner>> {
    private Serializer<Inner> inner;
    private int width;

    /** Creates a serializer to be configured from {@code default.list.(key|value).serde.inner}. */
    public ListSerializer() {
    }

    public ListSerializer(Serializer<Inner> inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.width = ListFormat.widthOf(inner);
    }

    public Serializer<Inner> getInnerSerializer() {
        return inner;
    }

    /**
     * Creates the inner serializer from {@code default.list.key.serde.inner} (or {@code .value.}) when this serializer
     * was created without one.
     *
     * @throws ConfigException if an inner serializer was passed to the constructor, or none is
     *     configured
     */
    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (inner != null) {
            throw new ConfigException("List serializer was already initialized using a non-default "
                + "constructor");
        }
        inner = (Serializer<Inner>) ListFormat.innerSerde(configs, isKey).serializer();
        width = ListFormat.widthOf(inner);
    }

    @Override
    public byte[] serialize(String topic, List<Inner> data) {
        return serialize(topic, null, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, List<Inner> data) {
        if (data == null) {
            return null;
        }
        Serializer<Inner> serializer = requireInner();
        int size = data.size();
        byte[][] entries = new byte[size][];
        int nulls = 0;
        int entryBytes = 0;
        int i = 0;
        for (Inner element : data) {
            byte[] bytes = element == null ? null : headers == null ? serializer.serialize(topic, element)
                : serializer.serialize(topic, headers, element);
            // An inner serializer may map an element to null; it reads back as a null element.
            if (bytes == null) {
                nulls++;
            } else {
                requireWidth(bytes, i);
                entries[i] = bytes;
                entryBytes += bytes.length;
            }
            i++;
        }
        boolean constant = width != ListFormat.VARIABLE_WIDTH;
        int header = 1 + Integer.BYTES + (constant ? Integer.BYTES * (1 + nulls) : Integer.BYTES * size);
        ByteBuffer out = ByteBuffer.allocate(header + entryBytes);
        out.put(constant ? ListFormat.CONSTANT_SIZE : ListFormat.VARIABLE_SIZE);
        if (constant) {
            out.putInt(nulls);
            for (int index = 0; index < size; index++) {
                if (entries[index] == null) {
                    out.putInt(index);
                }
            }
        }
        out.putInt(size);
        for (byte[] entry : entries) {
            if (!constant) {
                out.putInt(entry == null ? ListFormat.NULL_ENTRY_SIZE : entry.length);
            }
            if (entry != null) {
                out.put(entry);
            }
        }
        return out.array();
    }

    /** Refuses an element whose bytes would not read back under CONSTANT_SIZE, e.g. a UUID in UTF-16. */
    private void requireWidth(byte[] bytes, int index) {
        if (width != ListFormat.VARIABLE_WIDTH && bytes.length != width) {
            throw new SerializationException(String.format(Locale.ROOT,
                "List element %d serialized by %s to %d bytes, but the list format reads exactly %d bytes per element",
                index, inner.getClass().getName(), bytes.length, width));
        }
    }

    private Serializer<Inner> requireInner() {
        if (inner == null) {
            throw new IllegalStateException("ListSerializer has no inner serializer: pass one to the constructor or "
                + "configure it with default.list.key.serde.inner or default.list.value.serde.inner");
        }
        return inner;
    }

    @Override
    public void close() {
        if (inner != null) {
            inner.close();
        }
    }
}
