package dev.runnel.streams.perf;

import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.Topology;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.internal.state.MeteredKeyValueStore;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.Stores;
import dev.runnel.streams.state.WindowStore;
import dev.runnel.streams.state.WindowStoreIterator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/** The benchmark workloads: input generation, topology, and how many records the last sub-topology processes. */
final class Workloads {
    static final int WORDS_PER_LINE = 5;
    static final int VOCABULARY = 10_000;
    static final int KEYS = 10_000;
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

        /** Returns how many records the last sub-topology has processed at the end of the input. */
        long expectedProcessed(long inputRecords);

        Topology topology();
    }

    static Workload of(String name, long records) {
        return switch (name) {
            case "wordcount" -> new WordCount(records);
            case "windowed-count" -> new WindowedCount(records);
            case "join" -> new StreamTableJoin(records);
            case "memory" -> new Memory(records);
            default -> throw new IllegalArgumentException("Unknown workload " + name
                + "; give wordcount, windowed-count, join or memory");
        };
    }

    static String word(int index) {
        return "w" + Integer.toString(index, 36);
    }

    /** Lines of 5 words; each word counted in a key-value store, the new count sent to an output topic. */
    record WordCount(long lines) implements Workload {
        @Override
        public String name() {
            return "wordcount";
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
                    line.append(w == 0 ? "" : " ").append(word(random.nextInt(VOCABULARY)));
                }
                return new ProducerRecord<>("lines", null, 0L, null, line.toString().getBytes(StandardCharsets.UTF_8));
            });
        }

        @Override
        public long expectedProcessed(long inputRecords) {
            return inputRecords;
        }

        @Override
        public Topology topology() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("counts"),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
            builder.stream("lines", Consumed.with(Serdes.ByteArray(), Serdes.String()))
                .flatMap((key, line) -> {
                    List<KeyValue<String, String>> words = new ArrayList<>(WORDS_PER_LINE);
                    int start = 0;
                    for (int i = 0; i <= line.length(); i++) {
                        if (i == line.length() || line.charAt(i) == ' ') {
                            words.add(KeyValue.pair(line.substring(start, i), null));
                            start = i + 1;
                        }
                    }
                    return words;
                })
                .process(CountProcessor::new, "counts")
                .to("word-counts", Produced.with(Serdes.String(), Serdes.Long()));
            return builder.build();
        }
    }

    /**
     * Counts per key in a key-value store. Like the DSL's count, it forwards what the record cache flushes (on commit
     * or eviction) when the store is cached, and every update otherwise.
     */
    static final class CountProcessor extends ContextualProcessor<String, String, String, Long> {
        private KeyValueStore<String, Long> store;
        private boolean forwardEveryUpdate;

        @Override
        public void init(ProcessorContext<String, Long> context) {
            super.init(context);
            store = context.getStateStore("counts");
            forwardEveryUpdate = !(store instanceof MeteredKeyValueStore<String, Long> metered
                && metered.setFlushListener((key, count, old, timestamp) ->
                    context.forward(new Record<>(key, count, timestamp)), false));
        }

        @Override
        public void process(Record<String, String> record) {
            Long previous = store.get(record.key());
            long count = previous == null ? 1L : previous + 1L;
            store.put(record.key(), count);
            if (forwardEveryUpdate) {
                context().forward(record.withValue(count));
            }
        }
    }

    /** A 10-second tumbling count over 10,000 keys, event time advancing 1 ms per record. */
    record WindowedCount(long records) implements Workload {
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
                ("k" + random.nextInt(KEYS)).getBytes(StandardCharsets.UTF_8), value));
        }

        @Override
        public long expectedProcessed(long inputRecords) {
            return inputRecords;
        }

        @Override
        public Topology topology() {
            StreamsBuilder builder = new StreamsBuilder();
            builder.addStateStore(Stores.windowStoreBuilder(Stores.inMemoryWindowStore("windowed-counts",
                Duration.ofMillis(WINDOW_MS * 2), Duration.ofMillis(WINDOW_MS), false), Serdes.String(),
                Serdes.Long()));
            builder.stream("events", Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .process(WindowedCountProcessor::new, "windowed-counts")
                .to("windowed-counts", Produced.with(Serdes.String(), Serdes.Long()));
            return builder.build();
        }
    }

    /** Counts per key and tumbling window in a window store. */
    static final class WindowedCountProcessor extends ContextualProcessor<String, byte[], String, Long> {
        private WindowStore<String, Long> store;

        @Override
        public void init(ProcessorContext<String, Long> context) {
            super.init(context);
            store = context.getStateStore("windowed-counts");
        }

        @Override
        public void process(Record<String, byte[]> record) {
            long windowStart = record.timestamp() - record.timestamp() % WINDOW_MS;
            long count = 1;
            try (WindowStoreIterator<Long> existing = store.fetch(record.key(), windowStart, windowStart)) {
                if (existing.hasNext()) {
                    count += existing.next().value;
                }
            }
            store.put(record.key(), count, windowStart);
            context().forward(record.withValue(count));
        }
    }

    /** A stream joined with a table of 10,000 keys; the table is loaded first (its records are not counted). */
    record StreamTableJoin(long records) implements Workload {
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
            Stream<ProducerRecord<byte[], byte[]>> table = LongStream.range(0, KEYS).mapToObj(i ->
                new ProducerRecord<>("table", null, 0L, ("k" + i).getBytes(StandardCharsets.UTF_8),
                    ("table-value-" + i).getBytes(StandardCharsets.UTF_8)));
            Stream<ProducerRecord<byte[], byte[]>> stream = LongStream.range(0, records).mapToObj(i ->
                new ProducerRecord<>("stream", null, 1L, ("k" + random.nextInt(KEYS)).getBytes(StandardCharsets.UTF_8),
                    ("v" + i).getBytes(StandardCharsets.UTF_8)));
            return Stream.concat(table, stream);
        }

        @Override
        public long inputRecordsCounted(long generated) {
            return generated - KEYS;
        }

        @Override
        public long expectedProcessed(long inputRecords) {
            return inputRecords + KEYS;
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
