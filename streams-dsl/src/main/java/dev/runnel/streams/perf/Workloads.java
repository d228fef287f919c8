package dev.runnel.streams.perf;

import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.Topology;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Grouped;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.kstream.Repartitioned;
import dev.runnel.streams.kstream.TimeWindows;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.Stores;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/** The benchmark workloads: input generation, topology, and how many records the stream threads process. */
final class Workloads {
    static final int WORDS_PER_LINE = 5;
    /** The distinct words of the word count and keys of the windowed count and join, unless {@code --keys} says. */
    static final int DEFAULT_KEYS = 10_000;
    static final long WINDOW_MS = 10_000;

    private Workloads() {
    }

    /** One workload. */
    interface Workload {
        String name();

        List<String> topics();

        /** The input records, generated from {@code random}. */
        Stream<ProducerRecord<byte[], byte[]>> input(SplittableRandom random);

        /** Returns the number of input records counted in throughput, given the number generated. */
        default long inputRecordsCounted(long generated) {
            return generated;
        }

        /** Returns how many records the stream threads have processed, in all sub-topologies, at the input's end. */
        long expectedProcessed(long inputRecords);

        Topology topology();
    }

    /** Returns workload {@code name} over {@code keys} distinct words or keys (the memory workload ignores them). */
    static Workload of(String name, long records, int keys) {
        if (keys <= 0) {
            throw new IllegalArgumentException("--keys must be positive, got " + keys);
        }
        return switch (name) {
            case "wordcount" -> new WordCount(records, keys, WordCountStage.FULL);
            case "wordcount-split" -> new WordCount(records, keys, WordCountStage.SPLIT);
            case "wordcount-shuffle" -> new WordCount(records, keys, WordCountStage.SHUFFLE);
            case "windowed-count" -> new WindowedCount(records, keys);
            case "join" -> new StreamTableJoin(records, keys);
            case "memory" -> new Memory(records);
            default -> throw new IllegalArgumentException("Unknown workload " + name
                + "; give wordcount, windowed-count, join or memory (or wordcount-split, wordcount-shuffle)");
        };
    }

    static String word(int index) {
        return "w" + Integer.toString(index, 36);
    }

    /**
     * How much of the word count runs, so that the rates of the three tell what each stage costs: the split alone
     * (lines read, split, each word counted in a plain map), the split and the shuffle (the words also go through the
     * repartition topic, as {@code groupBy} sends them), or the whole word count (a count store with its record cache
     * and changelog, and the counts' output topic).
     */
    enum WordCountStage {
        SPLIT("wordcount-split"), SHUFFLE("wordcount-shuffle"), FULL("wordcount");

        private final String workloadName;

        WordCountStage(String workloadName) {
            this.workloadName = workloadName;
        }
    }

    /**
     * Lines of 5 words drawn uniformly from {@code vocabulary} words; {@code flatMapValues/groupBy/count} with the
     * record cache, counts sent to an output topic (or the first stages of it, see {@link WordCountStage}).
     */
    record WordCount(long lines, int vocabulary, WordCountStage stage) implements Workload {
        @Override
        public String name() {
            return stage.workloadName;
        }

        @Override
        public List<String> topics() {
            return List.of("lines", "word-counts");
        }

        @Override
        public Stream<ProducerRecord<byte[], byte[]>> input(SplittableRandom random) {
            return LongStream.range(0, lines).mapToObj(i -> {
                StringBuilder line = new StringBuilder(40);
                for (int w = 0; w < WORDS_PER_LINE; w++) {
                    line.append(w == 0 ? "" : " ").append(word(random.nextInt(vocabulary)));
                }
                return new ProducerRecord<>("lines", null, 0L, null, line.toString().getBytes(StandardCharsets.UTF_8));
            });
        }

        @Override
        public long expectedProcessed(long inputRecords) {
            // Each line once and, past the split, each of its words again from the repartition topic.
            return stage == WordCountStage.SPLIT ? inputRecords : inputRecords * (1 + WORDS_PER_LINE);
        }

        @Override
        public Topology topology() {
            StreamsBuilder builder = new StreamsBuilder();
            KStream<byte[], String> words = builder.stream("lines", Consumed.with(Serdes.ByteArray(), Serdes.String()))
                .flatMapValues(Workloads::words);
            if (stage == WordCountStage.SPLIT) {
                words.process(WordTally<byte[]>::new);
                return builder.build();
            }
            if (stage == WordCountStage.SHUFFLE) {
                words.selectKey((key, word) -> word)
                    .repartition(Repartitioned.with(Serdes.String(), Serdes.String()))
                    .process(WordTally<String>::new);
                return builder.build();
            }
            words.groupBy((key, word) -> word, Grouped.with(Serdes.String(), Serdes.String()))
                .count(Materialized.as("counts"))
                .toStream()
                .to("word-counts", Produced.with(Serdes.String(), Serdes.Long()));
            return builder.build();
        }
    }

