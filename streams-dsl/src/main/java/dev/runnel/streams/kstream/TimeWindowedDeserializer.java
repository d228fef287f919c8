package dev.runnel.streams.kstream;

import dev.runnel.common.serialization.Deserializer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads the format of {@link TimeWindowedSerializer}; the window end is start + {@code windowSize} (capped at
 * {@code Long.MAX_VALUE}).
 */
public class TimeWindowedDeserializer<T> implements Deserializer<Windowed<T>> {
    private final Deserializer<T> inner;
    private final long windowSize;

    /** Wraps the key deserializer; {@code windowSize} is in ms. */
    public TimeWindowedDeserializer(Deserializer<T> inner, long windowSize) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.windowSize = windowSize;
    }

    /** Returns the window size in ms. */
    public Long getWindowSize() {
        return windowSize;
    }

    @Override
    public Windowed<T> deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        int keyLength = data.length - TimeWindowedSerializer.TIMESTAMP_SIZE;
        T key = inner.deserialize(topic, Arrays.copyOfRange(data, 0, keyLength));
        long start = ByteBuffer.wrap(data).getLong(keyLength);
        long end = start + windowSize;
        return new Windowed<>(key, new TimeWindow(start, end < start ? Long.MAX_VALUE : end));
    }
}
