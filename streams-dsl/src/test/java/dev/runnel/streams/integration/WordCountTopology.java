package dev.runnel.streams.integration;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.Topology;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.Stores;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Word count with a hand-written counting processor over a logged key-value store: lines → words → counts. */
public final class WordCountTopology {
    public static final String STORE = "word-counts";

    private WordCountTopology() {
    }

    /** Builds lines(key ignored, value a line) → {@code outputTopic}(word, running count), through {@code words}. */
    public static Topology build(String inputTopic, String wordsTopic, String outputTopic) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(),
            Serdes.Long()));
        builder.stream(inputTopic, Consumed.with(Serdes.String(), Serdes.String()))
            .flatMap((key, line) -> {
                List<KeyValue<String, String>> words = new ArrayList<>();
                for (String word : line.toLowerCase(Locale.ROOT).split("\\W+")) {
                    if (!word.isEmpty()) {
                        words.add(KeyValue.pair(word, word));
                    }
                }
                return words;
            })
            .to(wordsTopic, Produced.with(Serdes.String(), Serdes.String()));
        builder.stream(wordsTopic, Consumed.with(Serdes.String(), Serdes.String()))
            .process(Counter::new, STORE)
            .to(outputTopic, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    /** Counts records per key in the store and forwards the new count. */
    static final class Counter extends ContextualProcessor<String, String, String, Long> {
        private KeyValueStore<String, Long> store;

        @Override
        public void init(ProcessorContext<String, Long> context) {
            super.init(context);
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            Long previous = store.get(record.key());
            long count = previous == null ? 1 : previous + 1;
            store.put(record.key(), count);
            context().forward(record.withValue(count));
        }
    }
}