    /** Counts words (the values) in a plain map: the word count's work without a state store. */
    private static final class WordTally<K> implements Processor<K, String, Void, Void> {
        private final Map<String, long[]> counts = new HashMap<>();

        @Override
        public void process(Record<K, String> record) {
            counts.computeIfAbsent(record.value(), word -> new long[1])[0]++;
        }
    }

    /** Splits a line at single spaces; no regular expression on the hot path. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>(WORDS_PER_LINE);
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == ' ') {
                words.add(line.substring(start, i));
                start = i + 1;
            }
        }
        return words;
    }

    /** A 10-second tumbling {@code windowedBy(...).count()} over {@code keys} keys; event time +1 ms a record. */
    record WindowedCount(long records, int keys) implements Workload {
        @Override
        public String name() {
            return "windowed-count";
        }

        @Override
        public List<String> topics() {
            return List.of("events", "windowed-counts");
        }

        @Override
        public Stream<ProducerRecord<byte[], byte[]>> input(SplittableRandom random) {
            byte[] value = new byte[8];
            return LongStream.range(0, records).mapToObj(i -> new ProducerRecord<>("events", null, i,
                ("k" + random.nextInt(keys)).getBytes(StandardCharsets.UTF_8), value));
        }

        @Override
        public long expectedProcessed(long inputRecords) {
            return inputRecords;
        }

        @Override
        public Topology topology() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("events", Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .groupByKey()
                .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(WINDOW_MS)))
                .count(Materialized.as("windowed-counts"))
                .toStream()
                .map((windowed, count) -> KeyValue.pair(windowed.key(), count))
                .to("windowed-counts", Produced.with(Serdes.String(), Serdes.Long()));
            return builder.build();
        }
    }

    /** A stream joined with a table of {@code keys} keys; the table is loaded first (its records are not counted). */
    record StreamTableJoin(long records, int keys) implements Workload {
        @Override
        public String name() {
            return "join";
        }

        @Override
        public List<String> topics() {
            return List.of("table", "stream", "joined");
        }

        @Override
        public Stream<ProducerRecord<byte[], byte[]>> input(SplittableRandom random) {
            Stream<ProducerRecord<byte[], byte[]>> table = LongStream.range(0, keys).mapToObj(i ->
                new ProducerRecord<>("table", null, 0L, ("k" + i).getBytes(StandardCharsets.UTF_8),
                    ("table-value-" + i).getBytes(StandardCharsets.UTF_8)));
            Stream<ProducerRecord<byte[], byte[]>> stream = LongStream.range(0, records).mapToObj(i ->
                new ProducerRecord<>("stream", null, 1L, ("k" + random.nextInt(keys)).getBytes(StandardCharsets.UTF_8),
                    ("v" + i).getBytes(StandardCharsets.UTF_8)));
            return Stream.concat(table, stream);
        }

        @Override
        public long inputRecordsCounted(long generated) {
            return generated - keys;
        }

        @Override
        public long expectedProcessed(long inputRecords) {
            return inputRecords + keys;
        }

        @Override
        public Topology topology() {
            StreamsBuilder builder = new StreamsBuilder();
            KTable<String, String> table = builder.table("table", Consumed.with(Serdes.String(), Serdes.String()));
            builder.stream("stream", Consumed.with(Serdes.String(), Serdes.String()))
                .join(table, (left, right) -> right)
                .to("joined", Produced.with(Serdes.String(), Serdes.String()));
            return builder.build();
        }
    }

    /** 1,000,000 (or --records) distinct keys with 100-byte values into one key-value store. */
    record Memory(long records) implements Workload {
        @Override
        public String name() {
            return "memory";
        }

        @Override
        public List<String> topics() {
            return List.of("kv");
        }

        @Override
        public Stream<ProducerRecord<byte[], byte[]>> input(SplittableRandom random) {
            return LongStream.range(0, records).mapToObj(i -> {
                byte[] value = new byte[100];
                random.nextBytes(value);
                return new ProducerRecord<>("kv", null, 0L, Bytes.wrap(("key-" + i)
                    .getBytes(StandardCharsets.UTF_8)).get(), value);
            });
        }

        @Override
        public long expectedProcessed(long inputRecords) {
            return inputRecords;
        }

        @Override
        public Topology topology() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("kv-store"),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled());
            builder.stream("kv", Consumed.with(Serdes.Bytes(), Serdes.ByteArray()))
                .process(() -> new ContextualProcessor<Bytes, byte[], Void, Void>() {
                    private KeyValueStore<Bytes, byte[]> store;

                    @Override
                    public void init(ProcessorContext<Void, Void> context) {
                        super.init(context);
                        store = context.getStateStore("kv-store");
                    }

                    @Override
                    public void process(Record<Bytes, byte[]> record) {
                        store.put(record.key(), record.value());
                    }
                }, "kv-store");
            return builder.build();
        }
    }
}
