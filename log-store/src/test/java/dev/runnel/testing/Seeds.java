package dev.runnel.testing;

import java.util.stream.LongStream;

/**
 * Seeds for seeded property tests: {@code count} fixed ones, or the single seed given with {@code -Dtest.seed=} to
 * replay a failure. Tests put the seed in every assertion message.
 */
public final class Seeds {
    private Seeds() {
    }

    public static LongStream seeds(int count) {
        String replay = System.getProperty("test.seed");
        if (replay != null && !replay.isBlank()) {
            return LongStream.of(Long.parseLong(replay.trim()));
        }
        return LongStream.range(0, count).map(i -> 0x9E3779B97F4A7C15L * (i + 1));
    }
}
