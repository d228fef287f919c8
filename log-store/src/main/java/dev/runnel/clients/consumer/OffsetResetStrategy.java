package dev.runnel.clients.consumer;

import java.util.Locale;

/** The values of {@code auto.offset.reset}. */
public enum OffsetResetStrategy {
    LATEST, EARLIEST, NONE;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
