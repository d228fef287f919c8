package dev.runnel.bench.kafka;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Runs one workload of {@code runnel perf streams} on Kafka Streams against a running Kafka broker and prints its rate
 * in the same form, so that the two can be compared on one machine: generate the input, start the application with one
 * stream thread and Kafka Streams' defaults, and time it from start until its threads have processed the whole input.
 *
 * <pre>
 * bench/kafka-streams --workload wordcount|window|join --records N [--guarantee exactly_once_v2]
 * </pre>
 */
public final class KafkaStreamsBaseline {
    private static final long STALL_NANOS = 60_000_000_000L;

    private KafkaStreamsBaseline() {
    }

    record Options(BaselineWorkload workload, long records, String guarantee, int keys, String bootstrap, long seed) {
        static Options parse(String[] args) {
            BaselineWorkload workload = BaselineWorkload.WORDCOUNT;
            long records = 1_000_000;
            String guarantee = StreamsConfig.AT_LEAST_ONCE;
            int keys = 10_000;
            String bootstrap = "localhost:19092";
            long seed = 42;
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException("Missing value for " + args[args.length - 1]);
            }
            for (int i = 0; i + 1 < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--workload", "--topology" -> workload = BaselineWorkload.of(value);
                    case "--records" -> records = Long.parseLong(value.replace("_", ""));
                    case "--guarantee" -> guarantee = value;
                    case "--keys" -> keys = Integer.parseInt(value.replace("_", ""));
                    case "--bootstrap" -> bootstrap = value;
                    case "--seed" -> seed = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("Unknown option " + args[i] + "; options: --workload"
                        + " wordcount|window|join, --records N, --guarantee at_least_once|exactly_once_v2, --keys N,"
                        + " --bootstrap HOST:PORT, --seed N");
                }
            }
            return new Options(workload, records, guarantee, keys, bootstrap, seed);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        BaselineWorkload workload = options.workload();
        String prefix = workload.workloadName() + "-" + System.currentTimeMillis() + "-";
        createTopics(options, prefix);
        long generateStart = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
            options.bootstrap(), "linger.ms", 5, "batch.size", 262_144), new ByteArraySerializer(),
            new ByteArraySerializer())) {
            workload.generate(options.records(), options.keys(), new SplittableRandom(options.seed()), producer::send,
                prefix);
            producer.flush();
        }
        System.out.printf(Locale.ROOT, "generated %,d input records in %.2f s%n", options.records(),
            (System.nanoTime() - generateStart) / 1e9);

        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, prefix + "app");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/kafka-streams-baseline");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, options.guarantee());
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        long target = workload.recordsProcessed(options.records(), options.keys());
        long start;
        long end;
        try (KafkaStreams streams = new KafkaStreams(workload.topology(prefix), props)) {
            start = System.nanoTime();
            streams.start();
            awaitProcessed(streams, target);
            end = System.nanoTime();
            double seconds = (end - start) / 1e9;
            double cpuSeconds = streamThreadCpuNanos() / 1e9;
            System.out.printf(Locale.ROOT, "%s on Kafka Streams (%s, 1 thread(s)): %,d input records in %.2f s = %,.0f"
                    + " records/s%n", workload.workloadName(), options.guarantee(), options.records(), seconds,
                options.records() / seconds);
            System.out.printf(Locale.ROOT, "stream thread CPU: %.2f s = %,.0f records per CPU-second%n", cpuSeconds,
                options.records() / cpuSeconds);
        }
    }

    private static void createTopics(Options options, String prefix) throws Exception {
        List<String> names = switch (options.workload()) {
            case WORDCOUNT -> List.of("lines", "word-counts");
            case WINDOW -> List.of("events", "windowed-counts");
            case JOIN -> List.of("table", "stream", "joined");
        };
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", options.bootstrap()))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : names) {
                topics.add(new NewTopic(prefix + name, 1, (short) 1));
            }
            admin.createTopics(topics).all().get();
        }
    }

    /** Waits until the stream threads' process-total (an INFO metric, so recorded by default) reaches target. */
    private static void awaitProcessed(KafkaStreams streams, long target) throws InterruptedException {
        double processed = 0;
        long lastProgress = System.nanoTime();
        while (processed < target) {
            Thread.sleep(5);
            double now = 0;
            for (Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
                MetricName name = entry.getKey();
                if (name.name().equals("process-total") && name.group().equals("stream-thread-metrics")) {
                    now += (Double) entry.getValue().metricValue();
                }
            }
            if (now > processed) {
                processed = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL_NANOS) {
                throw new IllegalStateException("No progress for 60 s: " + (long) processed + " of " + target
                    + " records processed; state " + streams.state());
            }
        }
    }

    private static long streamThreadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().matches(".*-StreamThread-\\d+")) {
                total += Math.max(0, threads.getThreadCpuTime(thread.getId()));
            }
        }
        return total;
    }
}
