package dev.runnel.streams.integration;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.Topology;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Grouped;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.state.KeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Word count with the DSL: lines → words (written to an explicit topic, so tests choose its partition count) →
 * {@code groupByKey().count()} over a logged store. The store's cache is off so that every update is forwarded,
 * which the restart and rebalance tests count on.
 */
public final class WordCountTopology {
    public static final String STORE = "word-counts";

    private WordCountTopology() {
    }

    /** Builds lines(key ignored, value a line) → {@code outputTopic}(word, running count), through {@code words}. */
    public static Topology build(String inputTopic, String wordsTopic, String outputTopic) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputTopic, Consumed.with(Serdes.String(), Serdes.String()))
            .flatMapValues(WordCountTopology::words)
            .selectKey((key, word) -> word)
            .to(wordsTopic, Produced.with(Serdes.String(), Serdes.String()));
        builder.stream(wordsTopic, Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
            .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(STORE).withCachingDisabled())
            .toStream()
            .to(outputTopic, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    /** Splits a line into lower-case words. */
    public static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        for (String word : line.toLowerCase(Locale.ROOT).split("\\W+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }
}
