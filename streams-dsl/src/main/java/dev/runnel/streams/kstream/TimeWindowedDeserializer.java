package dev.runnel.streams.kstream;

import dev.runnel.common.config.ConfigDef;
import dev.runnel.common.header.Headers;
import dev.runnel.common.serialization.Deserializer;
import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.StreamsConfig;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the format of {@link TimeWindowedSerializer}, or, once {@link #setIsChangelogTopic set} to, a window store
 * changelog's key, which has a 4-byte sequence number after the start; the window end is start + the window size
 * (capped at {@code Long.MAX_VALUE}). The inner deserializer and the window size are given to the constructor, or,
 * after the no-argument one, by {@link #configure} from {@link #WINDOWED_INNER_DESERIALIZER_CLASS} and
 * {@link #WINDOW_SIZE_MS_CONFIG}.
 */
public class TimeWindowedDeserializer<T> implements Deserializer<Windowed<T>> {
    /** Config: the window size in ms, to rebuild window ends. */
    public static final String WINDOW_SIZE_MS_CONFIG = StreamsConfig.WINDOW_SIZE_MS_CONFIG;
    /** Config: the {@link Serde} class (or its name) whose deserializer reads the keys. */
    public static final String WINDOWED_INNER_DESERIALIZER_CLASS = "windowed.inner.deserializer.class";

    private static final int SEQUENCE_SIZE = Integer.BYTES;

    private Deserializer<T> inner;
    private Long windowSize;
    private boolean isChangelogTopic;

    /** Creates a deserializer to be configured ({@link #configure}) before use. */
    public TimeWindowedDeserializer() {
    }

    /** Wraps the key deserializer; {@code windowSize} is in ms, {@code null} to take it from the configs. */
    public TimeWindowedDeserializer(Deserializer<T> inner, Long windowSize) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.windowSize = windowSize;
    }

    /** Returns the window size in ms, or {@code null} before it is configured. */
    public Long getWindowSize() {
        return windowSize;
    }

    /**
     * Takes the inner deserializer from {@link #WINDOWED_INNER_DESERIALIZER_CLASS} and the window size from
     * {@link #WINDOW_SIZE_MS_CONFIG} where the constructor gave none.
     *
     * @throws IllegalArgumentException if neither gives one, or both do and they differ
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        inner = WindowedInner.resolve(inner, configs, WINDOWED_INNER_DESERIALIZER_CLASS, Serde::deserializer);
        Long configured = (Long) ConfigDef.parseType(WINDOW_SIZE_MS_CONFIG, configs.get(WINDOW_SIZE_MS_CONFIG),
            ConfigDef.Type.LONG);
        if (windowSize == null && configured == null) {
            throw new IllegalArgumentException("The window size is not set: pass it to the constructor or set "
                + WINDOW_SIZE_MS_CONFIG);
        }
        if (windowSize != null && configured != null && !windowSize.equals(configured)) {
            throw new IllegalArgumentException("The window size " + windowSize + " given to the constructor differs"
                + " from " + WINDOW_SIZE_MS_CONFIG + "=" + configured);
        }
        windowSize = windowSize != null ? windowSize : configured;
    }

    /** Sets whether the bytes are a window store changelog's keys, with a sequence number after the start. */
    public void setIsChangelogTopic(boolean isChangelogTopic) {
        this.isChangelogTopic = isChangelogTopic;
    }

    @Override
    public Windowed<T> deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    /** Deserializes the key bytes through the inner deserializer's headers overload, unless {@code headers} is null. */
    @Override
    public Windowed<T> deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        int startOffset = data.length - TimeWindowedSerializer.TIMESTAMP_SIZE - (isChangelogTopic ? SEQUENCE_SIZE : 0);
        T key = WindowedInner.deserializeKey(inner, topic, headers, data, startOffset);
        long size = Objects.requireNonNull(windowSize, "The window size is not set");
        long start = ByteBuffer.wrap(data).getLong(startOffset);
        long end = start + size;
        return new Windowed<>(key, new TimeWindow(start, end < start ? Long.MAX_VALUE : end));
    }

    @Override
    public void close() {
        if (inner != null) {
            inner.close();
        }
    }
}
