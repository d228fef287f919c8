package dev.runnel.streams.internal.runtime;

import dev.runnel.common.header.Headers;
import dev.runnel.streams.processor.RecordContext;
import dev.runnel.streams.processor.api.RecordMetadata;

/** The position and timestamp of the record being processed; topic null and offset -1 inside punctuations. */
public record ProcessorRecordContext(long timestamp, long offset, int partition, String topic, Headers headers)
    implements RecordContext, RecordMetadata {

    /** Returns the context of a punctuation at {@code timestamp}. */
    public static ProcessorRecordContext punctuation(long timestamp) {
        return new ProcessorRecordContext(timestamp, -1L, -1, null, new StreamsHeaders());
    }

    /**
     * Returns {@code null}: the runtime's own contexts do not keep the input record's bytes, which every context made
     * for a forwarded record would then carry; {@link ProcessorContextImpl#userRecordContext()} adds them for
     * application callbacks.
     */
    @Override
    public byte[] sourceRawKey() {
        return null;
    }

    /** Returns {@code null}, as {@link #sourceRawKey()} does. */
    @Override
    public byte[] sourceRawValue() {
        return null;
    }

    /** Returns this position with the timestamp and headers of a forwarded record. */
    public ProcessorRecordContext forwarding(long newTimestamp, Headers newHeaders) {
        if (newTimestamp == timestamp && newHeaders == headers) {
            return this;
        }
        return new ProcessorRecordContext(newTimestamp, offset, partition, topic, newHeaders);
    }
}
