package dev.runnel.streams.integration;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.Topology;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Produced;

/** Copies string records from an input topic to an output topic through a processor that fails on one value. */
public final class FailingProcessorTopology {
    /** The value the processor fails on. */
    public static final String POISON = "boom";
    /** The message of the {@link IllegalStateException} the processor throws on {@link #POISON}. */
    public static final String FAILURE = "processor failed on purpose";

    private FailingProcessorTopology() {
    }

    /** Builds {@code inputTopic} → mapValues (throws on {@link #POISON}) → {@code outputTopic}. */
    public static Topology build(String inputTopic, String outputTopic) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputTopic, Consumed.with(Serdes.String(), Serdes.String()))
            .mapValues(v -> {
                if (v.equals(POISON)) {
                    throw new IllegalStateException(FAILURE);
                }
                return v;
            })
            .to(outputTopic, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }
}
