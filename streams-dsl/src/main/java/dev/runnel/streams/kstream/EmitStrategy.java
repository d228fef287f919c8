package dev.runnel.streams.kstream;

import java.util.Objects;

/**
 * When a windowed aggregation emits its results: on every update of a window (the default), or once per window, when
 * it closes (stream time passes its end plus the grace period), like {@code suppress(untilWindowCloses(unbounded()))}.
 *
 * <pre>{@code
 * stream.groupByKey().windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMinutes(1)))
 *     .emitStrategy(EmitStrategy.onWindowClose())
 *     .count();
 * }</pre>
 */
public interface EmitStrategy {
    /** The kinds of strategy. */
    enum StrategyType {
        ON_WINDOW_UPDATE,
        ON_WINDOW_CLOSE;

        /** Returns the strategy of kind {@code type}. */
        public static EmitStrategy forType(StrategyType type) {
            return Objects.requireNonNull(type, "type") == ON_WINDOW_CLOSE ? onWindowClose() : onWindowUpdate();
        }
    }

    /** Returns this strategy's kind. */
    StrategyType type();

    /** Emits a window's final result only, once the window has closed. */
    static EmitStrategy onWindowClose() {
        return () -> StrategyType.ON_WINDOW_CLOSE;
    }

    /** Emits every update of a window (through the record cache, if it is on). */
    static EmitStrategy onWindowUpdate() {
        return () -> StrategyType.ON_WINDOW_UPDATE;
    }
}
