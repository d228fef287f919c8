package dev.runnel.log.crash;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.NewTopic;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.StringSerializer;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * The child process of {@link ProducerKillIT}: produces to {@code <topic>} in {@code <dataDir>} with {@code acks=all}
 * until it is killed, and prints {@code ACK <partition> <offset> <value>} on stdout for every record whose send
 * callback reported success, and only then. Values are {@code run-<run>-seq-<seq>}, {@code seq} counting sends from 0,
 * so that (run, seq) is unique over the whole test and gives the send order.
 *
 * <p>Lines go through a queue to one writer thread, which flushes stdout after each drained batch of lines; the
 * reader counts only lines ending in a newline, since a kill can cut the last one short.
 *
 * <p>Usage: {@code AckingProducerMain <dataDir> <topic> <partitions> <run>}
 */
public final class AckingProducerMain {
    /** Sends not yet acknowledged at most, so that the producer's buffer never blocks. */
    private static final int MAX_IN_FLIGHT = 2_000;

    private AckingProducerMain() {
    }

    public static void main(String[] args) throws Exception {
        String dataDir = args[0];
        String topic = args[1];
        int partitions = Integer.parseInt(args[2]);
        int run = Integer.parseInt(args[3]);

        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
            false, StandardCharsets.US_ASCII);
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread writer = new Thread(() -> writeLines(lines, out), "ack-writer");
        writer.setDaemon(true);
        writer.start();

        Map<String, Object> config = new HashMap<>();
        config.put("log.dir", dataDir);
        try (Admin admin = Admin.create(config)) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
            }
        }
        config.put("acks", "all");
        config.put("linger.ms", 1);
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
            new StringSerializer());
        out.println("STARTED " + ProcessHandle.current().pid());
        out.flush();
        for (long seq = 0; ; seq++) {
            String value = "run-" + run + "-seq-" + seq;
            inFlight.acquire();
            producer.send(new ProducerRecord<>(topic, null, value), (metadata, error) -> {
                inFlight.release();
                if (error == null) {
                    lines.add("ACK " + metadata.partition() + " " + metadata.offset() + " " + value);
                } else {
                    lines.add("FAIL " + value + " " + error);
                }
            });
        }
    }

    private static void writeLines(LinkedBlockingQueue<String> lines, PrintStream out) {
        List<String> drained = new ArrayList<>();
        try {
            while (true) {
                drained.add(lines.take());
                lines.drainTo(drained);
                for (String line : drained) {
                    out.print(line);
                    out.print('\n');
                }
                out.flush();
                drained.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
