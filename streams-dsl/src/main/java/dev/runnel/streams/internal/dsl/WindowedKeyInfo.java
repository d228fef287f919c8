package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.kstream.WindowedSerdes;

/**
 * What a windowed table knows of its windows: the grace period (which {@code suppress(untilWindowCloses)} waits
 * for) and how to serialize its windowed keys.
 *
 * @param gracePeriodMs how long in ms after a window's end a record may still change it: the grace period, plus
 *     the inactivity gap for sessions (a record up to gap + grace after a session's end can still extend it)
 * @param windowSizeMs the window size of time windows; ignored for sessions
 * @param session whether the windows are sessions
 */
public record WindowedKeyInfo(long gracePeriodMs, long windowSizeMs, boolean session) {
    /** Returns the windowed serde around {@code inner}, or {@code null} if {@code inner} is. */
    public <K> Serde<Windowed<K>> serde(Serde<K> inner) {
        if (inner == null) {
            return null;
        }
        return session ? new WindowedSerdes.SessionWindowedSerde<>(inner)
            : new WindowedSerdes.TimeWindowedSerde<>(inner, windowSizeMs);
    }
}
