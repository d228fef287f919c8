package dev.runnel.streams.perf;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.NewTopic;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.serialization.ByteArraySerializer;
import dev.runnel.common.utils.Directories;

import dev.runnel.streams.KafkaStreams;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.Topology;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * {@code bench/streams-perf} (and {@code runnel perf streams}): generates a workload's input into a fresh embedded
 * log, then runs it through a real {@link KafkaStreams} (one stream thread by default) and times processing from start
 * to the end of the input. Workloads ({@link Workloads}): {@code wordcount} (lines of 5 words, counted per word),
 * {@code windowed-count} (10-second tumbling count over 10,000 keys), {@code join} (stream-table join against 10,000
 * keys), {@code memory} (1,000,000 keys with 100-byte values in one store; reports heap used), and the word count's
 * first stages alone, {@code wordcount-split} and {@code wordcount-shuffle}, whose rates tell what each stage costs
 * (see {@link Workloads.WordCountStage}). {@code --keys N}
 * changes the number of distinct words or keys (the state's size, which decides how often state reads miss the CPU's
 * caches).
 *
 * <pre>
 * bench/streams-perf --workload wordcount --records 2000000 [--guarantee exactly_once_v2] [--threads 1]
 * </pre>
 */
public final class StreamsPerformance {
    /** How long a run may process nothing before it is reported as stuck rather than waited for. */
    private static final long STALL_NANOS = 60_000_000_000L;
    private static final Pattern STREAM_THREAD_NAME = Pattern.compile(".*-StreamThread-\\d+");
    private final Options options;
    private final PrintStream out;

    /** Parsed command line. */
    record Options(String workload, long records, String guarantee, int threads, int partitions, Path dataDir,
        long cacheBytes, long seed, int keys) {
        static Options parse(String[] args) {
            String workload = "wordcount";
            long records = 1_000_000;
            String guarantee = StreamsConfig.AT_LEAST_ONCE;
            int threads = 1;
            int partitions = 1;
            Path dataDir = null;
            long cacheBytes = 10L * 1024 * 1024;
            long seed = 42;
            int keys = Workloads.DEFAULT_KEYS;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (arg) {
                    // --topology wordcount|window|join is the spelling of the same choice.
                    case "--workload", "--topology" -> workload = canonicalWorkload(require(arg, value));
                    case "--records" -> records = Long.parseLong(require(arg, value).replace("_", ""));
                    case "--guarantee" -> guarantee = require(arg, value);
                    case "--threads" -> threads = Integer.parseInt(require(arg, value));
                    case "--partitions" -> partitions = Integer.parseInt(require(arg, value));
                    case "--data-dir" -> dataDir = Path.of(require(arg, value));
                    case "--cache-bytes" -> cacheBytes = Long.parseLong(require(arg, value));
                    case "--seed" -> seed = Long.parseLong(require(arg, value));
                    case "--keys" -> keys = Integer.parseInt(require(arg, value).replace("_", ""));
                    default -> throw new IllegalArgumentException("Unknown option " + arg + "; options: --workload"
                        + " (or --topology) wordcount|windowed-count (or window)|join|memory"
                        + "|wordcount-split|wordcount-shuffle"
                        + ", --records N, --guarantee at_least_once|"
                        + "exactly_once_v2, --threads N, --partitions N, --data-dir DIR, --cache-bytes N, --seed N"
                        + ", --keys N");
                }
                i++;
            }
            return new Options(workload, records, guarantee, threads, partitions, dataDir, cacheBytes, seed, keys);
        }

        private static String canonicalWorkload(String name) {
            return name.equals("window") ? "windowed-count" : name;
        }

