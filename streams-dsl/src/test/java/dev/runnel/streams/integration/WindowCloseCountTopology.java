package dev.runnel.streams.integration;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.Topology;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.EmitStrategy;
import dev.runnel.streams.kstream.Grouped;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.kstream.TimeWindows;
import java.time.Duration;

/**
 * Counts the records of each key of "clicks" per 10 ms tumbling window, emitted once when the window closes, to
 * "final-counts" keyed "key@windowStart".
 */
public final class WindowCloseCountTopology {
    private WindowCloseCountTopology() {
    }

    /** Adds the count, with {@code grace} after each window, to {@code builder} and builds it. */
    public static Topology build(StreamsBuilder builder, Duration grace) {
        builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), grace))
            .emitStrategy(EmitStrategy.onWindowClose())
            .count()
            .toStream((window, count) -> window.key() + "@" + window.window().start())
            .to("final-counts", Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }
}
