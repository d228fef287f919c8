package dev.runnel.streams.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.TestOutputTopic;
import dev.runnel.streams.Topology;
import dev.runnel.streams.TopologyTestDriver;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code schedule(Instant startTime, ...)} (KIP-1146) in the runtime's context, through the test driver. */
class AnchoredPunctuationTest {
    private static Topology topology(Instant startTime, Duration interval, PunctuationType type) {
        return new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("ticker", () -> new ContextualProcessor<String, String, String, String>() {
                @Override
                public void init(ProcessorContext<String, String> context) {
                    super.init(context);
                    context.schedule(startTime, interval, type,
                        timestamp -> context.forward(new Record<>("tick", "tick@" + timestamp, timestamp)));
                }

                @Override
                public void process(Record<String, String> record) {
                }
            }, "source")
            .addSink("sink", "output", Serdes.String().serializer(), Serdes.String().serializer(), "ticker");
    }

    @Test
    void shouldAlignWallClockPunctuationsToAPastStartTime() {
        // Start 1_000 is past at 10_500: due times are 1_000 + n * 1_000, the first at 11_000.
        try (TopologyTestDriver driver = new TopologyTestDriver(
            topology(Instant.ofEpochMilli(1_000L), Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME),
            Instant.ofEpochMilli(10_500L))) {
            TestOutputTopic<String, String> output =
                driver.createOutputTopic("output", Serdes.String().deserializer(), Serdes.String().deserializer());
            driver.advanceWallClockTime(Duration.ofMillis(499));
            assertTrue(output.isEmpty());
            driver.advanceWallClockTime(Duration.ofMillis(1));
            assertEquals(List.of("tick@11000"), output.readValuesToList());
            driver.advanceWallClockTime(Duration.ofMillis(1_000));
            assertEquals(List.of("tick@12000"), output.readValuesToList());
        }
    }

    @Test
    void shouldFirstFireAFutureWallClockStartTimeAtThatTime() {
        try (TopologyTestDriver driver = new TopologyTestDriver(
            topology(Instant.ofEpochMilli(15_000L), Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME),
            Instant.ofEpochMilli(10_500L))) {
            TestOutputTopic<String, String> output =
                driver.createOutputTopic("output", Serdes.String().deserializer(), Serdes.String().deserializer());
            driver.advanceWallClockTime(Duration.ofMillis(4_499));
            assertTrue(output.isEmpty());
            driver.advanceWallClockTime(Duration.ofMillis(1));
            assertEquals(List.of("tick@15000"), output.readValuesToList());
        }
    }

    @Test
    void shouldAlignStreamTimePunctuationsToTheStartTime() {
        try (TopologyTestDriver driver = new TopologyTestDriver(
            topology(Instant.ofEpochMilli(5L), Duration.ofMillis(10), PunctuationType.STREAM_TIME),
            Instant.ofEpochMilli(0L))) {
            TestInputTopic<String, String> input =
                driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, String> output =
                driver.createOutputTopic("output", Serdes.String().deserializer(), Serdes.String().deserializer());
            for (long timestamp : new long[] {4, 5, 14, 15, 38, 44, 45}) {
                input.pipeInput("k", "v", timestamp);
            }
            // Due at 5, 15, 25, ...: 38 jumps over 25 and 35 and fires once; the next due time stays at 45.
            assertEquals(List.of("tick@5", "tick@15", "tick@38", "tick@45"), output.readValuesToList());
        }
    }
}
