package dev.runnel.common.utils;

import java.util.Locale;

/** One-line argument checks whose messages are formatted with {@link Locale#ROOT}. */
public final class Checks {
    private Checks() {
    }

    public static void requireArgument(boolean condition, String template, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, template, args));
        }
    }

    public static void requireState(boolean condition, String template, Object... args) {
        if (!condition) {
            throw new IllegalStateException(String.format(Locale.ROOT, template, args));
        }
    }
}
