package dev.runnel.bench.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;

/**
 * The three workloads of {@code runnel perf streams} (streams-dsl's {@code Workloads}) written against Kafka Streams:
 * the same inputs from the same seed, the same topologies. Topic names carry a per-run prefix, so that runs against
 * one broker do not read each other's records.
 */
enum BaselineWorkload {
    WORDCOUNT("wordcount") {
        @Override
        void generate(long records, int keys, SplittableRandom random, Consumer<ProducerRecord<byte[], byte[]>> send,
            String prefix) {
            for (long i = 0; i < records; i++) {
                StringBuilder line = new StringBuilder(40);
                for (int w = 0; w < WORDS_PER_LINE; w++) {
                    line.append(w == 0 ? "" : " ").append(word(random.nextInt(keys)));
                }
                send.accept(new ProducerRecord<>(prefix + "lines", null, 0L, null, utf8(line.toString())));
            }
        }

        @Override
        Topology topology(String prefix) {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream(prefix + "lines", Consumed.with(Serdes.ByteArray(), Serdes.String()))
                .flatMapValues(BaselineWorkload::words)
                .groupBy((key, word) -> word, Grouped.with(Serdes.String(), Serdes.String()))
                .count(Materialized.as("counts"))
                .toStream()
                .to(prefix + "word-counts", Produced.with(Serdes.String(), Serdes.Long()));
            return builder.build();
        }

        @Override
        long recordsProcessed(long records, int keys) {
            // Each line once, and each of its words again after the repartition topic.
            return records * (1 + WORDS_PER_LINE);
        }
    },
    WINDOW("windowed-count") {
        @Override
        void generate(long records, int keys, SplittableRandom random, Consumer<ProducerRecord<byte[], byte[]>> send,
            String prefix) {
            byte[] value = new byte[8];
            for (long i = 0; i < records; i++) {
                send.accept(new ProducerRecord<>(prefix + "events", null, i, utf8("k" + random.nextInt(keys)), value));
            }
        }

        @Override
        Topology topology(String prefix) {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream(prefix + "events", Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .groupByKey()
                .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(10)))
                .count(Materialized.as("windowed-counts"))
                .toStream()
                .map((windowed, count) -> KeyValue.pair(windowed.key(), count))
                .to(prefix + "windowed-counts", Produced.with(Serdes.String(), Serdes.Long()));
            return builder.build();
        }

        @Override
        long recordsProcessed(long records, int keys) {
            return records;
        }
    },
    JOIN("join") {
        @Override
        void generate(long records, int keys, SplittableRandom random, Consumer<ProducerRecord<byte[], byte[]>> send,
            String prefix) {
            for (int i = 0; i < keys; i++) {
                send.accept(new ProducerRecord<>(prefix + "table", null, 0L, utf8("k" + i), utf8("table-value-" + i)));
            }
            for (long i = 0; i < records; i++) {
                send.accept(new ProducerRecord<>(prefix + "stream", null, 1L, utf8("k" + random.nextInt(keys)),
                    utf8("v" + i)));
            }
        }

        @Override
        Topology topology(String prefix) {
            StreamsBuilder builder = new StreamsBuilder();
            KTable<String, String> table = builder.table(prefix + "table", Consumed.with(Serdes.String(),
                Serdes.String()));
            builder.stream(prefix + "stream", Consumed.with(Serdes.String(), Serdes.String()))
                .join(table, (left, right) -> right)
                .to(prefix + "joined", Produced.with(Serdes.String(), Serdes.String()));
            return builder.build();
        }

        @Override
        long recordsProcessed(long records, int keys) {
            // The table's records are processed too, but not counted in the rate.
            return records + keys;
        }
    };

    static final int WORDS_PER_LINE = 5;
    private final String workloadName;

    BaselineWorkload(String workloadName) {
        this.workloadName = workloadName;
    }

    /** Sends the workload's input, {@code records} records counted in the rate. */
    abstract void generate(long records, int keys, SplittableRandom random,
        Consumer<ProducerRecord<byte[], byte[]>> send, String prefix);

    abstract Topology topology(String prefix);

    /** Returns how many records the application's stream threads process in all (process-total) at the input's end. */
    abstract long recordsProcessed(long records, int keys);

    String workloadName() {
        return workloadName;
    }

    static BaselineWorkload of(String name) {
        return switch (name) {
            case "wordcount" -> WORDCOUNT;
            case "window", "windowed-count" -> WINDOW;
            case "join" -> JOIN;
            default -> throw new IllegalArgumentException("Unknown workload " + name + "; give wordcount, window or join");
        };
    }

    private static String word(int index) {
        return "w" + Integer.toString(index, 36);
    }

    private static List<String> words(String line) {
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

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