        private static String require(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException("Missing value for " + option);
            }
            return value;
        }
    }

    StreamsPerformance(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Runs {@code bench/streams-perf ARGS}; exits non-zero with one line on stderr on bad usage or failure. */
    public static void main(String[] args) {
        try {
            System.exit(run(args, System.out));
        } catch (IllegalArgumentException e) {
            System.err.println("streams-perf: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Runs the benchmark with {@code args}, reporting to {@code out}; returns the exit code. */
    public static int run(String[] args, PrintStream out) {
        Options options = Options.parse(args);
        try {
            return new StreamsPerformance(options, out).run();
        } catch (IOException | InterruptedException | ExecutionException e) {
            throw new IllegalStateException("streams-perf failed: " + e, e);
        }
    }

    private int run() throws IOException, InterruptedException, ExecutionException {
        Path dataDir = options.dataDir() != null ? options.dataDir() : Files.createTempDirectory("streams-perf");
        try {
            Workloads.Workload workload = Workloads.of(options.workload(), options.records(), options.keys());
            Path logDir = dataDir.resolve("log");
            createTopics(logDir, workload);
            long generateStart = System.nanoTime();
            long inputRecords = generate(logDir, workload);
            double generateSeconds = (System.nanoTime() - generateStart) / 1e9;
            out.printf(Locale.ROOT, "generated %,d input records in %.2f s%n", inputRecords, generateSeconds);
            long heapBefore = usedHeapAfterGc();
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "perf-" + workload.name());
            props.put(StreamsConfig.LOG_DIR_CONFIG, logDir.toString());
            props.put(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("state").toString());
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, options.guarantee());
            props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, options.threads());
            props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, options.cacheBytes());
            Topology topology = workload.topology();
            long start;
            long end;
            long streamThreadCpuNanos;
            try (KafkaStreams streams = new KafkaStreams(topology, props)) {
                start = System.nanoTime();
                streams.start();
                long target = workload.expectedProcessed(inputRecords);
                long processed = 0;
                long lastProgressNanos = System.nanoTime();
                // Polls the process-total metric, which has no listener; 5 ms is 0.1% of a run of several seconds.
                while (processed < target) {
                    KafkaStreams.State state = streams.state();
                    if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                        throw new IllegalStateException("The application stopped: " + state);
                    }
                    Thread.sleep(5);
                    long now = processed(streams);
                    if (now > processed) {
                        processed = now;
                        lastProgressNanos = System.nanoTime();
                    } else if (System.nanoTime() - lastProgressNanos > STALL_NANOS) {
                        throw new IllegalStateException("No progress for " + STALL_NANOS / 1_000_000_000L
                            + " s: the stream threads processed " + processed + " of " + target + " records");
                    }
                }
                end = System.nanoTime();
                streamThreadCpuNanos = streamThreadCpuNanos();
                if (workload.name().equals("memory")) {
                    long heapAfter = usedHeapAfterGc();
                    out.printf(Locale.ROOT, "store heap: %.1f MB for %,d keys (heap used %.1f MB before, %.1f MB"
                        + " after)%n", (heapAfter - heapBefore) / 1e6, inputRecords, heapBefore / 1e6, heapAfter / 1e6);
                }
            }
            double seconds = (end - start) / 1e9;
            out.printf(Locale.ROOT, "%s (%s, %d thread(s), %d partition(s)): %,d input records in %.2f s = %,.0f"
                    + " records/s%n", workload.name(), options.guarantee(), options.threads(), options.partitions(),
                inputRecords, seconds, inputRecords / seconds);
            // CPU time shows what the threads cost even when other processes share the cores and stretch the wall
            // clock.
            if (streamThreadCpuNanos > 0) {
                out.printf(Locale.ROOT, "stream thread CPU: %.2f s = %,.0f records per CPU-second%n",
                    streamThreadCpuNanos / 1e9, inputRecords / (streamThreadCpuNanos / 1e9));
            }
            return 0;
        } finally {
            if (options.dataDir() == null) {
                Directories.deleteRecursively(dataDir);
            }
        }
    }

    private void createTopics(Path logDir, Workloads.Workload workload) throws InterruptedException,
        ExecutionException {
        try (Admin admin = Admin.create(Map.of("log.dir", logDir.toString()))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : workload.topics()) {
                topics.add(new NewTopic(topic, Optional.of(options.partitions()), Optional.empty()));
            }
            admin.createTopics(topics).all().get();
        }
    }

    private long generate(Path logDir, Workloads.Workload workload) {
        SplittableRandom random = new SplittableRandom(options.seed());
        Map<String, Object> configs = Map.of("log.dir", logDir.toString(), "linger.ms", 5, "batch.size", 262_144);
        long count = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(configs, new ByteArraySerializer(),
            new ByteArraySerializer())) {
            for (ProducerRecord<byte[], byte[]> record : (Iterable<ProducerRecord<byte[], byte[]>>)
                () -> workload.input(random).iterator()) {
                producer.send(record);
                count++;
            }
            producer.flush();
        }
        return workload.inputRecordsCounted(count);
    }

    /**
     * Returns the records the stream threads have processed so far, in all sub-topologies: their process-total, a
     * metric recorded at the default level (the tasks' is recorded at DEBUG only, as in Kafka Streams).
     */
    private static long processed(KafkaStreams streams) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
            MetricName name = entry.getKey();
            if (name.name().equals("process-total") && name.group().equals("stream-thread-metrics")) {
                total += (Double) entry.getValue().metricValue();
            }
        }
        return (long) total;
    }

    /** Returns the CPU time the application's stream threads have used so far, or 0 where the JVM cannot tell. */
    private static long streamThreadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            return 0;
        }
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            // Stream threads only: the producer's network thread is named after its stream thread too.
            if (STREAM_THREAD_NAME.matcher(thread.getName()).matches()) {
                total += Math.max(0, threads.getThreadCpuTime(thread.getId()));
            }
        }
        return total;
    }

    private static long usedHeapAfterGc() {
        // A full collection returns when it is done; the second one collects what the first one's reference
        // processing freed.
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

}
